/**
 * A staff member has proved who they are at the identity provider (SITHS eID: an HSA-id). Starts
 * their session: with the assignment chosen when they have exactly one, otherwise they choose.
 */
import type { Context } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { appendAudit } from '../../store/audit.ts';
import { deleteOldSessions, endSessionRow, hashToken, insertSession, newToken, type Session } from '../../store/sessions.ts';
import { sessionExpiry, type SessionPolicy } from '../../domain/session-policy.ts';
import { loadAssignmentsByHsaId } from './load-actor.ts';
import { sessionEvents } from './session-audit.ts';
import { forgetSession } from './resume-session.ts';

export interface SignInStaffInput {
  hsaId: string;
  /** The IdP's `sub`. */
  subject: string;
  policy: SessionPolicy;
  networkAddress: string | null;
  /** The token of a session this browser already had: it ends, so a session id never survives a sign-in. */
  replacing?: string | null;
}

export interface StartedSession {
  /** Goes into the cookie; only its hash is stored. */
  token: string;
  session: Session;
}

export async function signInStaff(ctx: Context, input: SignInStaffInput): Promise<StartedSession> {
  const now = ctx.clock.now();
  const staff = await loadAssignmentsByHsaId(ctx.db, input.hsaId);
  if (!staff) throw new ServiceError(403, 'unknown_staff', 'Du finns inte som aktiv medarbetare i Samplan. Kontakta administratören för din verksamhet.');
  if (staff.assignments.length === 0) throw new ServiceError(403, 'no_assignment', 'Du har inget aktivt uppdrag i någon verksamhet i Samplan. Kontakta administratören för din verksamhet.');
  const only = staff.assignments.length === 1 ? staff.assignments[0]! : null;
  const token = newToken();
  const session: Session = {
    tokenHash: hashToken(token), kind: 'staff', subject: input.subject, hsaId: input.hsaId,
    assignment: only ? { county: only.county, staffId: only.staffId, unitId: only.unitId, role: only.role } : null,
    displayName: staff.name, personRefs: [], csrfToken: newToken(),
    createdAt: now, lastSeenAt: now, expiresAt: sessionExpiry(input.policy, now), endedAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await deleteOldSessions(tx, now);
    if (input.replacing) await endSessionRow(tx, hashToken(input.replacing), now, 'replaced');
    await insertSession(tx, session);
    const rows = staff.assignments.map((a) => ({ county: a.county, staffId: a.staffId }));
    await appendAudit(tx, sessionEvents(session, 'session.sign_in', 'E', input.networkAddress, rows, { method: 'oidc', assignments: staff.assignments.length }));
  });
  if (input.replacing) forgetSession(hashToken(input.replacing));
  return { token, session };
}
