/**
 * Turns a signed-in staff member and a chosen unit into the Actor every use case receives.
 * Refuses a staff member who is inactive or does not (any longer) belong to the unit.
 */
import type { Queryable } from '../../store/database.ts';
import type { Actor, Role } from '../context.ts';

export interface Assignment {
  unitId: string;
  unitName: string;
  principalId: string;
  principalName: string;
  role: Role;
}

export interface StaffWithAssignments {
  staffId: string;
  county: string;
  hsaId: string;
  name: string;
  assignments: Assignment[];
}

/** The staff member's active assignments (medarbetaruppdrag): unit and role. */
export async function loadAssignments(db: Queryable, county: string, staffId: string): Promise<StaffWithAssignments | null> {
  const rows = await db.query<{ id: string; county: string; hsa_id: string; name: string; assignments: Assignment[] | null }>(
    `SELECT s.id, s.county, s.hsa_id, s.name,
            (SELECT json_agg(json_build_object('unitId', u.id, 'unitName', u.name, 'principalId', pr.id, 'principalName', pr.name, 'role', m.role) ORDER BY u.name, m.role)
             FROM memberships m JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.active
             JOIN principals pr ON pr.county = u.county AND pr.id = u.principal_id
             WHERE m.county = s.county AND m.staff_id = s.id AND m.active) AS assignments
     FROM staff s WHERE s.county = $1 AND s.id = $2::uuid AND s.active`, [county, staffId]);
  const r = rows[0];
  if (!r) return null;
  return { staffId: r.id, county: r.county, hsaId: r.hsa_id, name: r.name, assignments: r.assignments ?? [] };
}

/**
 * The Actor for acting in `unitId` with `role`, or null when that assignment does not exist (any
 * more). One indexed lookup: it runs at every request, so that a removed membership ends access at once.
 */
export async function loadActor(db: Queryable, s: { county: string; staffId: string; unitId: string; role?: Role }, networkAddress: string | null): Promise<Actor | null> {
  const rows = await db.query<{ name: string; principal_id: string; role: Role }>(
    `SELECT s.name, u.principal_id, m.role
     FROM memberships m
     JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
     JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.active
     WHERE m.county = $1 AND m.staff_id = $2::uuid AND m.unit_id = $3::uuid AND m.active AND ($4::text IS NULL OR m.role = $4)
     ORDER BY m.role LIMIT 1`,
    [s.county, s.staffId, s.unitId, s.role ?? null]);
  const a = rows[0];
  if (!a) return null;
  return { kind: 'staff', staffId: s.staffId, county: s.county, unitId: s.unitId, principalId: a.principal_id, role: a.role, name: a.name, networkAddress };
}

/** One assignment of a person known by HSA-id; the staff row it hangs on may be in any county. */
export interface HsaAssignment extends Assignment {
  county: string;
  staffId: string;
}

/**
 * Everything a person signed in with this HSA-id may act as: every active membership of every
 * active staff row that carries it (a person can be employed by a region and a municipality).
 */
export async function loadAssignmentsByHsaId(db: Queryable, hsaId: string): Promise<{ name: string; assignments: HsaAssignment[] } | null> {
  const rows = await db.query<{ county: string; id: string; name: string; assignments: Assignment[] | null }>(
    `SELECT s.county, s.id, s.name,
            (SELECT json_agg(json_build_object('unitId', u.id, 'unitName', u.name, 'principalId', pr.id, 'principalName', pr.name, 'role', m.role) ORDER BY u.name, m.role)
             FROM memberships m JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.active
             JOIN principals pr ON pr.county = u.county AND pr.id = u.principal_id
             WHERE m.county = s.county AND m.staff_id = s.id AND m.active) AS assignments
     FROM staff s WHERE s.hsa_id = $1 AND s.active ORDER BY s.county`, [hsaId]);
  if (rows.length === 0) return null;
  return {
    name: rows[0]!.name,
    assignments: rows.flatMap((r) => (r.assignments ?? []).map((a) => ({ ...a, county: r.county, staffId: r.id }))),
  };
}
