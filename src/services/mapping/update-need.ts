import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { sentOnly, updateRow } from '../plan-rows.ts';
import type { LifeArea } from './add-need.ts';

export interface UpdateNeedOptions {
  actor: Actor;
  planId: string;
  needId: string;
  version: number | undefined;
  patch: { lifeArea?: LifeArea; description?: string; familyView?: string | null; childView?: string | null };
}

/** Changes a need's wording or the family's view of it. */
export async function updateNeed(ctx: Context, { actor, planId, needId, version, patch }: UpdateNeedOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'need.update' }, async (step) => {
    step.detail.needId = needId;
    return { version: await updateRow(step, 'needs', needId, version, sentOnly(patch, { lifeArea: 'life_area', description: 'description', familyView: 'family_view', childView: 'child_view' }), '/needId') };
  });
}
