import type { Citizen } from '../../access/citizen-access.ts';
import type { Queryable } from '../../store/database.ts';
import { appendAudit } from '../../store/audit.ts';
import type { Context } from '../context.ts';
import { invalid, stale, versionRequired } from '../errors.ts';
import { insertNotifications, notificationAudit } from '../notifications/insert-notifications.ts';
import { noticeLink } from '../notifications/messages.ts';
import { inFamilyPlan, type FamilyStep } from './family-command.ts';

/**
 * The family narrows its consent: one participating unit is no longer covered. Consent can be
 * withdrawn at any time, in whole or in part, and from then on nothing more is shared with that
 * unit (SIP.md §2; OSL 10 kap 1 §, 12 kap 2 §: secrecy is lifted only as far as the consent goes).
 * Each guardian's consent is needed when custody is joint (föräldrabalken 6 kap 13 §), so one
 * guardian's withdrawal is enough. It takes effect at once for every staff member: the read rule
 * checks consent_units.withdrawn_at in SQL at every read (src/access/require-plan-access.ts).
 * The coordinator is told in their inbox and by e-mail.
 */
export async function narrowFamilyConsent(ctx: Context, citizen: Citizen, o: { planId: string; unitId: string }): Promise<{ unitId: string; covered: false }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'U', event: 'family.consent_narrow' }, async (step) => {
    const { tx, plan, now, today } = step;
    const rows = await tx.query<{ consent_id: string }>(
      `UPDATE consent_units cu SET withdrawn_at = $4, withdrawn_by_person = $5
       FROM consents c
       WHERE c.county = cu.county AND c.id = cu.consent_id AND c.county = $1 AND c.plan_id = $2 AND cu.unit_id = $3::uuid
         AND cu.withdrawn_at IS NULL AND c.withdrawn_at IS NULL AND c.valid_until >= $6::date
       RETURNING cu.consent_id`, [plan.county, plan.id, o.unitId, now, plan.personId, today]);
    if (rows.length === 0) throw invalid([{ field: '/unitId', code: 'not_covered', message: 'Samtycket omfattar inte den verksamheten.' }]);
    Object.assign(step.detail, { unitId: o.unitId, consentIds: rows.map((r) => r.consent_id) });
    await tellCoordinator(tx, step, 'narrowed', o.unitId);
    return { unitId: o.unitId, covered: false as const };
  });
}

/** The family withdraws a whole consent (If-Match: the consent's version). Same effect and notice. */
export async function withdrawFamilyConsent(ctx: Context, citizen: Citizen, o: { planId: string; consentId: string; version: number | undefined }): Promise<{ version: number }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'U', event: 'family.consent_withdraw' }, async (step) => {
    const { tx, plan, now } = step;
    const current = (await tx.query<{ version: number; withdrawn_at: Date | null }>(
      'SELECT version, withdrawn_at FROM consents WHERE county = $1 AND plan_id = $2 AND id = $3::uuid FOR UPDATE', [plan.county, plan.id, o.consentId]))[0];
    if (!current) throw invalid([{ field: '/consentId', code: 'unknown', message: 'Inget sådant samtycke.' }]);
    if (o.version === undefined) throw versionRequired();
    if (current.version !== o.version) throw stale(current.version);
    if (current.withdrawn_at) throw invalid([{ field: '/consentId', code: 'already_withdrawn', message: 'Samtycket är redan återkallat.' }]);
    const rows = await tx.query<{ version: number }>(
      `UPDATE consents SET withdrawn_at = $4, withdrawn_by = $5, withdrawn_by_kind = 'citizen', version = version + 1
       WHERE county = $1 AND plan_id = $2 AND id = $3 RETURNING version`, [plan.county, plan.id, o.consentId, now, plan.personId]);
    step.detail.consentId = o.consentId;
    await tellCoordinator(tx, step, 'withdrawn', null);
    return { version: rows[0]!.version };
  });
}

/**
 * The family takes back the whole consent: every consent of the plan that still stands, the
 * digital ones and those awaiting a second guardian too, in one transaction and with one notice,
 * so that no unit can read the plan from the next request on (SIP.md §2: consent can be withdrawn
 * at any time, and from then on nothing more is shared). No version is asked for: whatever the
 * family saw, "all" cannot mean less than what stands now.
 */
