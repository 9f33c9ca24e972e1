/**
 * The key figures' aggregates read from the kept sums (fact-store.ts) instead of computed from the
 * plans: the same rows keyFigureSql gives, for a county or municipality breakdown over whole
 * periods (the dashboard's own queries). Whether the viewer is entitled to every plan under an
 * aggregate is only asked where it can matter (a small count; figureValue) and there read from
 * the kept facts of those few aggregates.
 */
import { isSmall, periodStart, type Dimension, type FactAggregate, type Grain } from '../../domain/key-figures.ts';
import { READABLE_BY_UNIT } from '../../access/require-plan-access.ts';
import type { Queryable } from '../../store/database.ts';

export type AggregateRow = FactAggregate & { groupKey: string; groupLabel: string; fs: string; period: string };

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Whether the sums answer this: a county or municipality breakdown from a period's first day to a period's last. */
export function sumsServe(dimension: Dimension, grain: Grain, from: string, to: string): boolean {
  return (dimension === 'county' || dimension === 'municipality') && periodStart(grain, from) === from && periodStart(grain, nextDay(to)) === nextDay(to);
}

/** The kept fact sets that make up a figure's fact set at this grain. */
function keptSets(fs: string, grain: Grain): string[] {
  if (fs === 'followed_up') return [`followed_up:${grain}`];
  if (fs === 'coordinator_changes') return [`coordinator_change:${grain}`, `coordinator_span:${grain}`];
  return [fs];
}
const figureSet = (kept: string) => (kept.startsWith('followed_up:') ? 'followed_up' : kept.startsWith('coordinator_') ? 'coordinator_changes' : kept);

/** PostgreSQL's percentile_cont over a histogram of values. */
function percentileCont(hist: Array<[number, number]>, n: number, p: number): number | null {
  if (n === 0 || hist.length === 0) return null;
  const at = (row: number) => { let seen = 0; for (const [v, c] of hist) { seen += c; if (row < seen) return v; } return hist.at(-1)![0]; };
  const pos = p * (n - 1);
  const first = Math.floor(pos), second = Math.ceil(pos);
  const lo = at(first);
  return first === second ? lo : lo + (at(second) - lo) * (pos - first);
}

export interface SumsQuery {
  counties: string[];
  dimension: 'county' | 'municipality';
  grain: Grain;
  from: string;
  to: string;
  today: string;
  /** The fact sets wanted (of figures and their denominators); all when absent. */
  factSets: ReadonlySet<string> | undefined;
  allSets: string[];
  /** The viewer's county and unit when they may be entitled to plans there; null for an analyst. */
  viewer: { county: string; unitId: string } | null;
}

