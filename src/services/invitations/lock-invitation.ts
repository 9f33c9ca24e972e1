import type { Queryable } from '../../store/database.ts';
import { conflict, invalid } from '../errors.ts';

export interface InvitationRow {
  id: string;
  version: number;
  purpose: string;
  question: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  videoLink: string | null;
  meetingLeaderId: string;
  cancelled: boolean;
  held: boolean;
}

/** The invitation, locked, or 400 naming the field; 409 if cancelled or its meeting is already recorded. */
export async function lockInvitation(tx: Queryable, county: string, planId: string, invitationId: string): Promise<InvitationRow> {
  const inv = (await tx.query<InvitationRow>(
    `SELECT i.id, i.version, i.purpose, i.question, i.starts_at AS "startsAt", i.ends_at AS "endsAt", i.place, i.video_link AS "videoLink",
            i.meeting_leader_id AS "meetingLeaderId", i.cancelled_at IS NOT NULL AS cancelled,
            EXISTS (SELECT 1 FROM meetings m WHERE m.county = i.county AND m.invitation_id = i.id) AS held
     FROM invitations i WHERE i.county = $1 AND i.plan_id = $2 AND i.id = $3::uuid FOR UPDATE`, [county, planId, invitationId]))[0];
  if (!inv) throw invalid([{ field: '/invitationId', code: 'not_found', message: 'Kallelsen finns inte i planen.' }]);
  if (inv.cancelled) throw conflict('invitation_cancelled', 'Kallelsen är redan inställd.');
  if (inv.held) throw conflict('meeting_held', 'Mötet är redan hållet och registrerat.');
  return inv;
}

