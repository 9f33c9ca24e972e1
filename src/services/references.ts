/**
 * Checks that ids given by a user point at things that exist where they must: a unit of the
 * county, a staff member, a unit that takes part in the plan. Each failure names the field.
 */
import type { Queryable } from '../store/database.ts';
import { invalid } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `field` names where the ids came from: one field for a single id, or, for a list, a function
 * from an id's position in `ids` to its field (e.g. `i => `/unitIds/${i}``).
 */
export type FieldOf = string | ((index: number) => string);

async function requireExisting(tx: Queryable, sql: string, county: string, ids: readonly string[], field: FieldOf, what: string): Promise<void> {
  const bad = ids.map((id, i) => ({ id, i })).filter(({ id }) => !UUID.test(id));
  const good = ids.filter((id) => UUID.test(id));
  const found = new Set(
    good.length ? (await tx.query<{ id: string }>(sql, [county, good])).map((r) => r.id) : [],
  );
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => UUID.test(id) && !found.has(id));
  const all = [...bad, ...missing];
  if (all.length) {
    throw invalid(all.map(({ i }) => ({ field: typeof field === 'string' ? field : field(i), code: 'unknown', message: `Okänd ${what}.` })));
  }
}

export const requireUnits = (tx: Queryable, county: string, ids: readonly string[], field: FieldOf) =>
  requireExisting(tx, 'SELECT id FROM units WHERE county = $1 AND id = ANY($2::uuid[]) AND active', county, ids, field, 'verksamhet');

export const requireStaff = (tx: Queryable, county: string, ids: readonly string[], field: FieldOf) =>
  requireExisting(tx, 'SELECT id FROM staff WHERE county = $1 AND id = ANY($2::uuid[]) AND active', county, ids, field, 'medarbetare');

export const requirePrincipals = (tx: Queryable, county: string, ids: readonly string[], field: FieldOf) =>
  requireExisting(tx, 'SELECT id FROM principals WHERE county = $1 AND id = ANY($2::uuid[])', county, ids, field, 'huvudman');

/** The unit takes part in the plan; returns its principal. */
export async function requireParticipatingUnit(tx: Queryable, county: string, planId: string, unitId: string, field: string): Promise<{ principalId: string }> {
  const rows = UUID.test(unitId)
    ? await tx.query<{ principal_id: string }>(
        `SELECT u.principal_id FROM plan_participants pp JOIN units u ON u.county = pp.county AND u.id = pp.unit_id
         WHERE pp.county = $1 AND pp.plan_id = $2 AND pp.unit_id = $3 AND pp.kind = 'unit' AND pp.active`,
        [county, planId, unitId])
    : [];
  if (!rows[0]) throw invalid([{ field, code: 'not_participating', message: 'Verksamheten deltar inte i planen.' }]);
  return { principalId: rows[0].principal_id };
}

/** The staff member belongs to the unit. */
export async function requireStaffInUnit(tx: Queryable, county: string, staffId: string, unitId: string, field: string): Promise<void> {
  const rows = UUID.test(staffId)
    ? await tx.query('SELECT 1 FROM memberships WHERE county = $1 AND staff_id = $2 AND unit_id = $3 AND active', [county, staffId, unitId])
    : [];
  if (!rows[0]) throw invalid([{ field, code: 'not_in_unit', message: 'Personen arbetar inte i den verksamheten.' }]);
}
