/**
 * The guards of the lifecycle: what the law and the routine demand before a step may be taken.
 * Each returns the list of what is missing, named so that the user can be sent to the place to
 * fix it; an empty list means the step may be taken.
 */

/** What establishing (upprätta) demands. The first four are the plan's statutory contents. */
export type EstablishRequirement =
  /** SoL 2 kap 7 § / HSL 16 kap 4 § p. 1: which interventions are needed. */
  | 'needed_interventions'
  /** p. 2: which interventions each principal answers for (every intervention names a participating principal). */
  | 'principal_responsibility'
  /** p. 3: which measures others than the region and the municipality take ("none" must be stated). */
  | 'measures_by_others'
  /** p. 4: which principal has the overall responsibility for the plan. */
  | 'overall_responsibility'
  /** The routine: a named coordinator (samordnare) from a participating unit. */
  | 'coordinator'
  /** The routine: the date of the next follow-up, after today. */
  | 'next_follow_up'
  /** SoL 2 kap 7 §: the person's consent, covering every participating unit. */
  | 'consent'
  /** The plan is drawn up at a meeting with the person (SoL 2 kap 7 § 2 st.). */
  | 'meeting';

export interface PlanForEstablishing {
  today: string;
  needCount: number;
  interventions: ReadonlyArray<{ principalId: string; unitId: string; responsibleStaffId: string }>;
  measuresByOthersCount: number;
  noMeasuresByOthers: boolean;
  overallPrincipalId: string | null;
  coordinatorStaffId: string | null;
  coordinatorUnitId: string | null;
  nextFollowUpOn: string | null;
  participatingUnits: ReadonlyArray<{ unitId: string; principalId: string }>;
  consentCoveredUnitIds: ReadonlySet<string>;
  meetingsHeld: number;
}

export interface Missing<R extends string> {
  requirement: R;
  /** Ids of the things that fall short (units without consent, interventions without principal). */
  ids?: string[];
}

export function establishMissing(plan: PlanForEstablishing): Missing<EstablishRequirement>[] {
  const missing: Missing<EstablishRequirement>[] = [];
  const participatingPrincipals = new Set(plan.participatingUnits.map((u) => u.principalId));
  const participatingUnitIds = new Set(plan.participatingUnits.map((u) => u.unitId));

  if (plan.interventions.length === 0 || plan.needCount === 0) missing.push({ requirement: 'needed_interventions' });
  // The unit must take part, and the principal named must be the one the unit belongs to.
  const principalOfUnit = new Map(plan.participatingUnits.map((u) => [u.unitId, u.principalId]));
  const orphan = plan.interventions.filter((i) => principalOfUnit.get(i.unitId) !== i.principalId);
  if (plan.interventions.length === 0 || orphan.length > 0) {
    missing.push({ requirement: 'principal_responsibility', ids: orphan.map((i) => i.unitId) });
  }
  if (plan.measuresByOthersCount === 0 && !plan.noMeasuresByOthers) missing.push({ requirement: 'measures_by_others' });
  if (!plan.overallPrincipalId || !participatingPrincipals.has(plan.overallPrincipalId)) {
    missing.push({ requirement: 'overall_responsibility' });
  }
  if (!plan.coordinatorStaffId || !plan.coordinatorUnitId || !participatingUnitIds.has(plan.coordinatorUnitId)) {
    missing.push({ requirement: 'coordinator' });
  }
  if (!plan.nextFollowUpOn || plan.nextFollowUpOn <= plan.today) missing.push({ requirement: 'next_follow_up' });
  const uncovered = [...participatingUnitIds].filter((u) => !plan.consentCoveredUnitIds.has(u));
  if (participatingUnitIds.size === 0 || uncovered.length > 0) missing.push({ requirement: 'consent', ids: uncovered });
  if (plan.meetingsHeld === 0) missing.push({ requirement: 'meeting' });
  return missing;
}

/** What a written invitation (kallelse) must state, per Skåne's SIP routine. */
export type InvitationRequirement = 'purpose' | 'question' | 'time' | 'place_or_video' | 'invitees' | 'meeting_leader';

export interface InvitationDraft {
  purpose?: string | null;
  question?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  place?: string | null;
  videoLink?: string | null;
  inviteeCount: number;
  meetingLeaderId?: string | null;
}

export function invitationMissing(draft: InvitationDraft): Missing<InvitationRequirement>[] {
  const blank = (s: string | null | undefined) => !s || s.trim().length === 0;
  const missing: Missing<InvitationRequirement>[] = [];
  if (blank(draft.purpose)) missing.push({ requirement: 'purpose' });
  if (blank(draft.question)) missing.push({ requirement: 'question' });
  const start = Date.parse(draft.startsAt ?? '');
  const end = Date.parse(draft.endsAt ?? '');
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    missing.push({ requirement: 'time' });
  }
  if (blank(draft.place) && !/^https:\/\/\S+$/.test(draft.videoLink ?? '')) missing.push({ requirement: 'place_or_video' });
  if (draft.inviteeCount === 0) missing.push({ requirement: 'invitees' });
  if (blank(draft.meetingLeaderId)) missing.push({ requirement: 'meeting_leader' });
  return missing;
}

/** Mapping (kartläggning) is complete when at least one need is described. */
export function mappingMissing(needCount: number): Missing<'needs'>[] {
  return needCount === 0 ? [{ requirement: 'needs' }] : [];
}

/** An evaluation (utvärdering) covers every goal of the plan. */
export function evaluationMissing(goalIds: readonly string[], evaluatedGoalIds: readonly string[]): Missing<'goals'>[] {
  const evaluated = new Set(evaluatedGoalIds);
  const left = goalIds.filter((g) => !evaluated.has(g));
  return goalIds.length === 0 || left.length > 0 ? [{ requirement: 'goals', ids: left }] : [];
}

export const CLOSURE_REASONS = ['goals_reached', 'consent_withdrawn', 'moved', 'transferred', 'turned_18', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Closure (avslut) needs a reason and a final evaluation (the routine's last step). */
export function closureMissing(reason: string | null | undefined, hasFinalEvaluation: boolean): Missing<'reason' | 'final_evaluation'>[] {
  const missing: Missing<'reason' | 'final_evaluation'>[] = [];
  if (!reason || !(CLOSURE_REASONS as readonly string[]).includes(reason)) missing.push({ requirement: 'reason' });
  if (!hasFinalEvaluation) missing.push({ requirement: 'final_evaluation' });
  return missing;
}
