import { invitationMissing } from '../../domain/plan-guards.ts';
import type { Actor, Context } from '../context.ts';
import { inPlan, requireVersion } from '../plan-command.ts';
import { missingError } from '../unprocessable-missing.ts';
import { noticeInvitation } from '../notifications/notice-invitation.ts';
import { lockInvitation } from './lock-invitation.ts';
import { requireOpen } from '../plan-rows.ts';

export interface InvitationChange {
  startsAt?: string;
  endsAt?: string;
  place?: string | null;
  videoLink?: string | null;
}

export interface ChangeInvitationOptions {
  actor: Actor;
  planId: string;
  invitationId: string;
  /** The invitation's version the user saw (If-Match). */
  version: number | undefined;
  change: InvitationChange;
}

/**
 * Moves a kallelse to a new time, place or video link. The invited units are told again, with a
 * calendar file that updates the event they already have (same UID, higher SEQUENCE). Their
 * answers stand; the notice asks them to check that an answer still holds.
 */
export async function changeInvitation(ctx: Context, o: ChangeInvitationOptions): Promise<{ id: string; version: number }> {
  return inPlan(ctx, { actor: o.actor, planId: o.planId, permission: 'plan.write', action: 'U', event: 'invitation.change' }, async (step) => {
    const { tx, plan, now, detail } = step;
    requireOpen(step);
    const inv = await lockInvitation(tx, plan.county, plan.id, o.invitationId);
    requireVersion(inv.version, o.version);
    const next = {
      purpose: inv.purpose, question: inv.question, meetingLeaderId: inv.meetingLeaderId, inviteeCount: 0,
      startsAt: o.change.startsAt ?? new Date(inv.startsAt).toISOString(), endsAt: o.change.endsAt ?? new Date(inv.endsAt).toISOString(),
      place: o.change.place !== undefined ? o.change.place?.trim() || null : inv.place,
      videoLink: o.change.videoLink !== undefined ? o.change.videoLink || null : inv.videoLink,
    };
    // The invitees are not changed here (they stand as sent), so only the other requirements apply.
    const missing = invitationMissing(next).filter((m) => m.requirement !== 'invitees');
    if (missing.length) throw missingError('invitation_incomplete', 'Kallelsen saknar uppgifter.', missing);
    // Nothing moved: nobody is told again, and the calendar event keeps its sequence.
    const same = Date.parse(next.startsAt) === new Date(inv.startsAt).getTime() && Date.parse(next.endsAt) === new Date(inv.endsAt).getTime()
      && next.place === inv.place && next.videoLink === inv.videoLink;
    if (same) return { id: inv.id, version: inv.version };
    const [row] = await tx.query<{ version: number }>(
      `UPDATE invitations SET starts_at = $3, ends_at = $4, place = $5, video_link = $6, version = version + 1
       WHERE county = $1 AND id = $2 RETURNING version`,
      [plan.county, inv.id, next.startsAt, next.endsAt, next.place, next.videoLink]);
    await noticeInvitation(tx, { county: plan.county, invitationId: inv.id, kind: 'invitation_changed', now, actorStaffId: o.actor.staffId });
    detail.invitationId = inv.id;
    return { id: inv.id, version: row!.version };
  });
}
