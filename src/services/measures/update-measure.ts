import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { sentOnly, updateRow } from '../plan-rows.ts';

export interface UpdateMeasureOptions {
  actor: Actor;
  planId: string;
  measureId: string;
  version: number | undefined;
  patch: { actor?: string; description?: string; removed?: boolean };
}

export async function updateMeasure(ctx: Context, { actor, planId, measureId, version, patch }: UpdateMeasureOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'measure.update' }, async (step) => {
    const values = sentOnly(patch, { actor: 'actor', description: 'description' });
    if (patch.removed !== undefined) values.removed_at = patch.removed ? step.now : null;
    step.detail.measureId = measureId;
    return { version: await updateRow(step, 'measures_by_others', measureId, version, values, '/measureId') };
  });
}