export async function readSums(db: Queryable, q: SumsQuery): Promise<AggregateRow[]> {
  const sets = [...new Set((q.factSets ? [...q.factSets] : q.allSets).flatMap((fs) => keptSets(fs, q.grain)))];
  const spans = sets.filter((s) => s.startsWith('coordinator_span:'));
  const plain = sets.filter((s) => !s.startsWith('coordinator_span:'));
  const thisMonth = periodStart('month', q.today);
  const todayPeriod = q.today >= q.from && q.today <= q.to ? periodStart(q.grain, q.today) : null;
  const dimGroup = q.dimension === 'county' ? 'ARRAY[f.county::text]' : 'f.munis';
  type Raw = { county: string; groupKey: string; fs: string; period: string; val: number | null; num: number; n: number };
  const raw = await db.query<Raw>(`
    SELECT s.county, s.group_key AS "groupKey", s.fs, to_char(s.month, 'YYYY-MM-DD') AS period, s.val, s.num::float8 AS num, s.n::float8 AS n
    FROM key_figure_sums s
    WHERE s.county = ANY ($1::char(2)[]) AND s.dim = $2 AND s.grain = $3 AND s.fs = ANY ($4::text[]) AND s.month >= $5::date AND s.month <= $6::date
      AND NOT s.pending
    UNION ALL
    -- Dates passed: by month before this one; this month's from the facts below, to the day.
    SELECT s.county, s.group_key, s.fs, to_char(date_trunc($3, s.month::timestamp), 'YYYY-MM-DD'), s.val, sum(s.num)::float8, sum(s.n)::float8
    FROM key_figure_sums s
    WHERE s.county = ANY ($1::char(2)[]) AND s.dim = $2 AND s.grain = 'month' AND s.fs = ANY ($4::text[]) AND s.month >= $5::date AND s.month <= $6::date
      AND s.pending AND s.month < $7::date
    GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT f.county, g, f.fs, $12::text, NULL, sum(coalesce(f.num, 0))::float8, count(*)::float8
    FROM key_figure_facts f CROSS JOIN LATERAL unnest(${dimGroup}) AS g
    WHERE $12::text IS NOT NULL AND f.county = ANY ($1::char(2)[]) AND f.pending AND f.at >= $7::date AND f.at < $8::date AND f.fs = ANY ($4::text[])
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT s.county, s.group_key, s.fs, $9::text, s.val, sum(s.num)::float8, sum(s.n)::float8
    FROM key_figure_sums s
    WHERE $9::text IS NOT NULL AND s.county = ANY ($1::char(2)[]) AND s.dim = $2 AND s.grain = 'month' AND s.fs = ANY ($4::text[]) AND s.month = '-infinity'
    GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    -- The plans open in a period: those that started in it or before, less those that ended before it.
    SELECT s.county, s.group_key, s.fs, to_char(p.period, 'YYYY-MM-DD'), NULL, 0, sum(s.n)::float8
    FROM key_figure_sums s JOIN unnest($10::date[]) AS p (period) ON s.month <= p.period
    WHERE s.county = ANY ($1::char(2)[]) AND s.dim = $2 AND s.grain = $3 AND s.fs = ANY ($11::text[])
    GROUP BY 1, 2, 3, 4`,
  [q.counties, q.dimension, q.grain, plain, q.from, q.to, thisMonth, q.today, todayPeriod, periodsOf(q), spans,
    // This month's passed dates count in the period holding them, when that period is shown.
    thisMonth >= q.from && thisMonth <= q.to ? periodStart(q.grain, thisMonth) : null]);

  type Acc = { county: string; groupKey: string; fs: string; period: string; num: number; n: number; hist: Map<number, number> };
  const acc = new Map<string, Acc>();
  for (const r of raw) {
    const fs = figureSet(r.fs);
    const key = `${r.groupKey}|${fs}|${r.period}`;
    let a = acc.get(key);
    if (!a) acc.set(key, a = { county: r.county, groupKey: r.groupKey, fs, period: r.period, num: 0, n: 0, hist: new Map() });
    // Of coordinator changes, the changes are the numerator and the open plans the facts.
    if (r.fs.startsWith('coordinator_change:')) { a.num += r.num; continue; }
    a.num += r.num;
    a.n += r.n;
    if (r.val !== null) a.hist.set(r.val, (a.hist.get(r.val) ?? 0) + r.n);
  }
  const aggregates = [...acc.values()].filter((a) => a.n !== 0);
  const labels = await groupLabels(db, q.dimension, q.counties);
  const rows: AggregateRow[] = aggregates.map((a) => {
    const hist = [...a.hist].filter(([, c]) => c !== 0).sort((x, y) => x[0] - y[0]);
    const valued = hist.reduce((s, [, c]) => s + c, 0);
    const sum = hist.reduce((s, [v, c]) => s + v * c, 0);
    return {
      groupKey: a.groupKey, groupLabel: labels.get(a.groupKey) ?? a.groupKey, fs: a.fs, period: a.period, num: a.num, den: a.n, n: a.n,
      median: percentileCont(hist, valued, 0.5), p90: percentileCont(hist, valued, 0.9), mean: valued ? sum / valued : null, entitled: false,
    };
  });
  if (q.viewer) await markEntitled(db, q, rows.filter((r) => acc.get(`${r.groupKey}|${r.fs}|${r.period}`)!.county === q.viewer!.county));
  return rows;
}

function periodsOf(q: SumsQuery): string[] {
  const out: string[] = [];
  for (let p = q.from; p <= q.to;) {
    out.push(p);
    const [y, m] = p.split('-').map(Number) as [number, number];
    const step = q.grain === 'year' ? 12 : q.grain === 'quarter' ? 3 : 1;
    const next = new Date(Date.UTC(y, m - 1 + step, 1));
    p = next.toISOString().slice(0, 10);
  }
  return out;
}

