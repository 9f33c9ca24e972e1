import { evaluationMissing } from '../../domain/plan-guards.ts';
import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan, movePlan, nextState, requireVersion } from '../plan-command.ts';
import { missingError } from '../unprocessable-missing.ts';

export interface GoalEvaluationInput {
  goalId: string;
  outcome: 'reached' | 'partly_reached' | 'not_reached';
  comment?: string | null;
  childView?: string | null;
  guardianView?: string | null;
}

export interface EvaluatePlanOptions {
  actor: Actor;
  planId: string;
  version: number | undefined;
  /** One per goal of the plan. */
  evaluations: GoalEvaluationInput[];
  /** The final evaluation before closure. */
  final: boolean;
}

/** Evaluates (utvärderar) the plan, goal by goal, with the child's and the guardians' view. */
export async function evaluatePlan(ctx: Context, { actor, planId, version, evaluations, final }: EvaluatePlanOptions): Promise<{ version: number; round: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'plan.evaluate' }, async (step) => {
    const to = nextState(step.plan, 'evaluate');
    requireVersion(step.plan.version, version);
    const goalIds = (await step.tx.query<{ id: string }>(
      'SELECT id FROM goals WHERE county = $1 AND plan_id = $2 AND removed_at IS NULL', [step.plan.county, step.plan.id])).map((g) => g.id);
    const known = new Set(goalIds);
    const seen = new Set<string>();
    evaluations.forEach((e, i) => {
      if (!known.has(e.goalId)) throw invalid([{ field: `/evaluations/${i}/goalId`, code: 'unknown', message: 'Inget sådant mål i planen.' }]);
      if (seen.has(e.goalId)) throw invalid([{ field: `/evaluations/${i}/goalId`, code: 'duplicate', message: 'Målet är redan utvärderat i denna omgång.' }]);
      seen.add(e.goalId);
    });
    const missing = evaluationMissing(goalIds, [...seen]);
    if (missing.length) throw missingError('evaluation_incomplete', 'Utvärdera varje mål.', missing);
    const [{ round }] = (await step.tx.query<{ round: number }>(
      'SELECT coalesce(max(round), 0) + 1 AS round FROM evaluations WHERE county = $1 AND plan_id = $2', [step.plan.county, step.plan.id])) as [{ round: number }];
    await step.tx.query(
      `INSERT INTO evaluations (county, id, plan_id, round, goal_id, outcome, comment, child_view, guardian_view, is_final, evaluated_by)
       SELECT $1, uuid_v7(), $2, $3, e.goal_id, e.outcome, e.comment, e.child_view, e.guardian_view, $4, $5
       FROM jsonb_to_recordset($6::jsonb) AS e(goal_id uuid, outcome text, comment text, child_view text, guardian_view text)`,
      [step.plan.county, step.plan.id, round, final, actor.staffId,
        JSON.stringify(evaluations.map((e) => ({ goal_id: e.goalId, outcome: e.outcome, comment: e.comment ?? null, child_view: e.childView ?? null, guardian_view: e.guardianView ?? null })))]);
    Object.assign(step.detail, { round, final });
    return { version: await movePlan(step, actor, to, step.plan.version), round };
  });
}
