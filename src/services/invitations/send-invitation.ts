import { invitationMissing, type InvitationDraft } from '../../domain/plan-guards.ts';
import { newId } from '../../store/ids.ts';
import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan, movePlan, nextState, requireVersion } from '../plan-command.ts';
import { requireStaff, requireUnits } from '../references.ts';
import { missingError } from '../unprocessable-missing.ts';
import { noticeInvitation } from '../notifications/notice-invitation.ts';

export type InviteeInput = { unitId: string; staffId?: string | null } | { personId: string };

export interface SendInvitationOptions {
  actor: Actor;
  planId: string;
  /** The plan's version the user saw (If-Match). */
  version: number | undefined;
  /** What the routine asks of a kallelse (checked by invitationMissing), the note-taker and the invitees. */
  invitation: Omit<InvitationDraft, 'inviteeCount'> & { noteTakerId?: string | null; invitees: InviteeInput[] };
}

/**
 * Sends a written invitation (kallelse). The routine demands a purpose and a clear question so
 * that each actor sends the right competence, a time, a place or a video link, the invitees and
 * a meeting leader. Invited units join the plan; they see it once a consent covers them.
 */
export async function sendInvitation(ctx: Context, { actor, planId, version, invitation: inv }: SendInvitationOptions): Promise<{ id: string; planVersion: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'invitation.send' }, async (step) => {
    const { tx, plan, detail } = step;
    const to = nextState(plan, 'invite');
    requireVersion(plan.version, version);
    const missing = invitationMissing({ ...inv, inviteeCount: inv.invitees.length });
    if (missing.length) throw missingError('invitation_incomplete', 'Kallelsen saknar uppgifter.', missing);
    const unitInvitees = inv.invitees.map((invitee, n) => ({ invitee, n })).filter(({ invitee }) => 'unitId' in invitee);
    const unitIds = unitInvitees.map(({ invitee }) => (invitee as { unitId: string }).unitId);
    await requireUnits(tx, plan.county, unitIds, (i) => `/invitees/${unitInvitees[i]!.n}/unitId`);
    await requireStaff(tx, plan.county, [inv.meetingLeaderId!], '/meetingLeaderId');
    if (inv.noteTakerId) await requireStaff(tx, plan.county, [inv.noteTakerId], '/noteTakerId');
    const personIds = inv.invitees.flatMap((i) => ('personId' in i ? [i.personId] : []));
    if (personIds.length) {
      const known = new Set((await tx.query<{ person_id: string }>(
        `SELECT person_id FROM plan_participants WHERE county = $1 AND plan_id = $2 AND person_id = ANY($3::uuid[]) AND active`,
        [plan.county, plan.id, personIds])).map((r) => r.person_id));
      const unknown = inv.invitees.map((i, n) => ({ i, n })).filter(({ i }) => 'personId' in i && !known.has(i.personId));
      if (unknown.length) throw invalid(unknown.map(({ n }) => ({ field: `/invitees/${n}/personId`, code: 'not_participating', message: 'Personen deltar inte i planen.' })));
    }
    const id = newId();
    await tx.query(
      `INSERT INTO invitations (county, id, plan_id, purpose, question, starts_at, ends_at, place, video_link, meeting_leader_id, note_taker_id, sent_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [plan.county, id, plan.id, inv.purpose!.trim(), inv.question!.trim(), inv.startsAt, inv.endsAt, inv.place?.trim() || null,
        inv.videoLink || null, inv.meetingLeaderId, inv.noteTakerId ?? null, actor.staffId]);
    await tx.query(
      `INSERT INTO invitees (county, id, invitation_id, plan_id, unit_id, staff_id, person_id)
       SELECT $1, uuid_v7(), $2, $3, i.unit_id, i.staff_id, i.person_id
       FROM jsonb_to_recordset($4::jsonb) AS i(unit_id uuid, staff_id uuid, person_id uuid)`,
      [plan.county, id, plan.id, JSON.stringify(inv.invitees.map((i) => ('unitId' in i ? { unit_id: i.unitId, staff_id: i.staffId ?? null } : { person_id: i.personId })))]);
    // An invited unit takes part in the plan.
    await tx.query(
      `INSERT INTO plan_participants (county, id, plan_id, kind, unit_id)
       SELECT $1, uuid_v7(), $2, 'unit', u FROM unnest($3::uuid[]) AS u ON CONFLICT DO NOTHING`,
      [plan.county, plan.id, unitIds]);
    // The invited units are told (inbox, and mail with a calendar file) in this same transaction.
    await noticeInvitation(tx, { county: plan.county, invitationId: id, kind: 'invitation_received', now: step.now, actorStaffId: actor.staffId });
    const planVersion = await movePlan(step, actor, to, plan.version);
    detail.invitationId = id;
    return { id, planVersion };
  });
}
