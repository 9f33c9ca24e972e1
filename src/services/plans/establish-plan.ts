import { establishMissing } from '../../domain/plan-guards.ts';
import type { Actor, Context } from '../context.ts';
import { inPlan, movePlan, nextState, requireVersion } from '../plan-command.ts';
import { missingError } from '../unprocessable-missing.ts';
import { establishingFacts } from './plan-facts.ts';
import { snapshotVersion } from './snapshot-version.ts';

export interface EstablishPlanOptions {
  actor: Actor;
  planId: string;
  version: number | undefined;
}

/**
 * Establishes (upprättar) the plan as version 1. Refused (422, each missing item named) unless
 * the plan states the four contents of SoL 2 kap 7 § / HSL 16 kap 4 §, names a coordinator and
 * the next follow-up, was drawn up at a meeting, and a valid consent covers every participating unit.
 */
export async function establishPlan(ctx: Context, { actor, planId, version }: EstablishPlanOptions): Promise<{ version: number; planVersion: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'plan.establish' }, async (step) => {
    const to = nextState(step.plan, 'establish');
    requireVersion(step.plan.version, version);
    const missing = establishMissing(await establishingFacts(step.tx, step.plan.county, step.plan.id, step.today));
    if (missing.length) throw missingError('plan_incomplete', 'Planen kan inte upprättas än. Det här saknas:', missing);
    await snapshotVersion(step, actor, 1, 'Upprättad');
    const newVersion = await movePlan(step, actor, to, step.plan.version, { plan_version: 1, established_at: step.now });
    return { version: newVersion, planVersion: 1 };
  });
}
