/**
 * The session behind a cookie's token, if it is still alive: not signed out, not idle for longer
 * than the policy allows, not past its absolute end. An idle session is ended on the spot, so
 * that it cannot come back to life.
 */
import type { Context } from '../context.ts';
import { endSessionRow, findSession, hashToken, touchSession, type Session } from '../../store/sessions.ts';
import { needsTouch, sessionState, type SessionPolicy } from '../../domain/session-policy.ts';

export async function resumeSession(ctx: Context, token: string, policy: SessionPolicy): Promise<Session | null> {
  // A token is 43 base64url characters; anything else cannot be one (and is not worth a query).
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const now = ctx.clock.now();
  const tokenHash = hashToken(token);
  const session = await findSession(ctx.db, tokenHash);
  if (!session) return null;
  const state = sessionState(session, policy, now);
  if (state === 'idle') await endSessionRow(ctx.db, tokenHash, now, 'idle');
  if (state !== 'active') return null;
  if (needsTouch(session.lastSeenAt, now)) {
    await touchSession(ctx.db, tokenHash, now);
    session.lastSeenAt = now;
  }
  return session;
}
