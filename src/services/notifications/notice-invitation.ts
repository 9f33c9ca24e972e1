/**
 * Tells the invited units about a kallelse as it is sent, changed or cancelled: a notice in the
 * inbox and a mail with a calendar file. Called inside the transaction of the use case that sent,
 * changed or cancelled the invitation, so the notices exist exactly when the change does.
 */
import type { Queryable } from '../../store/database.ts';
import { swedishDate } from '../context.ts';
import { calendarText } from './icalendar.ts';
import { insertNotifications, type NewNotification } from './insert-notifications.ts';
import { invitationText, noticeLink } from './messages.ts';

export type InvitationNoticeKind = 'invitation_received' | 'invitation_changed' | 'invitation_cancelled';

export interface NoticeInvitationOptions {
  county: string;
  invitationId: string;
  kind: InvitationNoticeKind;
  now: Date;
  /** The one who sent or changed it: not told about their own act. */
  actorStaffId: string;
}

interface InvitationRow {
  planId: string;
  planNumber: string;
  version: number;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  videoLink: string | null;
  organizer: { name: string; email: string | null };
  units: Array<{ unitName: string; contacts: string[] }>;
}

/** The domain of calendar UIDs: a UUID is unique by itself, the suffix says whose it is. */
export const CALENDAR_UID_DOMAIN = 'samplan';

/**
 * Queues the notices about the invitation's current version; returns how many were created.
 * Only invited units are told here: the child and the guardians have no inbox in Samplan yet, and
 * the convener calls them (the routine: the guardian signs the kallelse in Lotsmodellen).
 */
export async function noticeInvitation(tx: Queryable, o: NoticeInvitationOptions): Promise<number> {
  const inv = (await tx.query<InvitationRow>(
    `SELECT i.plan_id AS "planId", p.plan_number AS "planNumber", i.version, i.starts_at AS "startsAt", i.ends_at AS "endsAt",
            i.place, i.video_link AS "videoLink",
            json_build_object('name', ml.name, 'email', coalesce(nullif(trim(ml.email), ''), nullif(trim(sb.email), ''))) AS organizer,
            coalesce((SELECT json_agg(json_build_object('unitName', u.name,
                        'contacts', unit_contacts(v.county, v.unit_id, coalesce(v.staff_id, pp.staff_id))) ORDER BY u.name)
                      FROM invitees v
                      JOIN units u ON u.county = v.county AND u.id = v.unit_id
                      LEFT JOIN plan_participants pp ON pp.county = v.county AND pp.plan_id = v.plan_id AND pp.kind = 'unit'
                        AND pp.unit_id = v.unit_id AND pp.active
                      WHERE v.county = i.county AND v.invitation_id = i.id), '[]') AS units
     FROM invitations i
     JOIN plans p ON p.county = i.county AND p.id = i.plan_id
     JOIN staff ml ON ml.county = i.county AND ml.id = i.meeting_leader_id
     JOIN staff sb ON sb.county = i.county AND sb.id = i.sent_by
     WHERE i.county = $1 AND i.id = $2`, [o.county, o.invitationId]))[0];
  if (!inv) return 0;
  const recipientIds = [...new Set(inv.units.flatMap((u) => u.contacts))].filter((id) => id !== o.actorStaffId);
  if (recipientIds.length === 0) return 0;
  const people = new Map((await tx.query<{ id: string; name: string; email: string | null }>(
    'SELECT id, name, nullif(trim(email), \'\') AS email FROM staff WHERE county = $1 AND id = ANY($2::uuid[])', [o.county, recipientIds])).map((s) => [s.id, s]));

  const startsAt = new Date(inv.startsAt);
  const endsAt = new Date(inv.endsAt);
  const rows: NewNotification[] = [];
  for (const unit of inv.units) {
    const { title, body } = invitationText(o.kind, { planNumber: inv.planNumber, unitName: unit.unitName, startsAt, endsAt, place: inv.place, videoLink: inv.videoLink });
    for (const staffId of unit.contacts) {
      const person = people.get(staffId);
      if (!person || rows.some((r) => r.recipientId === staffId)) continue;
      const method = o.kind === 'invitation_cancelled' ? 'CANCEL' as const : 'REQUEST' as const;
      const calendar = person.email ? {
        method,
        content: calendarText({
          method, uid: `${o.invitationId}@${CALENDAR_UID_DOMAIN}`, sequence: inv.version - 1, stamp: o.now, start: startsAt, end: endsAt,
          summary: `${method === 'CANCEL' ? 'Inställt: ' : ''}SIP-möte ${inv.planNumber}`,
          description: `${title}. Kallelsens syfte och frågeställning finns i Samplan under planen ${inv.planNumber}.${inv.videoLink ? ` Videolänk: ${inv.videoLink}` : ''}`,
          location: inv.place ?? inv.videoLink, url: inv.videoLink,
          organizer: { name: inv.organizer.name, email: inv.organizer.email ?? 'noreply@samplan.invalid' },
          attendee: { name: person.name, email: person.email },
        }),
      } : undefined;
      rows.push({
        county: o.county, recipientId: staffId, planId: inv.planId, kind: o.kind,
        // One notice per version of the invitation: a change is news again, a repeat of the same version is not.
        key: `invitation:${o.invitationId}:${inv.version}`, stage: 'info', dueOn: swedishDate(startsAt),
        title, body, link: noticeLink(o.kind, inv.planId), calendar,
      });
    }
  }
  return (await insertNotifications(tx, rows, o.now)).length;
}
