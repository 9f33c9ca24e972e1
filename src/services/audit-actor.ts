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

/**
 * The audit row of something the system does by itself (the deadline sweep, the mail worker):
 * no staff member, no unit, no network address.
 */
export function systemEvent(county: string, action: AuditAction, event: string, e: Partial<AuditEvent> = {}): AuditEvent {
  return {
    county, actorKind: 'system', actorId: null, actorUnitId: null, actorRole: null, action, event,
    planId: null, personId: null, outcome: 'success', networkAddress: null, protectedIdentity: false, ...e,
  };
}
