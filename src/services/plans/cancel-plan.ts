import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan, movePlan, nextState, refuse, requireVersion, type PlanCommandOptions } from '../plan-command.ts';

export interface CancelPlanOptions {
  actor: Actor;
  planId: string;
  version: number | undefined;
  reason: string;
}

/**
 * Cancels (avbryter) an open plan with a reason, e.g. when consent is refused or withdrawn
 * (SIP.md §2: from then on nothing more is shared). Needs participation only, not consent, so
 * that a plan whose consent is gone can still be ended; only the initiating or coordinating unit may.
 */
export async function cancelPlan(ctx: Context, { actor, planId, version, reason }: CancelPlanOptions): Promise<{ version: number }> {
  const command: PlanCommandOptions = { actor, planId, permission: 'plan.end', action: 'U', event: 'plan.cancel' };
  return inPlan(ctx, command, async (step) => {
    if (actor.unitId !== step.plan.initiatingUnitId && actor.unitId !== step.plan.coordinatorUnitId) {
      throw await refuse(step, command, 'not_owner', 'Bara den initierande eller samordnande verksamheten kan avbryta planen.');
    }
    const to = nextState(step.plan, 'cancel');
    requireVersion(step.plan.version, version);
    if (!reason.trim()) throw invalid([{ field: '/reason', code: 'required', message: 'Ange skälet.' }]);
    return { version: await movePlan(step, actor, to, step.plan.version, { cancel_reason: reason.trim() }, reason.trim()) };
  });
}
