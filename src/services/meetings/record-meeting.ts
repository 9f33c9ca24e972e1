import { newId } from '../../store/ids.ts';
import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan } from '../plan-command.ts';
import { requireOpen } from '../plan-rows.ts';
import { requireStaff, requireUnits } from '../references.ts';

export interface AttendeeInput {
  unitId?: string | null;
  staffId?: string | null;
  personId?: string | null;
  name?: string | null;
}

export interface RecordMeetingOptions {
  actor: Actor;
  planId: string;
  meeting: {
    invitationId?: string | null;
    kind: 'first' | 'follow_up';
    heldAt: string;
    byVideo?: boolean;
    /** Barnkonventionen art. 12 (lag 2018:1197): whether the child took part. */
    childPresent: boolean;
    notes?: string | null;
    attendance: AttendeeInput[];
  };
}

/** Records a SIP meeting: when, who attended, whether the child was there. */
export async function recordMeeting(ctx: Context, { actor, planId, meeting }: RecordMeetingOptions): Promise<{ id: string }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'meeting.record' }, async (step) => {
    requireOpen(step);
    const { tx, plan } = step;
    if (Date.parse(meeting.heldAt) > step.now.getTime() + 60 * 60 * 1000) {
      throw invalid([{ field: '/heldAt', code: 'future', message: 'Ett möte registreras när det har hållits.' }]);
    }
    if (meeting.invitationId) {
      const inv = await tx.query('SELECT 1 FROM invitations WHERE county = $1 AND plan_id = $2 AND id = $3::uuid', [plan.county, plan.id, meeting.invitationId]);
      if (!inv[0]) throw invalid([{ field: '/invitationId', code: 'unknown', message: 'Ingen sådan kallelse i planen.' }]);
    }
    meeting.attendance.forEach((a, i) => {
      if (!a.unitId && !a.personId && !a.name?.trim()) throw invalid([{ field: `/attendance/${i}`, code: 'required', message: 'Ange verksamhet, person eller namn.' }]);
    });
    for (const [i, a] of meeting.attendance.entries()) {
      if (a.unitId) await requireUnits(tx, plan.county, [a.unitId], `/attendance/${i}/unitId`);
      if (a.staffId) await requireStaff(tx, plan.county, [a.staffId], `/attendance/${i}/staffId`);
      if (a.personId) {
        const p = await tx.query('SELECT 1 FROM plan_participants WHERE county = $1 AND plan_id = $2 AND person_id = $3::uuid', [plan.county, plan.id, a.personId]);
        if (!p[0]) throw invalid([{ field: `/attendance/${i}/personId`, code: 'not_participating', message: 'Personen deltar inte i planen.' }]);
      }
    }
    const id = newId();
    await tx.query(
      `INSERT INTO meetings (county, id, plan_id, invitation_id, kind, held_at, by_video, child_present, notes, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [plan.county, id, plan.id, meeting.invitationId ?? null, meeting.kind, meeting.heldAt, !!meeting.byVideo, meeting.childPresent, meeting.notes ?? null, actor.staffId]);
    await tx.query(
      `INSERT INTO meeting_attendance (county, meeting_id, id, unit_id, staff_id, person_id, name)
       SELECT $1, $2, uuid_v7(), a.unit_id, a.staff_id, a.person_id, a.name
       FROM jsonb_to_recordset($3::jsonb) AS a(unit_id uuid, staff_id uuid, person_id uuid, name text)`,
      [plan.county, id, JSON.stringify(meeting.attendance.map((a) => ({ unit_id: a.unitId ?? null, staff_id: a.staffId ?? null, person_id: a.personId ?? null, name: a.name ?? null })))]);
    step.detail.meetingId = id;
    return { id };
  });
}
