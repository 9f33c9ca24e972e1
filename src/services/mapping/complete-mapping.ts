import { mappingMissing } from '../../domain/plan-guards.ts';
import type { Actor, Context } from '../context.ts';
import { inPlan, movePlan, nextState, requireVersion } from '../plan-command.ts';
import { missingError } from '../unprocessable-missing.ts';

export interface CompleteMappingOptions {
  actor: Actor;
  planId: string;
  version: number | undefined;
}

/** Marks the mapping (kartläggning) done, so that the SIP meeting can draw up the plan. */
export async function completeMapping(ctx: Context, { actor, planId, version }: CompleteMappingOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'plan.complete_mapping' }, async (step) => {
    const to = nextState(step.plan, 'complete_mapping');
    requireVersion(step.plan.version, version);
    const [{ n }] = (await step.tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM needs WHERE county = $1 AND plan_id = $2 AND removed_at IS NULL', [step.plan.county, step.plan.id])) as [{ n: number }];
    const missing = mappingMissing(n);
    if (missing.length) throw missingError('mapping_incomplete', 'Kartläggningen saknar behov.', missing);
    return { version: await movePlan(step, actor, to, step.plan.version) };
  });
}
