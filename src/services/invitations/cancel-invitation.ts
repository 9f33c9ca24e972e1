import type { Actor, Context } from '../context.ts';
import { inPlan, requireVersion } from '../plan-command.ts';
import { noticeInvitation } from '../notifications/notice-invitation.ts';
import { lockInvitation } from './lock-invitation.ts';
import { requireOpen } from '../plan-rows.ts';

export interface CancelInvitationOptions {
  actor: Actor;
  planId: string;
  invitationId: string;
  version: number | undefined;
}

/** Cancels a kallelse; the invited units are told, and their calendar event is cancelled (METHOD:CANCEL). */
export async function cancelInvitation(ctx: Context, o: CancelInvitationOptions): Promise<{ id: string; version: number }> {
  return inPlan(ctx, { actor: o.actor, planId: o.planId, permission: 'plan.write', action: 'U', event: 'invitation.cancel' }, async (step) => {
    const { tx, plan, now, detail } = step;
    requireOpen(step);
    const inv = await lockInvitation(tx, plan.county, plan.id, o.invitationId);
    requireVersion(inv.version, o.version);
    const [row] = await tx.query<{ version: number }>(
      'UPDATE invitations SET cancelled_at = $3, version = version + 1 WHERE county = $1 AND id = $2 RETURNING version',
      [plan.county, inv.id, now]);
    await noticeInvitation(tx, { county: plan.county, invitationId: inv.id, kind: 'invitation_cancelled', now, actorStaffId: o.actor.staffId });
    detail.invitationId = inv.id;
    return { id: inv.id, version: row!.version };
  });
}