async function groupLabels(db: Queryable, dimension: 'county' | 'municipality', counties: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ key: string; label: string }>(dimension === 'county'
    ? 'SELECT county::text AS key, name AS label FROM counties WHERE county = ANY ($1::char(2)[])'
    : 'SELECT code::text AS key, name AS label FROM municipalities WHERE county = ANY ($1::char(2)[])', [counties]);
  return new Map(rows.map((r) => [r.key, r.label]));
}

/**
 * Sets `entitled` where figureValue may ask: an aggregate with a small count, and the plans
 * initiated beside a small share of them. Entitled: every fact under it is about a plan the
 * viewer's unit may read (READABLE_BY_UNIT), as the computed query decides it.
 */
async function markEntitled(db: Queryable, q: SumsQuery, rows: AggregateRow[]): Promise<void> {
  const byKey = new Map(rows.map((r) => [`${r.groupKey}|${r.fs}|${r.period}`, r]));
  const wanted = new Set<AggregateRow>();
  for (const r of rows) {
    if (!(isSmall(r.num) || isSmall(r.n))) continue;
    wanted.add(r);
    if (r.fs.startsWith('initiated_by_')) { const base = byKey.get(`${r.groupKey}|initiated|${r.period}`); if (base) wanted.add(base); }
  }
  if (!wanted.size) return;
  const cells = [...wanted];
  const lastOf = (start: string) => {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const step = q.grain === 'year' ? 12 : q.grain === 'quarter' ? 3 : 1;
    return new Date(Date.UTC(y, m - 1 + step, 0)).toISOString().slice(0, 10);
  };
  const keptSet = (fs: string) => (fs === 'followed_up' ? `followed_up:${q.grain}` : fs === 'coordinator_changes' ? `coordinator_span:${q.grain}` : fs);
  const result = await db.query<{ i: number; entitled: boolean }>(`
    WITH cells AS (
      SELECT * FROM unnest($4::text[], $5::text[], $6::date[], $7::date[]) WITH ORDINALITY AS c (fs, grp, first, last, i)
    )
    , under AS (
      SELECT c.i, f.plan_id FROM cells c JOIN key_figure_facts f ON f.county = $1 AND f.fs = c.fs
        AND f.at >= CASE WHEN c.fs LIKE 'coordinator_span:%' THEN '-infinity'::date ELSE c.first END AND f.at <= c.last
        AND ($8::text = 'county' OR c.grp = ANY (f.munis))
      WHERE CASE WHEN c.fs LIKE 'coordinator_span:%' THEN f.until IS NULL OR f.until > c.first ELSE NOT f.pending OR f.at < $3::date END
      UNION ALL
      SELECT c.i, f.plan_id FROM cells c JOIN key_figure_facts f ON f.county = $1 AND f.fs = c.fs AND f.at IS NULL
        AND ($8::text = 'county' OR c.grp = ANY (f.munis))
      WHERE $3::date BETWEEN c.first AND c.last
    ), visible AS (
      -- Read access decided only for the plans under these aggregates, not all the unit takes part in.
      SELECT p.id FROM plan_participants vp JOIN plans p ON p.county = vp.county AND p.id = vp.plan_id
      WHERE vp.county = $1 AND vp.unit_id = $2::uuid AND vp.kind = 'unit' AND vp.active
        AND vp.plan_id IN (SELECT plan_id FROM under) AND ${READABLE_BY_UNIT('$2::uuid', '$3')}
    )
    SELECT u.i::int AS i, bool_and(coalesce(u.plan_id IN (SELECT id FROM visible), false)) AS entitled
    FROM under u
    GROUP BY u.i`,
  [q.viewer!.county, q.viewer!.unitId, q.today, cells.map((c) => keptSet(c.fs)), cells.map((c) => c.groupKey), cells.map((c) => c.period), cells.map((c) => lastOf(c.period)), q.dimension]);
  for (const r of result) cells[r.i - 1]!.entitled = r.entitled;
}
