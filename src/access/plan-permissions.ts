/**
 * Who may do what with a plan: one pure decision over facts that one SQL query gathers
 * (src/access/require-plan-access.ts). Participation, consent and role, in one place.
 *
 * - Information about a child crosses the secrecy between region, municipality and school only
 *   with the person's consent (OSL 25 kap 1 §, 26 kap 1 §, 23 kap 2 §; 10 kap 1 § lifts it with
 *   consent, 12 kap 2 §). So a unit reads a plan only when it takes part AND a valid consent
 *   covers it.
 * - The initiating unit sees its own draft before any consent exists: it is its own information,
 *   gathered to ask for the consent. Once a consent has been recorded, the consent decides, also
 *   for the initiating unit (a withdrawal takes effect for everyone at once).
 * - The analyst (uppföljare) sees key figures only, never a person.
 */
import type { Role } from '../services/context.ts';

export type PlanPermission =
  /** Read the plan's contents. */
  | 'plan.read'
  /** Change the plan's contents or move it through the process. */
  | 'plan.write'
  /** Record a consent: needs participation only (the first consent is recorded before any exists). */
  | 'plan.consent'
  /** Withdraw a consent or cancel the plan: participation only, so that a plan whose consent is gone can still be ended. */
  | 'plan.end';

export interface PlanAccessFacts {
  exists: boolean;
  participates: boolean;
  coveredByConsent: boolean;
  anyConsentRecorded: boolean;
  isInitiatingUnit: boolean;
  isOpen: boolean;
}

export type AccessDecision =
  | { allowed: true }
  /** Answer 404: the actor may not learn whether the plan exists. */
  | { allowed: false; answer: 'not_found'; reason: 'no_such_plan' | 'not_participating' | 'role' }
  /** Answer 403: the unit takes part, so it knows the plan exists, but no consent covers it. */
  | { allowed: false; answer: 'forbidden'; reason: 'no_consent' };

export function decidePlanAccess(role: Role, permission: PlanPermission, facts: PlanAccessFacts): AccessDecision {
  if (!facts.exists) return { allowed: false, answer: 'not_found', reason: 'no_such_plan' };
  if (role === 'analyst') return { allowed: false, answer: 'not_found', reason: 'role' };
  if (!facts.participates) return { allowed: false, answer: 'not_found', reason: 'not_participating' };
  if (permission === 'plan.consent' || permission === 'plan.end') return { allowed: true };
  const ownDraft = facts.isInitiatingUnit && !facts.anyConsentRecorded && facts.isOpen;
  if (facts.coveredByConsent || ownDraft) return { allowed: true };
  return { allowed: false, answer: 'forbidden', reason: 'no_consent' };
}
