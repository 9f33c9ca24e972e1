import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid, ServiceError } from '../errors.ts';
import { requireManager } from './list-handover.ts';

export interface LeaveUnitOptions {
  actor: Actor;
  unitId: string;
  staffId: string;
}

/**
 * The manager records that a staff member has left the unit: the membership ends, and (through
 * the trigger of migration 009) the open plans they coordinated for the unit and the open
 * interventions they answered for go to the unit's hand-over queue. Their access to the unit's
 * plans ends with the membership.
 */
export async function leaveUnit(ctx: Context, { actor, unitId, staffId }: LeaveUnitOptions): Promise<{ handover: number }> {
  requireManager(actor);
  if (unitId !== actor.unitId) throw new ServiceError(403, 'not_your_unit', 'Du är chef för en annan verksamhet.');
  if (staffId === actor.staffId) throw invalid([{ field: '/staffId', code: 'self', message: 'Du kan inte avsluta ditt eget uppdrag här.' }]);
  return ctx.db.transaction(async (tx) => {
    const ended = await tx.query(
      'UPDATE memberships SET active = false WHERE county = $1 AND staff_id = $2::uuid AND unit_id = $3 AND active RETURNING id',
      [actor.county, staffId, unitId]);
    if (ended.length === 0) throw new ServiceError(404, 'not_found', 'Personen har inget aktivt uppdrag i verksamheten.');
    const [{ n }] = (await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM handover_items WHERE county = $1 AND former_staff_id = $2::uuid AND unit_id = $3 AND resolved_at IS NULL',
      [actor.county, staffId, unitId])) as [{ n: number }];
    await appendAudit(tx, [actorEvent(actor, 'U', 'staff.leave_unit', { detail: { staffId, unitId, handover: n } })]);
    return { handover: n };
  });
}
