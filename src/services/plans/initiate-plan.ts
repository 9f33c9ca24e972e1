import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { requireUnits } from '../references.ts';

export interface InitiatePlanOptions {
  actor: Actor;
  childId: string;
  /** Why a SIP is needed (the initiative). */
  reason: string;
  /** Other units that should take part; the actor's unit always does. */
  unitIds?: string[];
}

/**
 * Starts a SIP for a child (initiering). Any unit may initiate, the school and pupil health
 * included (SIP.md §2: the school has no duty to call a SIP but may). Work starts "utan
 * dröjsmål" (SoL 2 kap 7 §): the initiative's time is kept for the key figure of days to the
 * first meeting. The child and the guardians take part from the start (SoL 2 kap 7 § 2 st.).
 */
export async function initiatePlan(ctx: Context, { actor, childId, reason, unitIds = [] }: InitiatePlanOptions): Promise<{ id: string; planNumber: string; version: number }> {
  if (actor.role === 'analyst') throw invalid([{ field: '/', code: 'role', message: 'Uppföljare kan inte starta en SIP.' }]);
  if (!reason.trim()) throw invalid([{ field: '/reason', code: 'required', message: 'Beskriv varför en SIP behövs.' }]);
  const units = [...new Set([actor.unitId, ...unitIds])];
  return ctx.db.transaction(async (tx) => {
    const child = (await tx.query<{ id: string; protected_identity: boolean }>(
      'SELECT id, protected_identity FROM persons WHERE county = $1 AND id = $2', [actor.county, childId])).at(0);
    if (!child) throw invalid([{ field: '/childId', code: 'unknown', message: 'Barnet är inte registrerat.' }]);
    await requireUnits(tx, actor.county, unitIds, (i) => `/unitIds/${i}`);
    const id = newId();
    const year = ctx.clock.now().getFullYear();
    const [{ n }] = (await tx.query<{ n: number }>("SELECT nextval('plan_number_seq')::int AS n")) as [{ n: number }];
    const planNumber = `SIP-${year}-${String(n).padStart(6, '0')}`;
    await tx.query(
      `INSERT INTO plans (county, id, plan_number, child_id, reason, initiating_unit_id, initiated_by, initiated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.county, id, planNumber, childId, reason.trim(), actor.unitId, actor.staffId, ctx.clock.now()]);
    await tx.query(
      `INSERT INTO plan_participants (county, id, plan_id, kind, unit_id, staff_id)
       SELECT $1, uuid_v7(), $2, 'unit', u, CASE WHEN u = $4 THEN $5::uuid END FROM unnest($3::uuid[]) AS u`,
      [actor.county, id, units, actor.unitId, actor.staffId]);
    await tx.query(
      `INSERT INTO plan_participants (county, id, plan_id, kind, person_id)
       SELECT $1::char(2), uuid_v7(), $2::uuid, 'child', $3::uuid
       UNION ALL
       SELECT $1::char(2), uuid_v7(), $2::uuid, 'guardian', gs.guardian_id FROM guardianships gs WHERE gs.county = $1::char(2) AND gs.child_id = $3::uuid`,
      [actor.county, id, childId]);
    await tx.query(
      `INSERT INTO plan_state_changes (county, id, plan_id, from_state, to_state, by_staff_id, by_unit_id)
       VALUES ($1, $2, $3, NULL, 'initiated', $4, $5)`, [actor.county, newId(), id, actor.staffId, actor.unitId]);
    await appendAudit(tx, [actorEvent(actor, 'C', 'plan.initiate', { planId: id, personId: childId, protectedIdentity: child.protected_identity, detail: { unitIds: units } })]);
    return { id, planNumber, version: 1 };
  });
}
