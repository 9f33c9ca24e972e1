import { figureById, meetsTarget } from '../../domain/key-figures.ts';
import type { Actor, Context } from '../context.ts';
import { computeKeyFigures } from './compute-key-figures.ts';
import { requireControlAccess, steeringAgreements } from './control-access.ts';

export interface TargetView {
  id: string; figure: string; target: number; note: string | null; version: number;
  /** The figure for the agreement's municipalities over the year, as the viewer may see it. */
  actual: number | null; actualDisplay: string; met: boolean | null;
}
export interface GoalView { id: string; goal: string; followUp: string | null; version: number; updatedAt: string }
export interface AgreementGoals {
  id: string; name: string;
  /** Whether the viewer sits in its steering group and so sets its goals. */
  canEdit: boolean;
  targets: TargetView[];
  goals: GoalView[];
}

/**
 * The year's goals of every local agreement in the county, each target beside the actual value
 * (issue 7 item 2): the steering group sees whether it is on track.
 */
export async function listGoals(ctx: Context, o: { actor: Actor; year: number }): Promise<{ year: number; agreements: AgreementGoals[] }> {
  await requireControlAccess(ctx.db, o.actor);
  const mine = new Set((await steeringAgreements(ctx.db, o.actor)).map((a) => a.id));
  const agreements = await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM local_agreements WHERE county = $1 ORDER BY name', [o.actor.county]);
  const targets = await ctx.db.query<{ id: string; agreementId: string; figure: string; target: number; note: string | null; version: number }>(
    `SELECT id, agreement_id AS "agreementId", figure, target::float8 AS target, note, version FROM key_figure_targets
     WHERE county = $1 AND year = $2 ORDER BY figure`, [o.actor.county, o.year]);
  const goals = await ctx.db.query<GoalView & { agreementId: string }>(
    `SELECT id, agreement_id AS "agreementId", goal, follow_up AS "followUp", version, updated_at AS "updatedAt" FROM key_figure_goals
     WHERE county = $1 AND year = $2 ORDER BY created_at`, [o.actor.county, o.year]);
  const actual = targets.length
    ? await computeKeyFigures(ctx, { actor: o.actor, dimension: 'agreement', grain: 'year', from: `${o.year}-01-01`, to: `${o.year}-12-31`, figures: [...new Set(targets.map((t) => t.figure))] })
    : null;
  return {
    year: o.year,
    agreements: agreements.map((a) => ({
      id: a.id, name: a.name, canEdit: mine.has(a.id),
      targets: targets.filter((t) => t.agreementId === a.id).map(({ agreementId: _, ...t }) => {
        const cell = actual?.cells.find((c) => c.figure === t.figure && c.group === a.id);
        const figure = figureById(t.figure);
        return { ...t, actual: cell?.value ?? null, actualDisplay: cell?.display ?? '', met: figure ? meetsTarget(figure, cell?.value ?? null, t.target) : null };
      }),
      goals: goals.filter((g) => g.agreementId === a.id).map(({ agreementId: _, ...g }) => ({ ...g, updatedAt: new Date(g.updatedAt).toISOString() })),
    })),
  };
}
