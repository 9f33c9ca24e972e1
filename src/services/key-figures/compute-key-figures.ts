import {
  figureValue, KEY_FIGURES, periodLabel, periodsBetween, type Dimension, type FactAggregate, type FigureValue, type Grain, type KeyFigure,
} from '../../domain/key-figures.ts';
import type { Queryable } from '../../store/database.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { invalid, type FieldProblem } from '../errors.ts';
import { keyFigureSql } from './facts-sql.ts';
import { refreshKeyFigureFacts, staleCounties } from './fact-store.ts';
import { readSums, sumsServe } from './read-sums.ts';
import { requireControlAccess } from './control-access.ts';

export interface ComputeOptions {
  actor: Actor;
  dimension: Dimension;
  grain: Grain;
  /** First and last day, 'YYYY-MM-DD'; default the current year. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only these groups (e.g. the municipalities compared); all when absent. */
  groups?: string[] | undefined;
  /** Only these figures; all when absent. */
  figures?: string[] | undefined;
  /** The actor's county (the default), or every county: the country side by side. */
  scope?: 'county' | 'national' | undefined;
  /** Compute from the plans even where the kept sums serve (to check the one against the other). */
  computed?: boolean | undefined;
}

export interface FigureDefinition {
  id: string; name: string; definition: string; unit: KeyFigure['unit']; statistic: KeyFigure['statistic'];
  numerator: string | null; denominator: string | null; higherIsBetter: boolean | null;
}

export interface KeyFigureCell extends FigureValue { figure: string; group: string; period: string }

export interface KeyFigureTable {
  /** The actor's county, or null for the whole country. */
  county: string | null;
  dimension: Dimension;
  grain: Grain;
  from: string;
  to: string;
  periods: Array<{ start: string; label: string }>;
  groups: Array<{ key: string; label: string }>;
  figures: FigureDefinition[];
  /** Figures that could not be computed here, and why (a part of Samplan not installed). */
  unavailable: Array<{ figure: string; reason: string }>;
  cells: KeyFigureCell[];
  /** Whether small counts were suppressed for this viewer where they were not entitled. */
  analyst: boolean;
}

const GRAIN_INTERVAL: Record<Grain, string> = { month: '1 month', quarter: '3 months', year: '1 year' };
const DAY = /^(19|20)\d{2}-\d{2}-\d{2}$/;

/**
 * The key figures of the actor's county by one dimension and period (issue 7 item 1), every value
 * passed through the suppression rule (item 4): an analyst sees aggregates only, and anyone not
 * entitled to every plan under a small count sees "<5".
 */
export async function computeKeyFigures(ctx: Context, o: ComputeOptions, db: Queryable = ctx.db): Promise<KeyFigureTable> {
  await requireControlAccess(db, o.actor);
  const today = swedishDate(ctx.clock.now());
  const year = today.slice(0, 4);
  const from = o.from ?? `${year}-01-01`;
  const to = o.to ?? `${year}-12-31`;
  const problems: FieldProblem[] = [];
  if (!DAY.test(from)) problems.push({ field: '/from', code: 'format', message: 'Ange ett datum (ÅÅÅÅ-MM-DD).' });
  if (!DAY.test(to)) problems.push({ field: '/to', code: 'format', message: 'Ange ett datum (ÅÅÅÅ-MM-DD).' });
  if (!problems.length && to < from) problems.push({ field: '/to', code: 'before_from', message: 'Slutdatumet är före startdatumet.' });
  if (!problems.length && periodsBetween(o.grain, from, to).length > 120) problems.push({ field: '/to', code: 'too_long', message: 'Högst 120 perioder åt gången.' });
  // A unit kind spans counties, and a median cannot be put together from the counties' medians.
  if (o.scope === 'national' && o.dimension === 'unit_kind') problems.push({ field: '/dimension', code: 'not_national', message: 'Slag av verksamhet går att välja för ett län i taget.' });
  if (problems.length) throw invalid(problems);

  const [present] = await db.query<{ deviations: boolean; surveys: boolean }>(
    `SELECT to_regclass('deviation_units') IS NOT NULL AS deviations, to_regclass('meeting_surveys') IS NOT NULL AS surveys`);
  const available = (f: KeyFigure) => !f.optional || (f.optional === 'deviations' ? present!.deviations : present!.surveys);
  const wanted = KEY_FIGURES.filter((f) => !o.figures || o.figures.includes(f.id));
  const figures = wanted.filter(available);
  const analyst = o.actor.role === 'analyst';

  // One query per county: the county is the distribution key (docs/decisions/0002), so each query
  // stays within one shard; for the whole country they run side by side on the pool.
  const counties = o.scope === 'national'
    ? (await db.query<{ county: string }>('SELECT county FROM counties ORDER BY county')).map((c) => c.county)
    : [o.actor.county];
  const factSets = o.figures ? new Set(figures.flatMap((f) => (f.denominatorFacts ? [f.facts, f.denominatorFacts] : [f.facts]))) : undefined;
  type Row = FactAggregate & { groupKey: string; groupLabel: string; fs: string; period: string };
  let rows: Row[];
  if (!o.computed && sumsServe(o.dimension, o.grain, from, to)) {
    // The kept facts first brought up to date with every change committed before this read.
    for (const county of await staleCounties(db, counties)) {
      await (db === ctx.db ? ctx.db.transaction((tx) => refreshKeyFigureFacts(tx, county)) : refreshKeyFigureFacts(db, county));
    }
    const read = async (q: Queryable) => {
      // The sums are some thousand rows a county: compiling the query (JIT) costs more than running
      // it, and the whole country's municipalities are grouped in memory, not sorted on disk.
      await q.query(`SET LOCAL jit = off`);
      await q.query(`SET LOCAL work_mem = '64MB'`);
      return readSums(q, {
        counties, dimension: o.dimension as 'county' | 'municipality', grain: o.grain, from, to, today, factSets,
        allSets: [...new Set(figures.flatMap((f) => (f.denominatorFacts ? [f.facts, f.denominatorFacts] : [f.facts])))],
        viewer: analyst ? null : { county: o.actor.county, unitId: o.actor.unitId },
      });
    };
    rows = await (db === ctx.db ? ctx.db.transaction(read) : read(db));
  } else {
    rows = await computedRows(ctx, db, o, { counties, from, to, today, analyst, factSets, present: present! });
  }

  const byKey = new Map<string, FactAggregate>();
  const groups = new Map<string, string>();
  for (const r of rows) {
    if (o.groups && !o.groups.includes(r.groupKey)) continue;
    byKey.set(`${r.fs}|${r.groupKey}|${r.period}`, r);
    groups.set(r.groupKey, r.groupLabel);
  }
  for (const g of o.groups ?? []) if (!groups.has(g)) groups.set(g, await groupLabel(db, counties, o.dimension, g));
  /** A share over another fact set: its numerator here, its denominator that set's count. */
  const aggregateOf = (f: KeyFigure, at: string): FactAggregate | undefined => {
    const own = byKey.get(`${f.facts}|${at}`);
    if (!f.denominatorFacts) return own;
    const base = byKey.get(`${f.denominatorFacts}|${at}`);
    if (!base) return undefined;
    return { num: own?.num ?? 0, den: base.num, n: base.n, median: null, p90: null, mean: null, entitled: base.entitled && (own?.entitled ?? true) };
  };
  const periods = periodsBetween(o.grain, from, to);
  // In the order shown (by name), not the order the database happened to give the rows in.
  const sortedGroups = [...groups].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  const cells: KeyFigureCell[] = [];
  for (const f of figures) {
    for (const { key: group } of sortedGroups) {
      for (const period of periods) {
        cells.push({ figure: f.id, group, period, ...figureValue(f, aggregateOf(f, `${group}|${period}`), { analyst }) });
      }
    }
  }
  return {
    county: o.scope === 'national' ? null : o.actor.county, dimension: o.dimension, grain: o.grain, from, to, analyst,
    periods: periods.map((start) => ({ start, label: periodLabel(o.grain, start) })),
    groups: sortedGroups,
    figures: figures.map(definitionOf),
    unavailable: wanted.filter((f) => !available(f)).map((f) => ({
      figure: f.id, reason: f.optional === 'deviations' ? 'Avvikelsehanteringen finns inte i databasen.' : 'Familjens mötesenkät finns inte i databasen.',
    })),
    cells,
  };
}

