import { figureById } from '../../domain/key-figures.ts';
import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid, stale, versionRequired, type FieldProblem } from '../errors.ts';
import { requireSteeringMember } from './control-access.ts';

export interface SetTargetOptions {
  actor: Actor;
  agreementId: string;
  year: number;
  figure: string;
  /** The version of the target being changed (If-Match); absent when setting a new one. */
  version: number | undefined;
  target: number;
  note?: string | null | undefined;
}

/**
 * The steering group sets the year's target for one key figure (a quantitative goal of internal
 * control, SIP.md §5). Setting it again changes it, against the version read.
 */
export async function setTarget(ctx: Context, o: SetTargetOptions): Promise<{ id: string; version: number; created: boolean }> {
  const problems: FieldProblem[] = [];
  const figure = figureById(o.figure);
  if (!figure) problems.push({ field: '/figure', code: 'unknown', message: 'Okänt nyckeltal.' });
  if (!Number.isFinite(o.target) || o.target < 0) problems.push({ field: '/target', code: 'range', message: 'Målvärdet är ett tal, noll eller mer.' });
  if (figure?.unit === 'percent' && o.target > 100) problems.push({ field: '/target', code: 'range', message: 'En andel är högst 100 %.' });
  if (problems.length) throw invalid(problems);
  const note = o.note?.trim() ? o.note.trim() : null;
  return ctx.db.transaction(async (tx) => {
    await requireSteeringMember(tx, o.actor, o.agreementId);
    const [current] = await tx.query<{ id: string; version: number; target: number; note: string | null }>(
      `SELECT id, version, target::float8 AS target, note FROM key_figure_targets
       WHERE county = $1 AND agreement_id = $2 AND year = $3 AND figure = $4 FOR UPDATE`,
      [o.actor.county, o.agreementId, o.year, o.figure]);
    if (!current) {
      const id = newId();
      // Two members setting the first target at once: the second finds the first's row and must read it.
      const [row] = await tx.query<{ version: number }>(
        `INSERT INTO key_figure_targets (county, id, agreement_id, year, figure, target, note, set_by, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING version`,
        [o.actor.county, id, o.agreementId, o.year, o.figure, o.target, note, o.actor.staffId, ctx.clock.now()]);
      if (!row) throw stale(1);
      await appendAudit(tx, [actorEvent(o.actor, 'C', 'key_figures.target_set', { detail: { agreementId: o.agreementId, year: o.year, figure: o.figure, targetId: id } })]);
      return { id, version: row.version, created: true };
    }
    if (o.version === undefined) throw versionRequired();
    if (o.version !== current.version) throw stale(current.version);
    if (current.target === o.target && current.note === note) return { id: current.id, version: current.version, created: false };
    const [row] = await tx.query<{ version: number }>(
      `UPDATE key_figure_targets SET target = $3, note = $4, set_by = $5, set_at = $6, version = version + 1
       WHERE county = $1 AND id = $2 RETURNING version`,
      [o.actor.county, current.id, o.target, note, o.actor.staffId, ctx.clock.now()]);
    await appendAudit(tx, [actorEvent(o.actor, 'U', 'key_figures.target_set', { detail: { agreementId: o.agreementId, year: o.year, figure: o.figure, targetId: current.id } })]);
    return { id: current.id, version: row!.version, created: false };
  });
}
