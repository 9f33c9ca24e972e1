import { consentProblems, type ConsentPolicy } from '../../domain/consent.ts';
import { newId } from '../../store/ids.ts';
import type { Actor, Context } from '../context.ts';
import { invalid, type FieldProblem } from '../errors.ts';
import { inPlan } from '../plan-command.ts';

export interface ConsentGiverInput {
  personId: string;
  role: 'guardian' | 'child';
  stance: 'consents' | 'refuses';
  refusalReason?: string | null;
}

export interface RecordConsentOptions {
  actor: Actor;
  planId: string;
  consent: {
    form: 'oral' | 'written';
    givenOn: string;
    validFrom: string;
    validUntil: string;
    /** What the consent does not cover, in the person's words. */
    excludes?: string | null;
    givers: ConsentGiverInput[];
    unitIds: string[];
  };
}

/**
 * Records a consent (samtycke) as staff heard or received it: who gave it, which participating
 * units it covers, its period, what it excludes, oral or written. Every guardian's stance and
 * the child's own are recorded; the county's policy decides which are required (SIP.md §2).
 */
export async function recordConsent(ctx: Context, { actor, planId, consent }: RecordConsentOptions): Promise<{ id: string; sufficient: boolean; problems: string[] }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.consent', action: 'C', event: 'consent.record' }, async ({ tx, plan, today, detail }) => {
    const problems: FieldProblem[] = [];
    if (consent.validUntil < consent.validFrom) problems.push({ field: '/validUntil', code: 'before_start', message: 'Slutdatum före startdatum.' });
    if (consent.givenOn > today) problems.push({ field: '/givenOn', code: 'future', message: 'Datumet har inte varit än.' });
    if (consent.givers.length === 0) problems.push({ field: '/givers', code: 'required', message: 'Ange vem som har lämnat samtycket.' });
    if (consent.unitIds.length === 0) problems.push({ field: '/unitIds', code: 'required', message: 'Ange vilka verksamheter samtycket omfattar.' });
    consent.givers.forEach((g, i) => {
      if (g.stance === 'refuses' && !g.refusalReason?.trim()) problems.push({ field: `/givers/${i}/refusalReason`, code: 'required', message: 'Ange skälet.' });
    });
    const facts = (await tx.query<{ birth_date: string | null; guardian_ids: string[]; policy: string; age: number; participating: string[] }>(
      `SELECT ch.birth_date,
              coalesce((SELECT array_agg(gs.guardian_id) FROM guardianships gs WHERE gs.county = ch.county AND gs.child_id = ch.id), '{}') AS guardian_ids,
              c.child_consent_policy AS policy, c.child_consent_age AS age,
              coalesce((SELECT array_agg(pp.unit_id) FROM plan_participants pp WHERE pp.county = $1 AND pp.plan_id = $2 AND pp.kind = 'unit' AND pp.active), '{}') AS participating
       FROM persons ch JOIN counties c ON c.county = ch.county WHERE ch.county = $1 AND ch.id = $3`,
      [plan.county, plan.id, plan.childId]))[0]!;
    const guardianIds = new Set(facts.guardian_ids);
    consent.givers.forEach((g, i) => {
      const fits = g.role === 'child' ? g.personId === plan.childId : guardianIds.has(g.personId);
      if (!fits) problems.push({ field: `/givers/${i}/personId`, code: 'not_' + g.role, message: g.role === 'child' ? 'Det är inte planens barn.' : 'Personen är inte barnets vårdnadshavare.' });
    });
    const participating = new Set(facts.participating);
    consent.unitIds.forEach((u, i) => {
      if (!participating.has(u)) problems.push({ field: `/unitIds/${i}`, code: 'not_participating', message: 'Verksamheten deltar inte i planen.' });
    });
    if (problems.length) throw invalid(problems);

    const policy: ConsentPolicy = facts.policy === 'child_from_age' ? { kind: 'child_from_age', age: facts.age } : { kind: 'guardians' };
    // Period and withdrawal are checked at every read; here only whether the right people said yes.
    const stanceProblems = consentProblems(
      { id: '', validFrom: today, validUntil: today, withdrawn: false, givers: consent.givers, unitIds: consent.unitIds },
      { childId: plan.childId, birthDate: facts.birth_date, guardianIds: facts.guardian_ids }, policy, today);
    const id = newId();
    await tx.query(
      `INSERT INTO consents (county, id, plan_id, form, given_on, valid_from, valid_until, excludes, sufficient, recorded_by, recorded_unit)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [plan.county, id, plan.id, consent.form, consent.givenOn, consent.validFrom, consent.validUntil, consent.excludes ?? null,
        stanceProblems.length === 0, actor.staffId, actor.unitId]);
    await tx.query(
      `INSERT INTO consent_givers (county, consent_id, person_id, role, stance, refusal_reason)
       SELECT $1, $2, g.person_id, g.role, g.stance, g.refusal_reason
       FROM jsonb_to_recordset($3::jsonb) AS g(person_id uuid, role text, stance text, refusal_reason text)`,
      [plan.county, id, JSON.stringify(consent.givers.map((g) => ({ person_id: g.personId, role: g.role, stance: g.stance, refusal_reason: g.refusalReason ?? null })))]);
    await tx.query('INSERT INTO consent_units (county, consent_id, unit_id) SELECT $1, $2, u FROM unnest($3::uuid[]) AS u',
      [plan.county, id, [...new Set(consent.unitIds)]]);
    Object.assign(detail, { consentId: id, unitIds: consent.unitIds, sufficient: stanceProblems.length === 0 });
    return { id, sufficient: stanceProblems.length === 0, problems: stanceProblems };
  });
}
