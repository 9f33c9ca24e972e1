import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { sentOnly, updateRow } from '../plan-rows.ts';
import type { LifeArea } from './add-need.ts';

export interface UpdateNeedOptions {
  actor: Actor;
  planId: string;
  needId: string;
  version: number | undefined;
  patch: { lifeArea?: LifeArea; description?: string; familyView?: string | null; childView?: string | null; removed?: boolean };
}

/** Changes a need's wording or the family's view of it, or removes it from the mapping (kept in history). */
export async function updateNeed(ctx: Context, { actor, planId, needId, version, patch }: UpdateNeedOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'need.update' }, async (step) => {
    step.detail.needId = needId;
    const values = sentOnly(patch, { lifeArea: 'life_area', description: 'description', familyView: 'family_view', childView: 'child_view' });
    if (patch.removed !== undefined) values.removed_at = patch.removed ? step.now : null;
    return { version: await updateRow(step, 'needs', needId, version, values, '/needId') };
  });
}
