import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid, ServiceError } from '../errors.ts';
import { endMemberships } from './end-memberships.ts';
import { requireManager } from './list-handover.ts';

export interface LeaveUnitOptions {
  actor: Actor;
  unitId: string;
  staffId: string;
}

/**
 * The manager records that a staff member has left the unit: their memberships there end, and
 * their open plans and interventions go to the unit's hand-over queue (./end-memberships.ts, the
 * same path as the admin's). Their access to the unit's plans ends with the membership.
 */
export async function leaveUnit(ctx: Context, { actor, unitId, staffId }: LeaveUnitOptions): Promise<{ handover: number }> {
  requireManager(actor);
  if (unitId !== actor.unitId) throw new ServiceError(403, 'not_your_unit', 'Du är chef för en annan verksamhet.');
  if (staffId === actor.staffId) throw invalid([{ field: '/staffId', code: 'self', message: 'Du kan inte avsluta ditt eget uppdrag här.' }]);
  return ctx.db.transaction(async (tx) => {
    const { ended, handover } = await endMemberships(tx, { county: actor.county, staffId, unitId });
    if (ended.length === 0) throw new ServiceError(404, 'not_found', 'Personen har inget aktivt uppdrag i verksamheten.');
    await appendAudit(tx, [actorEvent(actor, 'U', 'staff.leave_unit', { detail: { staffId, unitId, handover } })]);
    return { handover };
  });
}
