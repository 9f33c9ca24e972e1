/** The audit rows of signing in, choosing an assignment and signing out. */
import type { AuditAction, AuditEvent } from '../../store/audit.ts';
import type { Session } from '../../store/sessions.ts';

/**
 * One row per county the session touches: the staff member's assignment county (or every county
 * where they have a staff row, before one is chosen), or every county that holds the citizen.
 */
export function sessionEvents(session: Session, event: string, action: AuditAction, networkAddress: string | null, staffRows: Array<{ county: string; staffId: string }> = [], detail: Record<string, unknown> = {}): AuditEvent[] {
  const base = { action, event, planId: null, outcome: 'success' as const, networkAddress, protectedIdentity: false, detail };
  if (session.kind === 'citizen') {
    return session.personRefs.map((p) => ({ ...base, county: p.county, actorKind: 'citizen' as const, actorId: p.personId, actorUnitId: null, actorRole: null, personId: p.personId }));
  }
  const a = session.assignment;
  if (a) return [{ ...base, county: a.county, actorKind: 'staff', actorId: a.staffId, actorUnitId: a.unitId, actorRole: a.role, personId: null }];
  const seen = new Set<string>();
  return staffRows.filter((r) => !seen.has(r.county) && seen.add(r.county)).map((r) => ({
    ...base, county: r.county, actorKind: 'staff' as const, actorId: r.staffId, actorUnitId: null, actorRole: null, personId: null,
  }));
}
