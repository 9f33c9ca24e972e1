import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { conflict, stale, versionRequired } from '../errors.ts';
import { endMemberships } from '../handover/end-memberships.ts';
import { principalMembership, requireAdmin } from './admin-scope.ts';
import { lockPrincipals } from './keep-an-admin.ts';

export interface EndMembershipOptions {
  actor: Actor;
  membershipId: string;
  version: number | undefined;
}

/**
 * The admin ends a membership: the person no longer acts for the unit in that role, and what they
 * coordinated or answered for there goes to the unit manager's hand-over queue, the same path as
 * when the manager records that someone left (../handover/end-memberships.ts). Their own last
 * admin membership an admin cannot end.
 */
export async function endMembership(ctx: Context, { actor, membershipId, version }: EndMembershipOptions): Promise<{ handover: number }> {
  requireAdmin(actor);
  return ctx.db.transaction(async (tx) => {
    await lockPrincipals(tx, actor.county, [actor.principalId]);
    const m = await principalMembership(tx, actor, membershipId);
    if (version === undefined) throw versionRequired();
    if (version !== m.version) throw stale(m.version);
    if (!m.active) throw conflict('membership_ended', 'Uppdraget är redan avslutat.');
    const { handover } = await endMemberships(tx, { county: actor.county, staffId: m.staffId, membershipId });
    await appendAudit(tx, [actorEvent(actor, 'U', 'admin.membership_end', {
      detail: { membershipId, staffId: m.staffId, unitId: m.unitId, role: m.role, handover },
    })]);
    return { handover };
  });
}
