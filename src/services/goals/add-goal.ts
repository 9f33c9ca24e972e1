import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { insertRow, requireNeedInPlan } from '../plan-rows.ts';

export interface AddGoalOptions {
  actor: Actor;
  planId: string;
  goal: { needId?: string | null; professionalWording: string; childWords?: string | null };
}

/** Adds a goal: the professional wording and, beside it, the child's own words (Barnkonventionen art. 12). */
export async function addGoal(ctx: Context, { actor, planId, goal }: AddGoalOptions): Promise<{ id: string; version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'goal.add' }, async (step) => {
    if (goal.needId) await requireNeedInPlan(step, goal.needId);
    const id = await insertRow(step, 'goals', {
      need_id: goal.needId ?? null, professional_wording: goal.professionalWording.trim(),
      child_words: goal.childWords ?? null, created_by: actor.staffId,
    });
    step.detail.goalId = id;
    return { id, version: 1 };
  });
}