export async function withdrawAllFamilyConsents(ctx: Context, citizen: Citizen, o: { planId: string }): Promise<{ withdrawn: number }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'U', event: 'family.consent_withdraw_all' }, async (step) => {
    const { tx, plan, now } = step;
    const rows = await tx.query<{ id: string }>(
      `UPDATE consents SET withdrawn_at = $3, withdrawn_by = $4, withdrawn_by_kind = 'citizen', version = version + 1
       WHERE county = $1 AND plan_id = $2 AND withdrawn_at IS NULL RETURNING id`, [plan.county, plan.id, now, plan.personId]);
    if (rows.length === 0) throw invalid([{ field: '/planId', code: 'no_consent', message: 'Det finns inget samtycke att ta tillbaka.' }]);
    step.detail.consentIds = rows.map((r) => r.id);
    await tellCoordinator(tx, step, 'withdrawn_all', null);
    return { withdrawn: rows.length };
  });
}

/**
 * One notice to the plan's coordinator, who owns the coordination toward the family (SIP.md §3),
 * or, before one is named, to the staff member who initiated the plan (the convener): somebody
 * must learn at once that units can no longer read, or the family's choice goes unnoticed until
 * a refused read. insertNotifications queues the e-mail in the same transaction (the outbox of
 * src/jobs/email-outbox.ts), unless the recipient has switched e-mail off for this kind. The text
 * names the plan by number and the unit, never the child (docs/decisions/0006 §7).
 */
export async function tellCoordinator(tx: Queryable, step: FamilyStep, what: 'narrowed' | 'withdrawn' | 'withdrawn_all' | 'given' | 'given_pending', unitId: string | null): Promise<void> {
  const { plan, now } = step;
  const [facts] = await tx.query<{ plan_number: string; unit_name: string | null; recipient_id: string | null }>(
    `SELECT p.plan_number, (SELECT u.name FROM units u WHERE u.county = p.county AND u.id = $3::uuid) AS unit_name,
            coalesce(p.coordinator_staff_id, p.initiated_by) AS recipient_id
     FROM plans p WHERE p.county = $1 AND p.id = $2`, [plan.county, plan.id, unitId]);
  if (!facts?.recipient_id) return;
  const n = facts.plan_number;
  const { title, body } = {
    narrowed: { title: `Familjen har begränsat samtycket i ${n}`,
      body: `Samtycket i planen ${n} omfattar inte längre ${facts.unit_name}. Verksamheten kan inte läsa planen från och med nu. Kontakta familjen om hur samarbetet ska fortsätta.` },
    withdrawn: { title: `Familjen har återkallat samtycket i ${n}`,
      body: `Ett samtycke i planen ${n} är återkallat av familjen och gäller inte längre. Kontakta familjen om hur samarbetet ska fortsätta, och pausa eller avsluta planen om inget samtycke finns kvar.` },
    withdrawn_all: { title: `Familjen har återkallat hela samtycket i ${n}`,
      body: `Familjen har tagit tillbaka hela samtycket i planen ${n}. Ingen verksamhet kan läsa planen från och med nu. Kontakta familjen om hur det blir med planen, och avsluta den (skäl: samtycket återkallat) om de inte vill fortsätta.` },
    given: { title: `Familjen har gett samtycke i ${n}`,
      body: `Samtycket i planen ${n} omfattar nu ${facts.unit_name}, givet digitalt av familjen. Verksamheten kan läsa planen.` },
    given_pending: { title: `Familjen har börjat ge samtycke i ${n}`,
      body: `En vårdnadshavare har gett sitt samtycke digitalt till att ${facts.unit_name} deltar i planen ${n}. Det gäller först när alla som behöver samtycka har gjort det.` },
  }[what];
  const inserted = await insertNotifications(tx, [{
    county: plan.county, recipientId: facts.recipient_id, planId: plan.id, kind: 'family_consent_changed',
    key: `family_consent:${plan.id}:${now.getTime()}:${unitId ?? 'all'}`, stage: 'info', dueOn: null,
    title, body, link: noticeLink('family_consent_changed', plan.id),
  }], now);
  // Telling staff about a plan discloses it: logged as the sweep logs its notices (patientdatalagen 4 kap 3 §).
  await appendAudit(tx, notificationAudit(inserted, [{ county: plan.county, id: plan.id, childId: plan.childId, protected: plan.childProtected }]));
}
