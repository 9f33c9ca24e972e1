import { newId } from '../../store/ids.ts';
import type { Actor, Context } from '../context.ts';
import { conflict, invalid, ServiceError, stale, versionRequired, type FieldProblem } from '../errors.ts';
import { handlerOf, inDeviation, requireDeviationVersion, validDay } from './deviation-access.ts';
import { noticeDeviation } from './deviation-notices.ts';


export interface AddMeasureInput {
  description: string;
  ownerStaffId: string;
  dueOn: string;
}

/**
 * Those who handle the deviation (the managers, or the steering group once it is theirs) record a
 * measure with an owner and a date; the owner is told. It changes the deviation, so it names the
 * deviation's version.
 */
export async function addDeviationMeasure(ctx: Context, o: { actor: Actor; deviationId: string; version: number | undefined; input: AddMeasureInput }): Promise<{ id: string; version: number; deviationVersion: number }> {
  const problems: FieldProblem[] = [];
  const description = o.input.description?.trim() ?? '';
  if (!description) problems.push({ field: '/description', code: 'required', message: 'Beskriv åtgärden.' });
  else if (description.length > 2000) problems.push({ field: '/description', code: 'too_long', message: 'Högst 2000 tecken.' });
  if (!validDay(o.input.dueOn)) problems.push({ field: '/dueOn', code: 'date', message: 'Ange ett datum (ÅÅÅÅ-MM-DD).' });
  return inDeviation(ctx, { actor: o.actor, deviationId: o.deviationId, action: 'C', event: 'deviation.measure.add', lock: true }, async (step) => {
    const { tx, deviation: d, standing, now, today } = step;
    if (!handlerOf(d, standing)) throw new ServiceError(403, 'not_handler', 'Åtgärder beslutas av närmaste chef för en berörd verksamhet, eller av styrgruppen när avvikelsen har lyfts dit.');
    requireDeviationVersion(d.version, o.version);
    if (d.status === 'closed') throw conflict('closed', 'Avvikelsen är avslutad.');
    const owner = (await tx.query<{ name: string }>('SELECT name FROM staff WHERE county = $1 AND id::text = $2 AND active', [d.county, o.input.ownerStaffId ?? '']))[0];
    if (!owner) problems.push({ field: '/ownerStaffId', code: 'unknown_staff', message: 'Välj en aktiv medarbetare som ansvarig.' });
    if (validDay(o.input.dueOn) && o.input.dueOn < today) problems.push({ field: '/dueOn', code: 'past', message: 'Datumet har redan passerat.' });
    if (problems.length) throw invalid(problems);
    const id = newId(now.getTime());
    await tx.query(
      `INSERT INTO deviation_measures (county, id, deviation_id, description, owner_staff_id, due_on, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [d.county, id, d.id, description, o.input.ownerStaffId, o.input.dueOn, o.actor.staffId, now]);
    const [{ version }] = (await tx.query<{ version: number }>('UPDATE deviations SET version = version + 1, updated_at = $3 WHERE county = $1 AND id = $2 RETURNING version', [d.county, d.id, now])) as [{ version: number }];
    await noticeDeviation(tx, {
      county: d.county, deviationId: d.id, kind: 'deviation_measure_assigned', key: `deviation-measure:${id}`, recipients: [o.input.ownerStaffId], exceptStaffId: o.actor.staffId,
      title: 'Du är ansvarig för en åtgärd efter en avvikelse', dueOn: o.input.dueOn,
      body: `${o.actor.name} har gett dig ansvaret för en åtgärd efter en avvikelse i samverkan, klar senast ${o.input.dueOn}. Öppna avvikelsen för att se vad som ska göras.`,
    }, now);
    Object.assign(step.detail, { measureId: id, ownerStaffId: o.input.ownerStaffId, dueOn: o.input.dueOn });
    return { id, version: 1, deviationVersion: version };
  });
}

/** The owner or a handler marks a measure done (or not done after all), naming the measure's version. */
export async function updateDeviationMeasure(ctx: Context, o: { actor: Actor; deviationId: string; measureId: string; version: number | undefined; patch: { doneOn: string | null } }): Promise<{ version: number }> {
  if (o.patch.doneOn !== null && !validDay(o.patch.doneOn)) throw invalid([{ field: '/doneOn', code: 'date', message: 'Ange ett datum (ÅÅÅÅ-MM-DD) eller null.' }]);
  return inDeviation(ctx, { actor: o.actor, deviationId: o.deviationId, action: 'U', event: 'deviation.measure.update', lock: true }, async (step) => {
    const { tx, deviation: d, standing, today } = step;
    const m = (await tx.query<{ version: number; owner: string }>(
      'SELECT version, owner_staff_id AS owner FROM deviation_measures WHERE county = $1 AND deviation_id = $2 AND id::text = $3 FOR UPDATE', [d.county, d.id, o.measureId]))[0];
    if (!m) throw new ServiceError(404, 'not_found', 'Det finns ingen sådan åtgärd.');
    if (m.owner !== o.actor.staffId && !handlerOf(d, standing)) throw new ServiceError(403, 'not_owner', 'Åtgärden markeras klar av den ansvariga eller av den som hanterar avvikelsen.');
    if (o.version === undefined) throw versionRequired();
    if (o.version !== m.version) throw stale(m.version);
    if (o.patch.doneOn !== null && o.patch.doneOn > today) throw invalid([{ field: '/doneOn', code: 'future', message: 'Datumet ligger i framtiden.' }]);
    const [{ version }] = (await tx.query<{ version: number }>(
      'UPDATE deviation_measures SET done_on = $4, version = version + 1 WHERE county = $1 AND deviation_id = $2 AND id = $3 RETURNING version', [d.county, d.id, o.measureId, o.patch.doneOn])) as [{ version: number }];
    Object.assign(step.detail, { measureId: o.measureId, doneOn: o.patch.doneOn });
    return { version };
  });
}
