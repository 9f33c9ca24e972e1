import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { HANDOVER_STILL_OPEN } from '../notifications/notice-continuity.ts';

export interface HandoverItem {
  id: string;
  planId: string;
  planNumber: string;
  /** What the leaver did in the plan: coordinated it, or answered for one of its interventions. */
  role: 'coordinator' | 'intervention';
  interventionId: string | null;
  /** The intervention left behind, so that the manager sees what it is without opening the plan. */
  interventionDescription: string | null;
  interventionDueOn: string | null;
  formerStaffId: string;
  formerStaffName: string;
  reason: 'deactivated' | 'left_unit';
  createdAt: Date;
}

export interface HandoverQueue {
  items: HandoverItem[];
  /** Who in the unit can take over (active staff and managers). */
  candidates: Array<{ staffId: string; name: string }>;
}

/** Only a unit's manager (närmaste chef) re-assigns its plans when staff leave (SIP.md §3). */
export function requireManager(actor: Actor): void {
  if (actor.role !== 'manager') throw new ServiceError(403, 'role', 'Överlämningskön hanteras av verksamhetens chef.');
}

/**
 * The hand-over queue of the manager's unit: the open plans its leavers coordinated and the open
 * interventions they answered for, oldest first, with the people who can take over. Each plan
 * shown leaves an audit row.
 */
export async function listHandover(ctx: Context, { actor }: { actor: Actor }): Promise<HandoverQueue> {
  requireManager(actor);
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<HandoverItem & { childId: string; protected: boolean }>(
      `SELECT h.id, h.plan_id AS "planId", p.plan_number AS "planNumber", h.role, h.intervention_id AS "interventionId",
              iv.description AS "interventionDescription", iv.due_on::text AS "interventionDueOn",
              h.former_staff_id AS "formerStaffId", fs.name AS "formerStaffName", h.reason, h.created_at AS "createdAt",
              p.child_id AS "childId", ch.protected_identity AS protected
       FROM handover_items h
       JOIN plans p ON p.county = h.county AND p.id = h.plan_id
       JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
       JOIN staff fs ON fs.county = h.county AND fs.id = h.former_staff_id
       LEFT JOIN interventions iv ON iv.county = h.county AND iv.id = h.intervention_id
       WHERE h.county = $1 AND h.unit_id = $2 AND ${HANDOVER_STILL_OPEN}
       ORDER BY h.created_at, h.id`, [actor.county, actor.unitId]);
    const candidates = await tx.query<{ staffId: string; name: string }>(
      `SELECT DISTINCT s.id AS "staffId", s.name FROM memberships m JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
       WHERE m.county = $1 AND m.unit_id = $2 AND m.active AND m.role IN ('staff', 'manager') ORDER BY s.name`, [actor.county, actor.unitId]);
    const plans = new Map(rows.map((r) => [r.planId, r]));
    await appendAudit(tx, [...plans.values()].map((r) => actorEvent(actor, 'R', 'handover.list', { planId: r.planId, personId: r.childId, protectedIdentity: r.protected })));
    return { items: rows.map(({ childId: _c, protected: _p, ...item }) => item), candidates };
  });
}
