import type { Citizen } from '../../access/citizen-access.ts';
import type { Context } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { inFamilyPlan } from './family-command.ts';

/**
 * The short survey after a meeting ("Kände du dig lyssnad på?", "Blev det tydligt vem som gör
 * vad?", free text): the family's experience, a key figure of internal control (SIP.md §5). Once
 * per meeting and person.
 */
export async function answerMeetingSurvey(ctx: Context, citizen: Citizen, o: { planId: string; meetingId: string; listened: number; clearWhoDoesWhat: number; comment?: string | null }): Promise<{ id: string }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'C', event: 'family.survey' }, async ({ tx, plan, now, detail }) => {
    const problems = [];
    if (!Number.isInteger(o.listened) || o.listened < 1 || o.listened > 5) problems.push({ field: '/listened', code: 'range', message: 'Välj 1–5.' });
    if (!Number.isInteger(o.clearWhoDoesWhat) || o.clearWhoDoesWhat < 1 || o.clearWhoDoesWhat > 5) problems.push({ field: '/clearWhoDoesWhat', code: 'range', message: 'Välj 1–5.' });
    const meeting = (await tx.query('SELECT 1 FROM meetings WHERE county = $1 AND plan_id = $2 AND id = $3::uuid', [plan.county, plan.id, o.meetingId]))[0];
    if (!meeting) problems.push({ field: '/meetingId', code: 'unknown', message: 'Inget sådant möte i planen.' });
    if (problems.length) throw invalid(problems);
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO meeting_surveys (county, id, plan_id, meeting_id, respondent_person_id, listened, clear_who_does_what, comment, answered_at)
       VALUES ($1, uuid_v7(), $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (county, meeting_id, respondent_person_id) DO NOTHING RETURNING id`,
      [plan.county, plan.id, o.meetingId, plan.personId, o.listened, o.clearWhoDoesWhat, o.comment?.trim() || null, now]);
    if (rows.length === 0) throw conflict('already_answered', 'Du har redan svarat om det här mötet.', [{ field: '/meetingId', code: 'already_answered', message: 'Redan besvarad.' }]);
    detail.meetingId = o.meetingId;
    return { id: rows[0]!.id };
  });
}
