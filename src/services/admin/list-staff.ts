import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context, Role } from '../context.ts';
import { requireAdmin } from './admin-scope.ts';

export interface AdminMembership {
  id: string;
  unitId: string;
  unitName: string;
  role: Role;
  active: boolean;
  startedAt: string | null;
  endedAt: string | null;
  version: number;
}

export interface AdminStaffMember {
  id: string;
  hsaId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  /** False when the person is deactivated altogether (signs in nowhere). */
  active: boolean;
  /** Their memberships in the principal's units, the active ones first; ended ones stay as the record. */
  memberships: AdminMembership[];
}

/**
 * Everyone who serves or has served one of the principal's units, with those memberships (not the
 * ones they hold for other principals, which are not this admin's to see or change).
 */
export async function listStaff(ctx: Context, { actor }: { actor: Actor }): Promise<AdminStaffMember[]> {
  requireAdmin(actor);
  return ctx.db.transaction(async (tx) => {
    const staff = await tx.query<AdminStaffMember>(
      `SELECT s.id, s.hsa_id AS "hsaId", s.name, s.title, s.email, s.phone, s.active,
            json_agg(json_build_object('id', m.id, 'unitId', u.id, 'unitName', u.name, 'role', m.role, 'active', m.active,
              'startedAt', m.started_at, 'endedAt', m.ended_at, 'version', m.version) ORDER BY m.active DESC, u.name, m.role) AS memberships
     FROM staff s
     JOIN memberships m ON m.county = s.county AND m.staff_id = s.id
     JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.principal_id = $2::uuid
     WHERE s.county = $1
     GROUP BY s.county, s.id
     ORDER BY s.name, s.id`, [actor.county, actor.principalId]);
    // Names and contact details of employees are personal data too: the listing is logged like any other read.
    await appendAudit(tx, [actorEvent(actor, 'R', 'admin.staff_list', { detail: { staff: staff.length } })]);
    return staff;
  });
}
