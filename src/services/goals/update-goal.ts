import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { sentOnly, updateRow } from '../plan-rows.ts';

export interface UpdateGoalOptions {
  actor: Actor;
  planId: string;
  goalId: string;
  version: number | undefined;
  patch: { professionalWording?: string; childWords?: string | null; needId?: string | null };
}

export async function updateGoal(ctx: Context, { actor, planId, goalId, version, patch }: UpdateGoalOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'goal.update' }, async (step) => {
    step.detail.goalId = goalId;
    return { version: await updateRow(step, 'goals', goalId, version, sentOnly(patch, { professionalWording: 'professional_wording', childWords: 'child_words', needId: 'need_id' }), '/goalId') };
  });
}
