import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import type { DeviationState } from '../../domain/deviation-lifecycle.ts';

/** reported: what I reported; managed: what reached me as the nearest manager; steering: what was escalated to my steering groups; measures: what I own a measure in. */
export type DeviationScope = 'reported' | 'managed' | 'steering' | 'measures';
export const DEVIATION_SCOPES: readonly DeviationScope[] = ['reported', 'managed', 'steering', 'measures'];

export interface DeviationSummary {
  id: string;
  title: string;
  status: DeviationState;
  planNumber: string | null;
  reportedAt: Date;
  reporterName: string;
  units: string[];
  agreementName: string | null;
  openMeasures: number;
  version: number;
}

const CONDITION: Record<DeviationScope, string> = {
  reported: 'd.reported_by = me.staff',
  // The actor's unit as manager (närmaste chef): only in the manager role, as for the hand-over queue.
  managed: `me.role = 'manager' AND EXISTS (SELECT 1 FROM deviation_units du WHERE du.county = d.county AND du.deviation_id = d.id AND du.unit_id = me.unit)`,
  steering: 'EXISTS (SELECT 1 FROM steering_group_members g WHERE g.county = d.county AND g.agreement_id = d.agreement_id AND g.staff_id = me.staff)',
  measures: 'EXISTS (SELECT 1 FROM deviation_measures m WHERE m.county = d.county AND m.deviation_id = d.id AND m.owner_staff_id = me.staff)',
};

/** A list of deviations, open ones first and then newest first; each one tied to a plan leaves an audit row. */
export async function listDeviations(ctx: Context, { actor, scope }: { actor: Actor; scope: string }): Promise<{ items: DeviationSummary[] }> {
  if (!DEVIATION_SCOPES.includes(scope as DeviationScope)) throw invalid([{ field: '/scope', code: 'enum', message: `En av ${DEVIATION_SCOPES.join(', ')}.` }]);
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<DeviationSummary & { planId: string | null; childId: string | null; protected: boolean }>(
      `WITH me AS (SELECT $2::uuid AS staff, $3::uuid AS unit, $4::text AS role)
       SELECT d.id, d.title, d.status, p.plan_number AS "planNumber", d.reported_at AS "reportedAt", s.name AS "reporterName",
              (SELECT array_agg(u.name ORDER BY u.name) FROM deviation_units du JOIN units u ON u.county = du.county AND u.id = du.unit_id
               WHERE du.county = d.county AND du.deviation_id = d.id) AS units,
              a.name AS "agreementName",
              (SELECT count(*)::int FROM deviation_measures m WHERE m.county = d.county AND m.deviation_id = d.id AND m.done_on IS NULL) AS "openMeasures",
              d.version, d.plan_id AS "planId", p.child_id AS "childId", coalesce(ch.protected_identity, false) AS protected
       FROM me, deviations d
       JOIN staff s ON s.county = d.county AND s.id = d.reported_by
       LEFT JOIN plans p ON p.county = d.county AND p.id = d.plan_id
       LEFT JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
       LEFT JOIN local_agreements a ON a.county = d.county AND a.id = d.agreement_id
       WHERE d.county = $1 AND ${CONDITION[scope as DeviationScope]}
       ORDER BY d.status = 'closed', d.reported_at DESC
       LIMIT 200`, [actor.county, actor.staffId, actor.unitId, actor.role]);
    await appendAudit(tx, [actorEvent(actor, 'R', 'deviation.list', { detail: { scope, deviationIds: rows.map((r) => r.id) } }),
      ...rows.filter((r) => r.planId).map((r) => actorEvent(actor, 'R', 'deviation.list', { planId: r.planId, personId: r.childId, protectedIdentity: r.protected, detail: { deviationId: r.id } }))]);
    return { items: rows.map(({ planId: _p, childId: _c, protected: _x, ...r }) => ({ ...r, units: r.units ?? [] })) };
  });
}
