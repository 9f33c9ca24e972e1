/**
 * A principal that has an admin never loses its last one: nobody else could then add units, staff
 * or roles for it. Every change that can end an admin's membership or role takes the counts under a
 * lock of the principal's row before it writes and checks them after, so that two admins who
 * remove each other at the same moment cannot both succeed.
 */
import type { Queryable } from '../../store/database.ts';
import { conflict, type FieldProblem } from '../errors.ts';

/** The active admins (an active membership as principal_admin, in an active unit, of active staff) of one principal. */
const ADMINS = `SELECT count(*)::int AS n FROM memberships m
  JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
  JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.active
  WHERE m.county = $1 AND u.principal_id = $2::uuid AND m.active AND m.role = 'principal_admin'`;

/**
 * Locks the principals' rows until the transaction ends: one administrative change of a principal
 * at a time. In id order, so that two transactions never wait for each other in a ring.
 */
export async function lockPrincipals(tx: Queryable, county: string, principalIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(principalIds)].sort();
  if (ids.length > 0) await tx.query('SELECT id FROM principals WHERE county = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE', [county, ids]);
  return ids;
}

/** Locks the principals and counts their admins, before a change that may remove one. */
export async function lockAdminCounts(tx: Queryable, county: string, principalIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const id of await lockPrincipals(tx, county, principalIds)) counts.set(id, (await tx.query<{ n: number }>(ADMINS, [county, id]))[0]!.n);
  return counts;
}

/** Refuses (and so rolls back) a change that left a principal that had an admin without one. */
export async function requireAdminsKept(tx: Queryable, county: string, before: Map<string, number>, problems: FieldProblem[] = []): Promise<void> {
  for (const [id, had] of before) {
    if (had === 0) continue;
    const [{ n }] = (await tx.query<{ n: number }>(ADMINS, [county, id])) as [{ n: number }];
    if (n === 0) {
      throw conflict('last_admin', 'Huvudmannen måste ha minst en administratör. Ge först någon annan rollen administratör, sedan kan den här ändras.', problems);
    }
  }
}
