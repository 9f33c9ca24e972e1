/**
 * What a staff member is shown of a plan besides the stored document: the next steps the
 * routine offers from its state. (The child's identity number is masked in the document query.)
 * The document is still JSON text: the hot read path sends it as it is.
 */
import { nextEvents, type PlanState } from '../../domain/plan-lifecycle.ts';

export function presentPlanText(docText: string, state: PlanState): string {
  return `${docText.slice(0, -1)},"nextSteps":${JSON.stringify(nextEvents(state))}}`;
}
