import { newId } from '../../store/ids.ts';
import { decideDeviationStep, type DeviationEvent } from '../../domain/deviation-lifecycle.ts';
import type { Actor, Context } from '../context.ts';
import { conflict, invalid, ServiceError, unprocessable } from '../errors.ts';
import { factsOf, handlerOf, inDeviation, requireDeviationVersion } from './deviation-access.ts';
import { escalationTarget } from './escalation-target.ts';
import { noticeDeviation } from './deviation-notices.ts';

export interface ChangeDeviationStatusOptions {
  actor: Actor;
  deviationId: string;
  version: number | undefined;
  event: DeviationEvent;
  /** Why it is escalated, or how it was resolved (closing); a comment otherwise. */
  note?: string | null | undefined;
}

const REFUSAL: Record<string, string> = {
  not_allowed_in_state: 'Det steget går inte i avvikelsens nuvarande status.',
  not_your_step: 'Det steget tas av närmaste chef för en berörd verksamhet, eller av styrgruppen när avvikelsen har lyfts dit.',
  measures_required: 'Lägg till minst en åtgärd med ansvarig och datum först.',
  note_required: 'Skriv en motivering.',
};

/**
 * Moves a deviation one step: the nearest managers investigate, decide measures, close, or
 * escalate what they cannot resolve to the steering group of the local agreement covering the
 * units' principals (SIP.md §5), whose members are told; the steering group then decides
 * measures or closes. Every step is dated and attributed, and names the version it was made on.
 */
export async function changeDeviationStatus(ctx: Context, o: ChangeDeviationStatusOptions): Promise<{ version: number; status: string; agreementId: string | null; notified: string[] }> {
  const note = o.note?.trim() || null;
  if (note && note.length > 4000) throw invalid([{ field: '/note', code: 'too_long', message: 'Högst 4000 tecken.' }]);
  return inDeviation(ctx, { actor: o.actor, deviationId: o.deviationId, action: 'U', event: 'deviation.status', lock: true }, async (step) => {
    const { tx, deviation: d, standing, now, today } = step;
    const handler = handlerOf(d, standing);
    if (!handler) throw new ServiceError(403, 'not_handler', REFUSAL.not_your_step!);
    requireDeviationVersion(d.version, o.version);
    const decision = decideDeviationStep(handler, o.event, factsOf(d, note !== null));
    if (!decision.ok) {
      if (decision.reason === 'note_required') throw invalid([{ field: '/note', code: 'required', message: o.event === 'close' ? 'Skriv hur avvikelsen löstes.' : 'Skriv varför avvikelsen lyfts till styrgruppen.' }]);
      if (decision.reason === 'measures_required') throw unprocessable('measures_required', REFUSAL.measures_required!, [{ field: '/measures', code: 'required', message: REFUSAL.measures_required! }]);
      if (decision.reason === 'not_your_step') throw new ServiceError(403, 'not_handler', REFUSAL.not_your_step!);
      throw conflict('not_allowed_in_state', REFUSAL.not_allowed_in_state!);
    }
    let agreement: { id: string; name: string } | null = null;
    const set: string[] = ['status = $3', 'version = version + 1', 'updated_at = $4'];
    const params: unknown[] = [d.county, d.id, decision.to, now];
    if (o.event === 'escalate') {
      agreement = await escalationTarget(tx, d.county, d.id, today);
      if (!agreement) throw unprocessable('no_steering_group', 'Ingen lokal överenskommelse omfattar alla berörda huvudmän, så det finns ingen styrgrupp att lyfta avvikelsen till.', [{ field: '/unitIds', code: 'no_agreement', message: 'Ingen gemensam överenskommelse.' }]);
      params.push(agreement.id, note);
      set.push(`agreement_id = $${params.length - 1}`, `escalated_at = $4`, `escalation_reason = $${params.length}`);
    }
    if (o.event === 'close') {
      params.push(note);
      set.push('closed_at = $4', `resolution = $${params.length}`);
    }
    const [{ version }] = (await tx.query<{ version: number }>(`UPDATE deviations SET ${set.join(', ')} WHERE county = $1 AND id = $2 RETURNING version`, params)) as [{ version: number }];
    await tx.query(
      `INSERT INTO deviation_status_changes (county, id, deviation_id, from_state, to_state, at, by_staff_id, by_unit_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [d.county, newId(now.getTime()), d.id, d.status, decision.to, now, o.actor.staffId, o.actor.unitId, note]);
    let notified: string[] = [];
    if (agreement) {
      const members = await tx.query<{ id: string }>('SELECT staff_id AS id FROM steering_group_members m JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active WHERE m.county = $1 AND m.agreement_id = $2', [d.county, agreement.id]);
      notified = await noticeDeviation(tx, {
        county: d.county, deviationId: d.id, kind: 'deviation_escalated', key: `deviation:${d.id}:escalated`, recipients: members.map((m) => m.id), exceptStaffId: o.actor.staffId,
        title: 'En avvikelse har lyfts till styrgruppen',
        body: `${o.actor.name} har lyft en avvikelse i samverkan till styrgruppen för ${agreement.name}: cheferna för de berörda verksamheterna kunde inte lösa den själva. Styrgruppen beslutar om åtgärder.`,
      }, now);
    }
    Object.assign(step.detail, { from: d.status, to: decision.to, as: handler, ...(agreement ? { agreementId: agreement.id, notified } : {}) });
    return { version, status: decision.to, agreementId: agreement?.id ?? d.agreementId, notified };
  });
}
