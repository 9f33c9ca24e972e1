import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import type { Queryable } from '../../store/database.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { requireIdentityNumber } from './identity.ts';

export interface PersonInput {
  identityNumber: string;
  givenName: string;
  familyName: string;
  protectedIdentity?: boolean;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface RegisterPersonOptions {
  actor: Actor;
  person: PersonInput;
  /** The child's guardians (vårdnadshavare); each is found by identity number or registered. */
  guardians?: PersonInput[];
}

/**
 * Registers a child (and the guardians) so that a plan can be started. A person already
 * registered is not registered twice: 409 with the existing id.
 */
export async function registerPerson(ctx: Context, { actor, person, guardians = [] }: RegisterPersonOptions): Promise<{ id: string; guardianIds: string[] }> {
  if (actor.role === 'analyst') throw invalid([{ field: '/', code: 'role', message: 'Uppföljare hanterar inte personuppgifter.' }]);
  const today = swedishDate(ctx.clock.now());
  const child = requireIdentityNumber(person.identityNumber, '/person/identityNumber', today);
  const parsedGuardians = guardians.map((g, i) => requireIdentityNumber(g.identityNumber, `/guardians/${i}/identityNumber`, today));
  return ctx.db.transaction(async (tx) => {
    const existing = await findId(tx, actor.county, child.kind, child.normalised);
    if (existing) throw conflict('person_exists', 'Personen finns redan registrerad.', [{ field: '/person/identityNumber', code: 'exists', message: `Finns redan (id ${existing}).` }]);
    const id = await insert(tx, actor.county, person, child);
    const guardianIds: string[] = [];
    for (const [i, g] of guardians.entries()) {
      const parsed = parsedGuardians[i]!;
      if (parsed.normalised === child.normalised) throw invalid([{ field: `/guardians/${i}/identityNumber`, code: 'same_as_child', message: 'Vårdnadshavaren kan inte vara barnet självt.' }]);
      const gid = (await findId(tx, actor.county, parsed.kind, parsed.normalised)) ?? (await insert(tx, actor.county, g, parsed));
      await tx.query('INSERT INTO guardianships (county, child_id, guardian_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [actor.county, id, gid]);
      guardianIds.push(gid);
    }
    await appendAudit(tx, [id, ...guardianIds].map((pid, i) =>
      actorEvent(actor, 'C', i === 0 ? 'person.register' : 'person.register_guardian', {
        personId: pid, protectedIdentity: i === 0 ? !!person.protectedIdentity : !!guardians[i - 1]?.protectedIdentity,
      })));
    return { id, guardianIds };
  });
}

async function findId(tx: Queryable, county: string, kind: string, normalised: string): Promise<string | undefined> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM persons WHERE county = $1 AND identity_kind = $2 AND identity_number = $3', [county, kind, normalised]);
  return rows[0]?.id;
}

async function insert(tx: Queryable, county: string, p: PersonInput, id: { kind: string; normalised: string; birthDate: string | null }): Promise<string> {
  const personId = newId();
  await tx.query(
    `INSERT INTO persons (county, id, identity_kind, identity_number, birth_date, given_name, family_name, protected_identity, address, phone, email)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [county, personId, id.kind, id.normalised, id.birthDate, p.givenName.trim(), p.familyName.trim(), !!p.protectedIdentity, p.address ?? null, p.phone ?? null, p.email ?? null],
  );
  return personId;
}
