/**
 * Consent (samtycke) rules. A SIP may only be drawn up, and information only shared, when the
 * person consents (SoL 2 kap 7 §, HSL 16 kap 4 §; secrecy under OSL 25, 26 and 23 kap is broken
 * only by consent). Consent is never general: it names the units it covers and its period, and
 * it can be withdrawn at any time with immediate effect.
 */
import { ageOn } from './identity-number.ts';

export type ConsentPolicy =
  /** Every guardian must consent, whatever the child's age. */
  | { kind: 'guardians' }
  /** From `age` the child's own consent suffices; below it every guardian must consent. */
  | { kind: 'child_from_age'; age: number };

export interface ConsentGiver {
  personId: string;
  role: 'guardian' | 'child';
  stance: 'consents' | 'refuses';
}

export interface ConsentRecord {
  id: string;
  validFrom: string;
  validUntil: string;
  withdrawn: boolean;
  givers: readonly ConsentGiver[];
  unitIds: readonly string[];
}

export interface ChildFacts {
  childId: string;
  /** 'YYYY-MM-DD', or null when unknown (reservnummer): then the guardians decide. */
  birthDate: string | null;
  guardianIds: readonly string[];
}

export type ConsentProblem =
  | 'withdrawn'
  | 'not_yet_valid'
  | 'expired'
  | 'guardian_missing'
  | 'guardian_refuses'
  | 'child_refuses'
  | 'no_giver';

/** Why a consent record does not (yet) carry a plan; empty when it is valid on `today`. */
export function consentProblems(consent: ConsentRecord, child: ChildFacts, policy: ConsentPolicy, today: string): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  if (consent.withdrawn) problems.push('withdrawn');
  if (today < consent.validFrom) problems.push('not_yet_valid');
  if (today > consent.validUntil) problems.push('expired');
  if (consent.givers.length === 0) problems.push('no_giver');

  const childStance = consent.givers.find((g) => g.role === 'child' && g.personId === child.childId)?.stance;
  const childDecides =
    policy.kind === 'child_from_age' && child.birthDate !== null && ageOn(child.birthDate, today) >= policy.age;
  if (childDecides) {
    // The regional agreement lets a mature child consent alone; then the child's own word decides.
    if (childStance !== 'consents') problems.push(childStance === 'refuses' ? 'child_refuses' : 'no_giver');
    return unique(problems);
  }
  // Both guardians consent when custody is joint (föräldrabalken 6 kap 13 §).
  for (const guardianId of child.guardianIds) {
    const stance = consent.givers.find((g) => g.role === 'guardian' && g.personId === guardianId)?.stance;
    if (stance === undefined) problems.push('guardian_missing');
    else if (stance === 'refuses') problems.push('guardian_refuses');
  }
  if (child.guardianIds.length === 0 && childStance !== 'consents') problems.push('no_giver');
  return unique(problems);
}

/** The units that the valid consents together cover on `today`. */
export function coveredUnits(consents: readonly ConsentRecord[], child: ChildFacts, policy: ConsentPolicy, today: string): Set<string> {
  const units = new Set<string>();
  for (const c of consents) {
    if (consentProblems(c, child, policy, today).length === 0) for (const u of c.unitIds) units.add(u);
  }
  return units;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
