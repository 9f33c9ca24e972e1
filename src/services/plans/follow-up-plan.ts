import { establishMissing } from '../../domain/plan-guards.ts';
import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan, movePlan, nextState, requireVersion } from '../plan-command.ts';
import { missingError } from '../unprocessable-missing.ts';
import { establishingFacts } from './plan-facts.ts';
import { snapshotVersion } from './snapshot-version.ts';

export interface FollowUpPlanOptions {
  actor: Actor;
  planId: string;
  version: number | undefined;
  followUp: { heldOn: string; meetingId?: string | null; note?: string | null; nextFollowUpOn: string };
}

/**
 * Holds a follow-up (uppföljning): the plan is revised into a new version (earlier versions stay
 * readable) and the next follow-up date is set. Whether it was held by its date is kept for the
 * key figures. A revised plan must still state everything the law demands.
 */
export async function followUpPlan(ctx: Context, { actor, planId, version, followUp }: FollowUpPlanOptions): Promise<{ version: number; planVersion: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'plan.follow_up' }, async (step) => {
    const to = nextState(step.plan, 'follow_up');
    requireVersion(step.plan.version, version);
    if (followUp.heldOn > step.today) throw invalid([{ field: '/heldOn', code: 'future', message: 'Uppföljningen registreras när den har hållits.' }]);
    if (followUp.nextFollowUpOn <= step.today) throw invalid([{ field: '/nextFollowUpOn', code: 'not_future', message: 'Nästa uppföljning ska ligga efter i dag.' }]);
    if (followUp.meetingId) {
      const m = await step.tx.query('SELECT 1 FROM meetings WHERE county = $1 AND plan_id = $2 AND id = $3::uuid', [step.plan.county, step.plan.id, followUp.meetingId]);
      if (!m[0]) throw invalid([{ field: '/meetingId', code: 'unknown', message: 'Inget sådant möte i planen.' }]);
    }
    const facts = await establishingFacts(step.tx, step.plan.county, step.plan.id, step.today);
    const dueOn = facts.nextFollowUpOn!;
    const missing = establishMissing({ ...facts, nextFollowUpOn: followUp.nextFollowUpOn });
    if (missing.length) throw missingError('plan_incomplete', 'Den reviderade planen saknar:', missing);
    const planVersion = step.plan.planVersion + 1;
    await step.tx.query(
      `INSERT INTO follow_ups (county, id, plan_id, due_on, held_on, meeting_id, note, next_due_on, new_version, recorded_by)
       VALUES ($1, uuid_v7(), $2, $3, $4, $5, $6, $7, $8, $9)`,
      [step.plan.county, step.plan.id, dueOn, followUp.heldOn, followUp.meetingId ?? null, followUp.note ?? null, followUp.nextFollowUpOn, planVersion, actor.staffId]);
    const newVersion = await movePlan(step, actor, to, step.plan.version, { plan_version: planVersion, next_follow_up_on: followUp.nextFollowUpOn });
    await snapshotVersion(step, actor, planVersion, `Reviderad vid uppföljning ${followUp.heldOn}`);
    return { version: newVersion, planVersion };
  });
}
