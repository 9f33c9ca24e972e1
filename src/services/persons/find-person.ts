import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { maskIdentityNumber, type IdentityKind } from '../../domain/identity-number.ts';
import { requireIdentityNumber } from './identity.ts';

export interface FindPersonOptions {
  actor: Actor;
  /** Sent in a request body, never in a URL. */
  identityNumber: string;
}

export interface FoundPerson {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  identityNumberMasked: string;
  protectedIdentity: boolean;
  guardians: Array<{ id: string; givenName: string; familyName: string }>;
}

/**
 * Finds a registered person by identity number (to start a SIP for a child). Audited as a read
 * of that person, and as a lookup without result when nobody is found.
 */
export async function findPerson(ctx: Context, { actor, identityNumber }: FindPersonOptions): Promise<FoundPerson | null> {
  if (actor.role === 'analyst') throw invalid([{ field: '/', code: 'role', message: 'Uppföljare hanterar inte personuppgifter.' }]);
  const parsed = requireIdentityNumber(identityNumber, '/identityNumber', swedishDate(ctx.clock.now()));
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; given_name: string; family_name: string; birth_date: string | null; identity_kind: IdentityKind; identity_number: string; protected_identity: boolean; guardians: FoundPerson['guardians'] }>(
      `SELECT p.id, p.given_name, p.family_name, p.birth_date, p.identity_kind, p.identity_number, p.protected_identity,
              coalesce((SELECT json_agg(json_build_object('id', g.id, 'givenName', g.given_name, 'familyName', g.family_name) ORDER BY g.family_name)
                FROM guardianships gs JOIN persons g ON g.county = gs.county AND g.id = gs.guardian_id
                WHERE gs.county = p.county AND gs.child_id = p.id), '[]') AS guardians
       FROM persons p WHERE p.county = $1 AND p.identity_kind = $2 AND p.identity_number = $3`,
      [actor.county, parsed.kind, parsed.normalised]);
    const p = rows[0];
    await appendAudit(tx, [actorEvent(actor, 'R', 'person.lookup', {
      personId: p?.id ?? null, outcome: p ? 'success' : 'not_found', protectedIdentity: p?.protected_identity ?? false,
    })]);
    if (!p) return null;
    return {
      id: p.id, givenName: p.given_name, familyName: p.family_name, birthDate: p.birth_date,
      identityNumberMasked: maskIdentityNumber({ kind: p.identity_kind, normalised: p.identity_number }),
      protectedIdentity: p.protected_identity, guardians: p.guardians,
    };
  });
}
