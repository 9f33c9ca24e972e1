/**
 * The one way a staff member leaves a unit through the API, whoever records it (the unit's
 * manager, the principal's admin): the memberships end, and the trigger of migration 009 puts the
 * open plans they coordinated for the unit and the open interventions they answered for in the
 * unit's hand-over queue, where the manager names someone else (SIP.md §3). Their access to the
 * unit's plans ends with the membership. A principal that has an admin keeps one.
 */
import type { Queryable } from '../../store/database.ts';
import type { Role } from '../context.ts';
import { HANDOVER_STILL_OPEN } from '../notifications/notice-continuity.ts';
import { lockAdminCounts, requireAdminsKept } from '../admin/keep-an-admin.ts';

export interface EndMembershipsOptions {
  county: string;
  staffId: string;
  /** Which of the person's active memberships end: those in this unit, ... */
  unitId?: string;
  /** ... this one, ... */
  membershipId?: string;
  /** ... or those in any unit of this principal. Each filter given narrows the others. */
  principalId?: string;
}

export interface EndedMemberships {
  ended: Array<{ id: string; unitId: string; role: Role }>;
  /** The plans and interventions of the units left that now wait in their hand-over queues. */
  handover: number;
}

/** Ends the person's active memberships that match; run it inside the transaction that audits the change. */
export async function endMemberships(tx: Queryable, o: EndMembershipsOptions): Promise<EndedMemberships> {
  const filter = `m.county = $1 AND m.staff_id = $2::uuid AND m.active AND ($3::uuid IS NULL OR m.unit_id = $3::uuid)
    AND ($4::uuid IS NULL OR m.id = $4::uuid) AND ($5::uuid IS NULL OR u.principal_id = $5::uuid)`;
  const params = [o.county, o.staffId, o.unitId ?? null, o.membershipId ?? null, o.principalId ?? null];
  const principals = await tx.query<{ id: string }>(
    `SELECT DISTINCT u.principal_id AS id FROM memberships m JOIN units u ON u.county = m.county AND u.id = m.unit_id WHERE ${filter}`, params);
  const admins = await lockAdminCounts(tx, o.county, principals.map((p) => p.id));
  const ended = await tx.query<{ id: string; unitId: string; role: Role }>(
    `UPDATE memberships m SET active = false, version = m.version + 1 FROM units u
     WHERE u.county = m.county AND u.id = m.unit_id AND ${filter}
     RETURNING m.id, m.unit_id AS "unitId", m.role`, params);
  await requireAdminsKept(tx, o.county, admins);
  if (ended.length === 0) return { ended, handover: 0 };
  const [{ n }] = (await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM handover_items h WHERE h.county = $1 AND h.former_staff_id = $2::uuid AND h.unit_id = ANY($3::uuid[]) AND ${HANDOVER_STILL_OPEN}`,
    [o.county, o.staffId, [...new Set(ended.map((e) => e.unitId))]])) as [{ n: number }];
  return { ended, handover: n };
}
