import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { requirePlanAccess } from '../../access/require-plan-access.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { invalid, ServiceError, type FieldProblem } from '../errors.ts';
import { managersOf, noticeDeviation, unitList } from './deviation-notices.ts';
import { validDay } from './deviation-access.ts';

export interface ReportDeviationInput {
  /** The plan it concerns; absent or null for a deviation in general. */
  planId?: string | null | undefined;
  title: string;
  description: string;
  occurredOn?: string | null | undefined;
  /** The units involved: their nearest managers receive it. */
  unitIds: string[];
}


/**
 * Any staff member reports a deviation in cooperation (SIP.md §5), on a plan they can see or in
 * general, naming the units involved. The nearest managers of those units are told in the same
 * transaction; a unit without a manager is still named, and the answer says who was told.
 */
export async function reportDeviation(ctx: Context, { actor, input }: { actor: Actor; input: ReportDeviationInput }): Promise<{ id: string; version: number; notified: string[] }> {
  // The analyst sees aggregates only and the principal's admin administers; deviations are reported by those who work with children.
  if (actor.role !== 'staff' && actor.role !== 'manager') throw new ServiceError(403, 'role', 'Avvikelser rapporteras av medarbetare och chefer.');
  const problems: FieldProblem[] = [];
  const title = input.title?.trim() ?? '';
  const description = input.description?.trim() ?? '';
  if (!title) problems.push({ field: '/title', code: 'required', message: 'Skriv en kort rubrik.' });
  else if (title.length > 200) problems.push({ field: '/title', code: 'too_long', message: 'Högst 200 tecken.' });
  if (!description) problems.push({ field: '/description', code: 'required', message: 'Beskriv vad som hände.' });
  else if (description.length > 4000) problems.push({ field: '/description', code: 'too_long', message: 'Högst 4000 tecken.' });
  const now = ctx.clock.now();
  const today = swedishDate(now);
  if (input.occurredOn != null && (!validDay(input.occurredOn) || input.occurredOn > today)) {
    problems.push({ field: '/occurredOn', code: 'date', message: 'Ange ett datum som inte ligger i framtiden.' });
  }
  const unitIds = [...new Set(input.unitIds ?? [])];
  if (unitIds.length === 0) problems.push({ field: '/unitIds', code: 'required', message: 'Välj minst en verksamhet som avvikelsen gäller.' });
  if (unitIds.length > 20) problems.push({ field: '/unitIds', code: 'too_many', message: 'Högst 20 verksamheter.' });

  return ctx.db.transaction(async (tx) => {
    const units = unitIds.length === 0 ? [] : await tx.query<{ id: string; name: string }>(
      'SELECT id, name FROM units WHERE county = $1 AND id = ANY($2::uuid[]) AND active ORDER BY name', [actor.county, unitIds]);
    unitIds.forEach((u, i) => {
      if (!units.some((x) => x.id === u)) problems.push({ field: `/unitIds/${i}`, code: 'unknown_unit', message: 'Verksamheten finns inte i länet.' });
    });
    if (problems.length) throw invalid(problems);
    // Only a plan the reporter can see: otherwise 404 (audited), as for the plan itself.
    const plan = input.planId ? await requirePlanAccess(tx, actor, input.planId, 'plan.read', today, { action: 'C', event: 'deviation.report' }) : null;
    const planNumber = plan ? (await tx.query<{ n: string }>('SELECT plan_number AS n FROM plans WHERE county = $1 AND id = $2', [actor.county, plan.id]))[0]!.n : null;

    const id = newId(now.getTime());
    await tx.query(
      `INSERT INTO deviations (county, id, plan_id, title, description, occurred_on, reported_by, reported_unit_id, reported_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [actor.county, id, plan?.id ?? null, title, description, input.occurredOn ?? null, actor.staffId, actor.unitId, now]);
    await tx.query('INSERT INTO deviation_units (county, deviation_id, unit_id) SELECT $1, $2, unnest($3::uuid[])', [actor.county, id, units.map((u) => u.id)]);
    await tx.query(
      `INSERT INTO deviation_status_changes (county, id, deviation_id, from_state, to_state, at, by_staff_id, by_unit_id)
       VALUES ($1, $2, $3, NULL, 'reported', $4, $5, $6)`, [actor.county, newId(now.getTime()), id, now, actor.staffId, actor.unitId]);
    const [reporterUnit] = await tx.query<{ name: string }>('SELECT name FROM units WHERE county = $1 AND id = $2', [actor.county, actor.unitId]);
    const notified = await noticeDeviation(tx, {
      county: actor.county, deviationId: id, kind: 'deviation_reported', key: `deviation:${id}:reported`,
      recipients: await managersOf(tx, actor.county, units.map((u) => u.id)), exceptStaffId: actor.staffId,
      title: planNumber ? `Ny avvikelse i samverkan (${planNumber})` : 'Ny avvikelse i samverkan',
      body: `${actor.name}, ${reporterUnit!.name}, har rapporterat en avvikelse som rör ${unitList(units.map((u) => u.name))}${planNumber ? `, i plan ${planNumber}` : ''}. `
        + 'Som närmaste chef tar du emot den: utred den tillsammans med de andra verksamheternas chefer och besluta om åtgärder.',
    }, now);
    await appendAudit(tx, [actorEvent(actor, 'C', 'deviation.report', {
      planId: plan?.id ?? null, personId: plan?.childId ?? null, protectedIdentity: plan?.childProtected ?? false,
      detail: { deviationId: id, unitIds: units.map((u) => u.id).sort(), notified },
    })]);
    return { id, version: 1, notified };
  });
}
