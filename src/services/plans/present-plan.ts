/**
 * What a staff member is shown of a plan: the stored document with the child's identity number
 * masked (last four digits only on demand, UI.md), the next steps the routine offers, and the
 * establishing checklist while the plan is not yet established.
 */
import { maskIdentityNumber, type IdentityKind } from '../../domain/identity-number.ts';
import { nextEvents, type PlanState } from '../../domain/plan-lifecycle.ts';

export function presentPlan(doc: Record<string, any>): Record<string, any> {
  const child = doc.child as { identityKind: IdentityKind; identityNumber: string } & Record<string, unknown>;
  const { identityNumber, ...rest } = child;
  return {
    ...doc,
    child: { ...rest, identityNumberMasked: maskIdentityNumber({ kind: child.identityKind, normalised: identityNumber }) },
    nextSteps: nextEvents(doc.state as PlanState),
  };
}
