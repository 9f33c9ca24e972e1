import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { insertRow } from '../plan-rows.ts';

export const LIFE_AREAS = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'] as const;
export type LifeArea = (typeof LIFE_AREAS)[number];

export interface AddNeedOptions {
  actor: Actor;
  planId: string;
  need: { lifeArea: LifeArea; description: string; familyView?: string | null; childView?: string | null };
}

/**
 * Records a need in the mapping (kartläggning), by one of the eight wellbeing areas of the
 * Scottish model (trygg, frisk, utvecklas, omvårdad, aktiv, respekterad, ansvarstagande,
 * delaktig), with the family's and the child's own view beside the professionals'.
 */
export async function addNeed(ctx: Context, { actor, planId, need }: AddNeedOptions): Promise<{ id: string; version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'need.add' }, async (step) => {
    const id = await insertRow(step, 'needs', {
      life_area: need.lifeArea, description: need.description.trim(), family_view: need.familyView ?? null,
      child_view: need.childView ?? null, created_by: actor.staffId,
    });
    step.detail.needId = id;
    return { id, version: 1 };
  });
}
