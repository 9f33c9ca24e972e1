import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan, requireVersion } from '../plan-command.ts';

export interface AnswerInvitationOptions {
  actor: Actor;
  planId: string;
  invitationId: string;
  answer: 'accepted' | 'declined';
  /** Required when declining: a refusal to take part is an exception and its reason is recorded. */
  reason?: string | null;
  /** The invitee's version the user saw (If-Match). */
  version: number | undefined;
}

/** Answers an invitation on behalf of the actor's unit (accept, or decline with a reason). */
export async function answerInvitation(ctx: Context, o: AnswerInvitationOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor: o.actor, planId: o.planId, permission: 'plan.read', action: 'U', event: 'invitation.answer' }, async ({ tx, plan, detail }) => {
    if (o.answer === 'declined' && !o.reason?.trim()) {
      throw invalid([{ field: '/reason', code: 'required', message: 'Ange skälet till att ni inte deltar.' }]);
    }
    const invitee = (await tx.query<{ id: string; version: number }>(
      `SELECT iv.id, iv.version FROM invitees iv JOIN invitations i ON i.county = iv.county AND i.id = iv.invitation_id
       WHERE iv.county = $1 AND iv.plan_id = $2 AND iv.invitation_id = $3::uuid AND iv.unit_id = $4 AND i.cancelled_at IS NULL
       FOR UPDATE OF iv`,
      [plan.county, plan.id, o.invitationId, o.actor.unitId]))[0];
    if (!invitee) throw invalid([{ field: '/invitationId', code: 'not_invited', message: 'Din verksamhet är inte kallad till det mötet.' }]);
    requireVersion(invitee.version, o.version);
    const rows = await tx.query<{ version: number }>(
      `UPDATE invitees SET answer = $3, decline_reason = $4, answered_at = now(), answered_by = $5, version = version + 1
       WHERE county = $1 AND id = $2 RETURNING version`,
      [plan.county, invitee.id, o.answer, o.answer === 'declined' ? o.reason!.trim() : null, o.actor.staffId]);
    Object.assign(detail, { invitationId: o.invitationId, answer: o.answer });
    return { version: rows[0]!.version };
  });
}
