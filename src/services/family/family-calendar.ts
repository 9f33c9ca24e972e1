import type { Citizen } from '../../access/citizen-access.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { calendarText } from '../notifications/icalendar.ts';
import { CALENDAR_UID_DOMAIN } from '../notifications/notice-invitation.ts';
import { inFamilyPlan } from './family-command.ts';

/**
 * A kallelse as a calendar file for the family's own calendar, with the video link. The same UID
 * and SEQUENCE as the staff's copies (RFC 5546), so a moved meeting updates the same entry. Like
 * theirs, it names the plan by number only: a calendar is read far outside Samplan.
 */
export async function familyCalendar(ctx: Context, citizen: Citizen, planId: string, invitationId: string): Promise<{ filename: string; ics: string }> {
  return inFamilyPlan(ctx, citizen, planId, { action: 'R', event: 'family.read' }, async ({ tx, plan, now, detail }) => {
    const inv = (await tx.query<{ id: string; version: number; starts_at: Date; ends_at: Date; place: string | null; video_link: string | null; plan_number: string; leader: string; leader_email: string | null; me: string }>(
      `SELECT i.id, i.version, i.starts_at, i.ends_at, i.place, i.video_link, p.plan_number, ml.name AS leader, nullif(trim(ml.email), '') AS leader_email,
              (SELECT per.given_name || ' ' || per.family_name FROM persons per WHERE per.county = i.county AND per.id = $4) AS me
       FROM invitations i JOIN plans p ON p.county = i.county AND p.id = i.plan_id JOIN staff ml ON ml.county = i.county AND ml.id = i.meeting_leader_id
       WHERE i.county = $1 AND i.plan_id = $2 AND i.id = $3::uuid AND i.cancelled_at IS NULL`,
      [plan.county, plan.id, invitationId, plan.personId]))[0];
    if (!inv) throw notFound();
    Object.assign(detail, { part: 'calendar', invitationId: inv.id });
    const ics = calendarText({
      method: 'REQUEST', uid: `${inv.id}@${CALENDAR_UID_DOMAIN}`, sequence: inv.version - 1, stamp: now,
      start: new Date(inv.starts_at), end: new Date(inv.ends_at), summary: `SIP-möte ${inv.plan_number}`,
      description: `Möte om planen ${inv.plan_number}. Syfte och frågeställning finns i Samplan.${inv.video_link ? ` Videolänk: ${inv.video_link}` : ''}`,
      location: inv.place ?? inv.video_link, url: inv.video_link,
      organizer: { name: inv.leader, email: inv.leader_email ?? 'noreply@samplan.invalid' },
      // The family's own address is never stored here (and is hidden under protected identity): no mailbox.
      attendee: { name: inv.me, email: 'familj@samplan.invalid' },
    });
    return { filename: `sip-mote-${inv.plan_number}.ics`, ics };
  });
}
