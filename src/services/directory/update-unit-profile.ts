import { appendAudit } from '../../store/audit.ts';
import { checkProfile, type ProfileInput } from '../../domain/unit-profile.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid, notFound, ServiceError, stale, versionRequired } from '../errors.ts';

export interface UpdateUnitProfileOptions {
  actor: Actor;
  unitId: string;
  /** The version the edit started from (If-Match); 0 for a unit that has no entry yet. */
  version: number | undefined;
  /** The fields to set; a field left out keeps what it holds. */
  profile: ProfileInput;
}

const API_NAME: Record<string, string> = { who_may_initiate: 'whoMayInitiate' };

/**
 * The unit's manager, or an admin of the unit's principal, writes what the unit is for, what it
 * offers, the law it works under, how to reach it and who there may call a SIP (decision 0009).
 * The first save creates the entry. Only what differs is written: a save that changes nothing
 * gets no new version and no audit row.
 */
export async function updateUnitProfile(ctx: Context, { actor, unitId, version, profile }: UpdateUnitProfileOptions): Promise<{ version: number }> {
  const { fields, problems } = checkProfile(profile);
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction(async (tx) => {
    // Locked, so that two first saves cannot both see "no entry yet" and both insert.
    const [unit] = await tx.query<{ principal_id: string }>(
      'SELECT principal_id FROM units WHERE county = $1 AND id = $2::uuid AND active FOR UPDATE', [actor.county, unitId]);
    if (!unit) throw notFound();
    const keeps = (actor.role === 'manager' && actor.unitId === unitId) || (actor.role === 'principal_admin' && actor.principalId === unit.principal_id);
    if (!keeps) {
      throw new ServiceError(403, 'not_keeper', 'Verksamhetens egen beskrivning skrivs av dess chef eller av huvudmannens administratör.');
    }
    const [current] = await tx.query<Record<string, unknown> & { version: number }>(
      'SELECT mandate, offers, laws, who_may_initiate, phone, email, address, hours, version FROM unit_profiles WHERE county = $1 AND unit_id = $2::uuid',
      [actor.county, unitId]);
    if (version === undefined) throw versionRequired();
    const currentVersion = current?.version ?? 0;
    if (version !== currentVersion) throw stale(currentVersion);
    const changed = Object.entries(fields).filter(([c, v]) => (current ? JSON.stringify(current[c]) !== JSON.stringify(v) : isSet(v)));
    if (changed.length === 0) return { version: currentVersion };
    const cols = changed.map(([c]) => c);
    const values = changed.map(([, v]) => v);
    const [row] = current
      ? await tx.query<{ version: number }>(
        `UPDATE unit_profiles SET ${cols.map((c, i) => `${c} = $${i + 5}`).join(', ')}, updated_at = $4, updated_by = $3, version = version + 1
         WHERE county = $1 AND unit_id = $2 RETURNING version`, [actor.county, unitId, actor.staffId, ctx.clock.now(), ...values])
      : await tx.query<{ version: number }>(
        `INSERT INTO unit_profiles (county, unit_id, updated_by, updated_at${cols.map((c) => `, ${c}`).join('')})
         VALUES ($1, $2, $3, $4${cols.map((_c, i) => `, $${i + 5}`).join('')}) RETURNING version`, [actor.county, unitId, actor.staffId, ctx.clock.now(), ...values]);
    await appendAudit(tx, [actorEvent(actor, current ? 'U' : 'C', 'directory.profile_update', {
      detail: { unitId, fields: cols.map((c) => API_NAME[c] ?? c) },
    })]);
    return { version: row!.version };
  });
}

/** Something worth creating an entry for: not empty text, not an empty list. */
const isSet = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== null && v !== '');
