import type { Database } from '../../store/database.ts';
import { invalid } from '../errors.ts';

export interface ConsentPolicySetting {
  county: string;
  policy: 'guardians' | 'child_from_age';
  /** From which age the child's own consent suffices (policy child_from_age). */
  age?: number;
}

/**
 * Sets which consent a child's plan needs in a county, as its regional agreement says (SIP.md §2:
 * some regions require the guardians' consent whatever the child's age, others let a mature
 * child consent alone). Applies to consents recorded from now on; earlier ones keep their verdict.
 * An operator's command (samplan consent-policy), not a user's: there is no actor to audit.
 */
export async function setConsentPolicy(db: Database, s: ConsentPolicySetting): Promise<{ county: string; name: string; policy: string; age: number }> {
  if (s.policy !== 'guardians' && s.policy !== 'child_from_age') {
    throw invalid([{ field: '/policy', code: 'enum', message: 'guardians eller child_from_age.' }]);
  }
  if (s.age !== undefined && (!Number.isInteger(s.age) || s.age < 12 || s.age > 18)) {
    throw invalid([{ field: '/age', code: 'range', message: 'En ålder mellan 12 och 18.' }]);
  }
  const rows = await db.query<{ county: string; name: string; policy: string; age: number }>(
    `UPDATE counties SET child_consent_policy = $2, child_consent_age = coalesce($3, child_consent_age)
     WHERE county = $1 RETURNING county, name, child_consent_policy AS policy, child_consent_age AS age`,
    [s.county, s.policy, s.age ?? null]);
  if (!rows[0]) throw invalid([{ field: '/county', code: 'unknown', message: 'Okänt län (tvåsiffrig länskod, t.ex. 12).' }]);
  return rows[0];
}
