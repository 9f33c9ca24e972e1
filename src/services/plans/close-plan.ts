import { closureMissing, type ClosureReason } from '../../domain/plan-guards.ts';
import type { Actor, Context } from '../context.ts';
import { inPlan, movePlan, nextState, requireVersion } from '../plan-command.ts';
import { missingError } from '../unprocessable-missing.ts';

export interface ClosePlanOptions {
  actor: Actor;
  planId: string;
  version: number | undefined;
  reason: ClosureReason | string;
  note?: string | null;
}

/** Closes (avslutar) the plan: a reason and a final evaluation are required (the routine's last step). */
export async function closePlan(ctx: Context, { actor, planId, version, reason, note }: ClosePlanOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'plan.close' }, async (step) => {
    const to = nextState(step.plan, 'close');
    requireVersion(step.plan.version, version);
    const finals = await step.tx.query('SELECT 1 FROM evaluations WHERE county = $1 AND plan_id = $2 AND is_final LIMIT 1', [step.plan.county, step.plan.id]);
    const missing = closureMissing(reason, finals.length > 0);
    if (missing.length) throw missingError('closure_incomplete', 'Planen kan inte avslutas än.', missing);
    step.detail.reason = reason;
    return { version: await movePlan(step, actor, to, step.plan.version, { closed_at: step.now, closure_reason: reason, closure_note: note ?? null }) };
  });
}
