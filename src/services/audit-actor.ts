/** The audit row of an access that does not go through a plan (persons, lists). */
import type { AuditAction, AuditEvent } from '../store/audit.ts';
import type { Actor } from './context.ts';

export function actorEvent(actor: Actor, action: AuditAction, event: string, e: Partial<AuditEvent> = {}): AuditEvent {
  return {
    county: actor.county,
    actorKind: 'staff',
    actorId: actor.staffId,
    actorUnitId: actor.unitId,
    actorRole: actor.role,
    action,
    event,
    planId: null,
    personId: null,
    outcome: 'success',
    networkAddress: actor.networkAddress,
    protectedIdentity: false,
    ...e,
  };
}
