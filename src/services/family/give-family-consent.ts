import type { Citizen } from '../../access/citizen-access.ts';
import { consentProblems, type ConsentPolicy } from '../../domain/consent.ts';
import { addCalendarDays } from '../../domain/working-days.ts';
import type { Context } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { inFamilyPlan } from './family-command.ts';
import { tellCoordinator } from './change-family-consent.ts';

/**
 * The family gives consent digitally for one participating unit that the consent does not cover:
 * a consent (samtycke) naming that unit, for a year, given by the person signed in with BankID
 * (SoL 2 kap 7 §: "om den enskilde samtycker"; OSL 10 kap 1 §, 12 kap 2 §). Each guardian gives
 * their own: when custody is joint, the consent covers the unit only once every guardian has
 * (föräldrabalken 6 kap 13 §), or the child alone where the county's policy lets a child of that
 * age decide. Until then the unit still cannot read the plan, and the family sees who is awaited.
 */
export async function giveFamilyConsent(ctx: Context, citizen: Citizen, o: { planId: string; unitId: string }): Promise<{ consentId: string; sufficient: boolean; waitingFor: string[] }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'C', event: 'family.consent_give' }, async (step) => {
    const { tx, plan, today } = step;
    const [facts] = await tx.query<{ participates: boolean; covered: boolean; birth_date: string | null; guardian_ids: string[]; policy: string; age: number; pending: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM plan_participants pp WHERE pp.county = $1 AND pp.plan_id = $2 AND pp.kind = 'unit' AND pp.unit_id = $3::uuid AND pp.active) AS participates,
              EXISTS (SELECT 1 FROM consents c JOIN consent_units cu ON cu.county = c.county AND cu.consent_id = c.id
                      WHERE c.county = $1 AND c.plan_id = $2 AND cu.unit_id = $3::uuid AND cu.withdrawn_at IS NULL AND c.sufficient
                        AND c.withdrawn_at IS NULL AND $5::date BETWEEN c.valid_from AND c.valid_until) AS covered,
              to_char(ch.birth_date, 'YYYY-MM-DD') AS birth_date,
              coalesce((SELECT array_agg(gs.guardian_id) FROM guardianships gs WHERE gs.county = ch.county AND gs.child_id = ch.id), '{}') AS guardian_ids,
              co.child_consent_policy AS policy, co.child_consent_age AS age,
              (SELECT c.id FROM consents c JOIN consent_units cu ON cu.county = c.county AND cu.consent_id = c.id
               WHERE c.county = $1 AND c.plan_id = $2 AND c.form = 'digital' AND NOT c.sufficient AND c.withdrawn_at IS NULL
                 AND cu.unit_id = $3::uuid AND cu.withdrawn_at IS NULL AND $5::date BETWEEN c.valid_from AND c.valid_until
               ORDER BY c.recorded_at DESC LIMIT 1) AS pending
       FROM persons ch JOIN counties co ON co.county = ch.county WHERE ch.county = $1 AND ch.id = $4`,
      [plan.county, plan.id, o.unitId, plan.childId, today]);
    if (!facts!.participates) throw invalid([{ field: '/unitId', code: 'not_participating', message: 'Verksamheten deltar inte i planen.' }]);
    if (facts!.covered) throw conflict('already_covered', 'Samtycket omfattar redan den verksamheten.', [{ field: '/unitId', code: 'already_covered', message: 'Omfattas redan.' }]);
    let consentId = facts!.pending;
    if (!consentId) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO consents (county, id, plan_id, form, given_on, valid_from, valid_until, sufficient, recorded_by_person)
         VALUES ($1, uuid_v7(), $2, 'digital', $3, $3, $4, false, $5) RETURNING id`,
        [plan.county, plan.id, today, addCalendarDays(today, 365), plan.personId]);
      consentId = row!.id;
      await tx.query('INSERT INTO consent_units (county, consent_id, unit_id) VALUES ($1, $2, $3)', [plan.county, consentId, o.unitId]);
    }
    const added = await tx.query(
      `INSERT INTO consent_givers (county, consent_id, person_id, role, stance) VALUES ($1, $2, $3, $4, 'consents')
       ON CONFLICT (county, consent_id, person_id) DO NOTHING RETURNING 1`, [plan.county, consentId, plan.personId, plan.as]);
    if (added.length === 0) throw conflict('already_given', 'Du har redan gett ditt samtycke. Nu väntar det på den andra vårdnadshavaren.', [{ field: '/unitId', code: 'already_given', message: 'Redan givet.' }]);
    const givers = await tx.query<{ personId: string; role: 'guardian' | 'child'; stance: 'consents' | 'refuses' }>(
      'SELECT person_id AS "personId", role, stance FROM consent_givers WHERE county = $1 AND consent_id = $2', [plan.county, consentId]);
    const policy: ConsentPolicy = facts!.policy === 'child_from_age' ? { kind: 'child_from_age', age: facts!.age } : { kind: 'guardians' };
    const problems = consentProblems({ id: consentId, validFrom: today, validUntil: today, withdrawn: false, givers, unitIds: [o.unitId] },
      { childId: plan.childId, birthDate: facts!.birth_date, guardianIds: facts!.guardian_ids }, policy, today);
    const sufficient = problems.length === 0;
    if (sufficient) await tx.query('UPDATE consents SET sufficient = true, version = version + 1 WHERE county = $1 AND id = $2', [plan.county, consentId]);
    Object.assign(step.detail, { unitId: o.unitId, consentId, sufficient });
    await tellCoordinator(tx, step, sufficient ? 'given' : 'given_pending', o.unitId);
    return { consentId, sufficient, waitingFor: problems };
  });
}
