import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { insertRow } from '../plan-rows.ts';

export interface AddMeasureOptions {
  actor: Actor;
  planId: string;
  measure: { actor: string; description: string };
}

/** A measure taken by someone other than the region or the municipality (SoL 2 kap 7 § p. 3), e.g. Försäkringskassan or an association. */
export async function addMeasure(ctx: Context, { actor, planId, measure }: AddMeasureOptions): Promise<{ id: string; version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'measure.add' }, async (step) => {
    const id = await insertRow(step, 'measures_by_others', { actor: measure.actor.trim(), description: measure.description.trim(), created_by: actor.staffId });
    step.detail.measureId = id;
    return { id, version: 1 };
  });
}
