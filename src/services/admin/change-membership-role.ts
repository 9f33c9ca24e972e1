import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context, Role } from '../context.ts';
import { conflict, stale, versionRequired } from '../errors.ts';
import { HANDOVER_STILL_OPEN } from '../notifications/notice-continuity.ts';
import { principalMembership, requireAdmin } from './admin-scope.ts';
import { lockAdminCounts, requireAdminsKept } from './keep-an-admin.ts';

export interface ChangeMembershipRoleOptions {
  actor: Actor;
  membershipId: string;
  version: number | undefined;
  role: Role;
}

/**
 * The admin changes the role a membership gives. It takes effect at the person's next request:
 * their session acted in the old role, which no longer exists, so they choose again. A role that
 * takes no part in plans (analyst, admin) hands the person's plans in the unit over to its manager
 * (migration 011), as leaving the unit does.
 */
export async function changeMembershipRole(ctx: Context, { actor, membershipId, version, role }: ChangeMembershipRoleOptions): Promise<{ version: number; handover: number }> {
  requireAdmin(actor);
  return ctx.db.transaction(async (tx) => {
    const admins = await lockAdminCounts(tx, actor.county, [actor.principalId]);
    const m = await principalMembership(tx, actor, membershipId);
    if (version === undefined) throw versionRequired();
    if (version !== m.version) throw stale(m.version);
    if (!m.active) throw conflict('membership_ended', 'Uppdraget är avslutat. Ge personen ett nytt uppdrag i stället.');
    if (role === m.role) return { version: m.version, handover: 0 };
    const held = await tx.query('SELECT 1 FROM memberships WHERE county = $1 AND staff_id = $2 AND unit_id = $3 AND role = $4 AND active', [actor.county, m.staffId, m.unitId, role]);
    if (held[0]) throw conflict('duplicate', 'Personen har redan den rollen i verksamheten.', [{ field: '/role', code: 'duplicate', message: 'Finns redan.' }]);
    const [row] = await tx.query<{ version: number }>(
      'UPDATE memberships SET role = $3, version = version + 1 WHERE county = $1 AND id = $2 RETURNING version', [actor.county, membershipId, role]);
    await requireAdminsKept(tx, actor.county, admins, [{ field: '/role', code: 'last_admin', message: 'Den sista administratören.' }]);
    const [{ n }] = (await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM handover_items h WHERE h.county = $1 AND h.former_staff_id = $2 AND h.unit_id = $3 AND ${HANDOVER_STILL_OPEN}`,
      [actor.county, m.staffId, m.unitId])) as [{ n: number }];
    await appendAudit(tx, [actorEvent(actor, 'U', 'admin.membership_update', {
      detail: { membershipId, staffId: m.staffId, unitId: m.unitId, from: m.role, to: role, handover: n },
    })]);
    return { version: row!.version, handover: n };
  });
}
