import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { conflict } from '../errors.ts';
import { endMemberships } from '../handover/end-memberships.ts';
import { notYours, requireAdmin } from './admin-scope.ts';
import { lockPrincipals } from './keep-an-admin.ts';

export interface DeactivateStaffOptions {
  actor: Actor;
  staffId: string;
}

/**
 * The admin records that someone has left the principal: every membership they hold in its units
 * ends, with the hand-over of each (../handover/end-memberships.ts). Someone who then serves no
 * unit anywhere is deactivated altogether and can no longer sign in; memberships they hold for
 * other principals are those principals' to end.
 */
export async function deactivateStaff(ctx: Context, { actor, staffId }: DeactivateStaffOptions): Promise<{ ended: number; handover: number; deactivated: boolean }> {
  requireAdmin(actor);
  return ctx.db.transaction(async (tx) => {
    await lockPrincipals(tx, actor.county, [actor.principalId]);
    const [known] = await tx.query<{ held: boolean; holds: boolean }>(
      `SELECT count(*) > 0 AS held, coalesce(bool_or(m.active), false) AS holds FROM memberships m JOIN units u ON u.county = m.county AND u.id = m.unit_id
       WHERE m.county = $1 AND m.staff_id = $2::uuid AND u.principal_id = $3::uuid`, [actor.county, staffId, actor.principalId]);
    if (!known!.held) throw notYours();
    if (!known!.holds) throw conflict('already_inactive', 'Personen har inga aktiva uppdrag hos huvudmannen.');
    const { ended, handover } = await endMemberships(tx, { county: actor.county, staffId, principalId: actor.principalId });
    const deactivated = (await tx.query(
      `UPDATE staff s SET active = false WHERE s.county = $1 AND s.id = $2 AND s.active
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.county = s.county AND m.staff_id = s.id AND m.active) RETURNING id`,
      [actor.county, staffId])).length > 0;
    await appendAudit(tx, [actorEvent(actor, 'U', 'admin.staff_deactivate', {
      detail: { staffId, membershipIds: ended.map((e) => e.id), handover, deactivated },
    })]);
    return { ended: ended.length, handover, deactivated };
  });
}
