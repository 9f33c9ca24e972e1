import type { Citizen } from '../../access/citizen-access.ts';
import type { Context } from '../context.ts';
import { invalid, stale, versionRequired } from '../errors.ts';
import { inFamilyPlan } from './family-command.ts';

/**
 * A guardian or the young person answers a kallelse: coming, or not (with a reason, as the routine
 * asks of every refusal). The family is always welcome at its own SIP meeting (SoL 2 kap 7 §: the
 * plan is drawn up together with the person), so a family member the invitation did not name is
 * added as an invitee by answering. `version` is the answer's version the person saw (0 when they
 * had none); a stale one is 412.
 */
export async function answerFamilyInvitation(ctx: Context, citizen: Citizen, o: { planId: string; invitationId: string; answer: 'accepted' | 'declined'; reason?: string | null; version: number | undefined }): Promise<{ version: number }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'U', event: 'family.invitation_answer' }, async ({ tx, plan, now, detail }) => {
    if (o.answer === 'declined' && !o.reason?.trim()) throw invalid([{ field: '/reason', code: 'required', message: 'Skriv varför du inte kan komma, så att mötet kan flyttas.' }]);
    if (o.version === undefined) throw versionRequired();
    const inv = (await tx.query<{ id: string; ends_at: Date }>(
      'SELECT id, ends_at FROM invitations WHERE county = $1 AND plan_id = $2 AND id = $3::uuid AND cancelled_at IS NULL', [plan.county, plan.id, o.invitationId]))[0];
    if (!inv) throw invalid([{ field: '/invitationId', code: 'unknown', message: 'Det finns ingen sådan kallelse i planen.' }]);
    if (new Date(inv.ends_at) < now) throw invalid([{ field: '/invitationId', code: 'past', message: 'Mötet har redan varit.' }]);
    const mine = (await tx.query<{ id: string; version: number }>(
      'SELECT id, version FROM invitees WHERE county = $1 AND invitation_id = $2 AND person_id = $3 FOR UPDATE', [plan.county, inv.id, plan.personId]))[0];
    if ((mine?.version ?? 0) !== o.version) throw stale(mine?.version ?? 0);
    const reason = o.answer === 'declined' ? o.reason!.trim() : null;
    Object.assign(detail, { invitationId: inv.id, answer: o.answer });
    const rows = mine
      ? await tx.query<{ version: number }>(
          `UPDATE invitees SET answer = $3, decline_reason = $4, answered_at = $5, answered_by = $6, version = version + 1
           WHERE county = $1 AND id = $2 RETURNING version`, [plan.county, mine.id, o.answer, reason, now, plan.personId])
      : await tx.query<{ version: number }>(
          `INSERT INTO invitees (county, id, invitation_id, plan_id, person_id, answer, decline_reason, answered_at, answered_by, version)
           VALUES ($1, uuid_v7(), $2, $3, $4, $5, $6, $7, $4, 2) RETURNING version`,
          [plan.county, inv.id, plan.id, plan.personId, o.answer, reason, now]);
    return { version: rows[0]!.version };
  });
}
