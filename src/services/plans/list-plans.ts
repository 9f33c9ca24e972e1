import { READABLE_BY_UNIT } from '../../access/require-plan-access.ts';
import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import type { PlanState } from '../../domain/plan-lifecycle.ts';

export interface ListPlansOptions {
  actor: Actor;
  /** Part of the child's name or the plan number. */
  query?: string;
  state?: PlanState;
  page?: number;
  pageSize?: number;
}

export interface PlanSummary {
  id: string;
  planNumber: string;
  state: PlanState;
  childName: string;
  childBirthDate: string | null;
  nextFollowUpOn: string | null;
  coordinatorName: string | null;
  initiatedAt: Date;
  version: number;
}

/**
 * Searches the plans the actor's unit may read (one query, whatever the number of plans), one
 * page at a time. Each plan shown is a read of the child's data and leaves an audit row.
 */
export async function listPlans(ctx: Context, { actor, query, state, page = 1, pageSize = 50 }: ListPlansOptions): Promise<{ items: PlanSummary[]; page: number; pageSize: number; total: number }> {
  if (actor.role === 'analyst') return { items: [], page, pageSize, total: 0 };
  const today = swedishDate(ctx.clock.now());
  const like = query?.trim() ? `%${query.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<PlanSummary & { total: number; child_id: string; protected_identity: boolean }>(
      `SELECT p.id, p.plan_number AS "planNumber", p.state, ch.given_name || ' ' || ch.family_name AS "childName",
              ch.birth_date AS "childBirthDate", p.next_follow_up_on AS "nextFollowUpOn", s.name AS "coordinatorName",
              p.initiated_at AS "initiatedAt", p.version, p.child_id, ch.protected_identity, count(*) OVER ()::int AS total
       FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
       LEFT JOIN staff s ON s.county = p.county AND s.id = p.coordinator_staff_id
       WHERE p.county = $1 AND ${READABLE_BY_UNIT('$2', '$3')}
         AND ($4::text IS NULL OR ch.given_name || ' ' || ch.family_name ILIKE $4 OR p.plan_number ILIKE $4)
         AND ($5::text IS NULL OR p.state = $5)
       ORDER BY p.initiated_at DESC, p.id
       LIMIT $6 OFFSET $7`,
      [actor.county, actor.unitId, today, like, state ?? null, pageSize, (page - 1) * pageSize]);
    await appendAudit(tx, rows.map((r) => actorEvent(actor, 'R', 'plan.list', { planId: r.id, personId: r.child_id, protectedIdentity: r.protected_identity })));
    return {
      items: rows.map(({ total: _t, child_id: _c, protected_identity: _p, ...item }) => item),
      page, pageSize, total: rows[0]?.total ?? 0,
    };
  });
}
