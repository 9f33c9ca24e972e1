/**
 * The session behind a cookie's token, if it is still alive: not signed out, not idle for longer
 * than the policy allows, not past its absolute end. An idle session is ended on the spot, so
 * that it cannot come back to life.
 */
import type { Context } from '../context.ts';
import { endSessionRow, findSession, hashToken, touchSession, type Session } from '../../store/sessions.ts';
import { needsTouch, sessionState, type SessionPolicy } from '../../domain/session-policy.ts';

/**
 * How long this process trusts a session it has looked up without looking again. Looking it up on
 * every request was a second round trip for every plan read, a sixth of its cost (bench/README.md).
 * The idle and absolute limits are still checked against the clock on every request. What this
 * process does to a session (sign-out, a new sign-in replacing it, a new assignment) drops the
 * entry at once (`forgetSession`); what another process does reaches this one within these
 * seconds. Ending a staff member's membership stops their plan reads at once all the same, since
 * the read statement checks the membership itself (src/store/plan-document.ts).
 */
export const SESSION_TRUST_MS = 5_000;
const SESSIONS_TRUSTED_MAX = 10_000;
const trusted = new Map<string, { session: Session; at: number }>();

export async function resumeSession(ctx: Context, token: string, policy: SessionPolicy): Promise<Session | null> {
  // A token is 43 base64url characters; anything else cannot be one (and is not worth a query).
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const now = ctx.clock.now();
  const tokenHash = hashToken(token);
  const kept = trusted.get(tokenHash);
  if (kept) {
    const age = now.getTime() - kept.at;
    if (age >= 0 && age < SESSION_TRUST_MS && sessionState(kept.session, policy, now) === 'active' && !needsTouch(kept.session.lastSeenAt, now)) {
      return kept.session;
    }
    trusted.delete(tokenHash);
  }
  const session = await findSession(ctx.db, tokenHash);
  if (!session) return null;
  const state = sessionState(session, policy, now);
  if (state === 'idle') await endSessionRow(ctx.db, tokenHash, now, 'idle');
  if (state !== 'active') return null;
  if (needsTouch(session.lastSeenAt, now)) {
    await touchSession(ctx.db, tokenHash, now);
    session.lastSeenAt = now;
  }
  if (trusted.size >= SESSIONS_TRUSTED_MAX) trusted.delete(trusted.keys().next().value!);
  trusted.set(tokenHash, { session, at: now.getTime() });
  return session;
}

/** This process changed or ended the session: the next request looks it up again. */
export function forgetSession(tokenHash: string): void {
  trusted.delete(tokenHash);
}
