/**
 * What every administration use case begins with: the actor is their principal's admin, and what
 * they touch belongs to that principal. Another principal's unit or membership answers 404, as if
 * it did not exist, the same answer as for an id that exists nowhere.
 */
import type { Queryable } from '../../store/database.ts';
import type { Actor, Role } from '../context.ts';
import { ServiceError, type FieldProblem } from '../errors.ts';

/** Only the principal's admin (huvudmannens administratör) keeps its units, staff and roles. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'principal_admin') {
    throw new ServiceError(403, 'role', 'Administrationen är till för huvudmannens administratör. Byt uppdrag om du har det.');
  }
}

const NOT_FOUND = 'Det finns inget här som du har tillgång till.';

/** 404; with the field named when the id came in the body, so that the form can point at it. */
export function notYours(field?: string): ServiceError {
  const problems: FieldProblem[] = field ? [{ field, code: 'not_found', message: 'Finns inte hos din huvudman.' }] : [];
  return new ServiceError(404, 'not_found', NOT_FOUND, problems);
}

export interface PrincipalUnit {
  id: string;
  name: string;
  kind: string;
  committee: string | null;
  municipality_code: string | null;
  active: boolean;
  version: number;
}

/** One of the admin's principal's units, locked for the change, or 404. */
export async function principalUnit(tx: Queryable, actor: Actor, unitId: string, field?: string): Promise<PrincipalUnit> {
  const unit = (await tx.query<PrincipalUnit>(
    'SELECT id, name, kind, committee, municipality_code, active, version FROM units WHERE county = $1 AND id = $2::uuid AND principal_id = $3::uuid FOR UPDATE',
    [actor.county, unitId, actor.principalId]))[0];
  if (!unit) throw notYours(field);
  return unit;
}

export interface PrincipalMembership {
  id: string;
  staffId: string;
  unitId: string;
  role: Role;
  active: boolean;
  version: number;
}

/** A membership in one of the admin's principal's units, locked for the change, or 404. */
export async function principalMembership(tx: Queryable, actor: Actor, membershipId: string): Promise<PrincipalMembership> {
  const m = (await tx.query<PrincipalMembership>(
    `SELECT m.id, m.staff_id AS "staffId", m.unit_id AS "unitId", m.role, m.active, m.version
     FROM memberships m JOIN units u ON u.county = m.county AND u.id = m.unit_id
     WHERE m.county = $1 AND m.id = $2::uuid AND u.principal_id = $3::uuid FOR UPDATE OF m`,
    [actor.county, membershipId, actor.principalId]))[0];
  if (!m) throw notYours();
  return m;
}

/** Text the user typed: trimmed, and empty means "none". */
export const optionalText = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);
