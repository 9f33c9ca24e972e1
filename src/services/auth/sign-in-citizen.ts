/**
 * A citizen has proved who they are at the identity provider (BankID: a personal identity number).
 * Starts their session, linked to the person rows that carry the number; the number itself is
 * not kept in the session, and never written to a log or an error.
 */
import type { Context } from '../context.ts';
import { swedishDate } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { appendAudit } from '../../store/audit.ts';
import { deleteOldSessions, endSessionRow, hashToken, insertSession, newToken, type PersonRef, type Session } from '../../store/sessions.ts';
import { sessionExpiry, type SessionPolicy } from '../../domain/session-policy.ts';
import { parseIdentityNumber } from '../../domain/identity-number.ts';
import { sessionEvents } from './session-audit.ts';
import { forgetSession } from './resume-session.ts';
import type { StartedSession } from './sign-in-staff.ts';

export interface SignInCitizenInput {
  identityNumber: string;
  name: string;
  subject: string;
  policy: SessionPolicy;
  networkAddress: string | null;
  replacing?: string | null;
}

export async function signInCitizen(ctx: Context, input: SignInCitizenInput): Promise<StartedSession> {
  const now = ctx.clock.now();
  const parsed = parseIdentityNumber(input.identityNumber, { today: swedishDate(now) });
  // BankID only ever gives a personnummer or samordningsnummer; anything else is a broken IdP.
  if (!parsed.ok) throw new ServiceError(403, 'invalid_identity', 'Inloggningstjänsten skickade inget giltigt personnummer.');
  const refs = await ctx.db.query<{ county: string; id: string }>(
    "SELECT county, id FROM persons WHERE identity_number = $1 AND identity_kind <> 'reservnummer' ORDER BY county",
    [parsed.value.normalised]);
  const token = newToken();
  const session: Session = {
    tokenHash: hashToken(token), kind: 'citizen', subject: input.subject, hsaId: null, assignment: null,
    displayName: input.name.trim().slice(0, 200) || 'Okänt namn',
    personRefs: refs.map((r): PersonRef => ({ county: r.county, personId: r.id })), csrfToken: newToken(),
    createdAt: now, lastSeenAt: now, expiresAt: sessionExpiry(input.policy, now), endedAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await deleteOldSessions(tx, now);
    if (input.replacing) await endSessionRow(tx, hashToken(input.replacing), now, 'replaced');
    await insertSession(tx, session);
    await appendAudit(tx, sessionEvents(session, 'session.sign_in', 'E', input.networkAddress, [], { method: 'oidc' }));
  });
  if (input.replacing) forgetSession(hashToken(input.replacing));
  return { token, session };
}
