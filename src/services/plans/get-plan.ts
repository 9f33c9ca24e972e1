import { readPlanDocument } from '../../store/plan-document.ts';
import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';
import { presentPlan } from './present-plan.ts';

export interface GetPlanOptions {
  actor: Actor;
  planId: string;
}

/** Reads one whole plan, as a participating unit covered by the consent. Audited as a read. */
export async function getPlan(ctx: Context, { actor, planId }: GetPlanOptions): Promise<Record<string, any>> {
  return inPlan(ctx, { actor, planId, permission: 'plan.read', action: 'R', event: 'plan.read' }, async ({ tx, plan, today }) =>
    presentPlan(await readPlanDocument(tx, plan.county, plan.id, today)),
  );
}