/**
 * The aggregates computed from the plans themselves (facts-sql.ts): for the breakdowns and date
 * ranges the kept sums do not serve (by unit, unit kind, principal or local agreement, or from a
 * day within a period).
 */
async function computedRows(ctx: Context, db: Queryable, o: ComputeOptions, a: {
  counties: string[]; from: string; to: string; today: string; analyst: boolean; factSets: Set<string> | undefined; present: { deviations: boolean; surveys: boolean };
}) {
  const sql = keyFigureSql({ dimension: o.dimension, deviations: a.present.deviations, surveys: a.present.surveys, factSets: a.factSets });
  type Row = FactAggregate & { groupKey: string; groupLabel: string; fs: string; period: string };
  const params = (county: string) => [county, o.grain, a.from, a.to, a.today, a.analyst || county !== o.actor.county ? null : o.actor.unitId, GRAIN_INTERVAL[o.grain]];
  // The facts of a county-year are sorted and grouped in memory: give the sort room so that it
  // does not spill to disk (the default 4 MB does at a few thousand plans).
  const run = async (q: Queryable, county: string) => {
    await q.query(`SET LOCAL work_mem = '64MB'`);
    return q.query<Row>(sql, params(county));
  };
  return (await Promise.all(a.counties.map((county) => (db === ctx.db ? ctx.db.transaction((tx) => run(tx, county)) : run(db, county))))).flat();
}

export function definitionOf(f: KeyFigure): FigureDefinition {
  return {
    id: f.id, name: f.name.sv, definition: f.definition.sv, unit: f.unit, statistic: f.statistic,
    numerator: f.numerator, denominator: f.denominator, higherIsBetter: f.higherIsBetter,
  };
}

/** The name of a group asked for that has no facts (so that it shows, empty, beside the others). */
async function groupLabel(db: Queryable, counties: string[], dimension: Dimension, key: string): Promise<string> {
  const sql: Partial<Record<Dimension, string>> = {
    municipality: 'SELECT name FROM municipalities WHERE county = ANY ($1::text[]) AND code = $2',
    principal: 'SELECT name FROM principals WHERE county = ANY ($1::text[]) AND id::text = $2',
    unit: 'SELECT name FROM units WHERE county = ANY ($1::text[]) AND id::text = $2',
    agreement: 'SELECT name FROM local_agreements WHERE county = ANY ($1::text[]) AND id::text = $2',
    county: 'SELECT name FROM counties WHERE county = ANY ($1::text[]) AND county = $2',
  };
  const q = sql[dimension];
  const row = q ? (await db.query<{ name: string }>(q, [counties, key]))[0] : undefined;
  if (!row && dimension !== 'unit_kind') throw invalid([{ field: '/groups', code: 'unknown', message: `Okänd grupp: ${key}.` }]);
  return row?.name ?? key;
}
