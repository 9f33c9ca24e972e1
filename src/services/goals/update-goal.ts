import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { requireNeedInPlan, sentOnly, updateRow } from '../plan-rows.ts';

export interface UpdateGoalOptions {
  actor: Actor;
  planId: string;
  goalId: string;
  version: number | undefined;
  patch: { professionalWording?: string; childWords?: string | null; needId?: string | null; removed?: boolean };
}

/** Changes a goal's wording or the child's own words, or removes the goal (kept in earlier versions). */
export async function updateGoal(ctx: Context, { actor, planId, goalId, version, patch }: UpdateGoalOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'goal.update' }, async (step) => {
    step.detail.goalId = goalId;
    if (patch.needId) await requireNeedInPlan(step, patch.needId);
    const values = sentOnly(patch, { professionalWording: 'professional_wording', childWords: 'child_words', needId: 'need_id' });
    if (patch.removed !== undefined) values.removed_at = patch.removed ? step.now : null;
    return { version: await updateRow(step, 'goals', goalId, version, values, '/goalId') };
  });
}
