/**
 * The one thing that should happen next on a plan (UI.md: "the next step is obvious"), following
 * Skåne's SIP routine: consent → invitation → mapping → meeting → establish → follow-up.
 */
import type { Plan } from '../api/types.ts';

export interface NextStep {
  /** i18n key under nextStep.* */
  key: 'consent' | 'invite' | 'answer' | 'map' | 'meeting' | 'establish' | 'followUp' | 'reviseOrClose' | 'none';
  /** The plan page section where it is done. */
  section: string;
  /** The date it should be done by, when the routine gives one. */
  by?: string | null;
}

export function coveredUnitIds(plan: Plan): Set<string> {
  return new Set(plan.consents.filter((c) => c.active).flatMap((c) => c.unitIds ?? []));
}

export function participatingUnitIds(plan: Plan): string[] {
  return plan.participants.filter((p) => p.kind === 'unit' && p.unitId).map((p) => p.unitId!);
}

export function nextStep(plan: Plan, myUnitId: string): NextStep {
  const covered = coveredUnitIds(plan);
  switch (plan.state) {
    case 'initiated':
      if (participatingUnitIds(plan).some((u) => !covered.has(u))) return { key: 'consent', section: 'samtycke' };
      return { key: 'invite', section: 'moten' };
    case 'invited': {
      const mine = plan.invitations.flatMap((i) => i.invitees ?? []).some((iv) => iv.unitId === myUnitId && iv.answer === 'pending');
      if (mine) return { key: 'answer', section: 'moten' };
      return { key: 'map', section: 'kartlaggning' };
    }
    case 'mapped':
      if (plan.meetings.length === 0) {
        const next = plan.invitations.map((i) => i.startsAt).sort().at(-1);
        return { key: 'meeting', section: 'moten', by: next ?? null };
      }
      return { key: 'establish', section: 'upprattande' };
    case 'established':
      return { key: 'followUp', section: 'uppfoljning', by: plan.nextFollowUpOn };
    case 'evaluated':
      return { key: 'reviseOrClose', section: 'uppfoljning' };
    default:
      return { key: 'none', section: 'plan' };
  }
}
