/**
 * npm run bench:control: how fast the internal-control dashboard answers on a national data set
 * (issue 7: "p95 of the dashboard's queries for a county and for the whole country; the aim is
 * under 250 ms").
 *
 * 1. Database: DATABASE_URL, or (unset) `samplan_bench_control` on postgres://postgres@127.0.0.1:5432,
 *    created, or recreated when it holds a synthetic set of another size or seed.
 * 2. Data: BENCH_PLANS (300,000) plans from `samplan seed --synthetic` (src/seed/synthetic/), with
 *    its progress bar; skipped when the same set is already there.
 * 3. The key figures' kept facts (migration 018, docs/decisions/0010): whatever is stale is
 *    computed before timing, and that is timed as the backfill (after the migration on an existing
 *    database, every county; BENCH_RECOMPUTE=1 computes every county anew). A run with nothing
 *    stale carries the last measured backfill over, with its date.
 * 4. The queries the dashboard (web/src/control/ControlPage.tsx) sends when it opens, through the
 *    key-figure use case (src/services/key-figures/compute-key-figures.ts) as a manager of the
 *    county sees them: the county's figures for the year, the municipalities side by side for the
 *    year, and the trend of one figure by quarter. "County": these three for BENCH_COUNTY (01,
 *    Stockholm, the largest). "Country": the same for all 21 counties at once (21 × 3 queries in
 *    parallel on the pool), timed as one dashboard load. When the key-figure use case cannot be
 *    loaded, a representative set of aggregate queries over the same tables is timed instead and
 *    the JSON says so. "National": the API's scope=national (every county side by side in one
 *    request, by county and by municipality), as the national view of the dashboard asks.
 * 5. BENCH_WARMUP (3) unmeasured rounds, then BENCH_ITERATIONS (30) measured ones (of the country:
 *    BENCH_COUNTRY_ITERATIONS, default the same; 0 skips it); p50, p95, max.
 * 6. bench/results/control.json and a small table.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database, type Queryable } from '../src/store/database.ts';
import { generateSynthetic } from '../src/seed/synthetic/generate.ts';
import { progressBar } from '../src/seed/synthetic/command.ts';
import { migrate } from '../src/store/migrate.ts';
import { markAllCountiesStale, refreshAllKeyFigureFacts } from '../src/services/key-figures/fact-store.ts';
import { systemClock, type Actor, type Context } from '../src/services/context.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const N = Number(env.BENCH_PLANS ?? 300_000);
const SEED = env.BENCH_SEED ?? 'bench';
const COUNTY = env.BENCH_COUNTY ?? '01';
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const ITERATIONS = Number(env.BENCH_ITERATIONS ?? 30);
// The whole country is 21 counties' worth of work per load: fewer rounds of it where that is slow.
const COUNTRY_ITERATIONS = Number(env.BENCH_COUNTRY_ITERATIONS ?? ITERATIONS);
const POOL_SIZE = Number(env.SAMPLAN_POOL_SIZE ?? 16);
const SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'samplan_bench_control';
const AIM_MS = 250;

async function ensureDatabase(): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount! > 0;
    let keep = false;
    if (exists) {
      const probe = new pg.Client({ connectionString: SERVER_URL.replace(/\/postgres$/, `/${BENCH_DB}`) });
      await probe.connect();
      try {
        const r = await probe.query<{ seed: string; plans_total: number }>('SELECT DISTINCT seed, plans_total FROM synthetic_data_sets').catch(() => ({ rows: [] as Array<{ seed: string; plans_total: number }> }));
        keep = r.rows.length === 1 && r.rows[0]!.seed === SEED && r.rows[0]!.plans_total === N;
      } finally { await probe.end(); }
    }
    if (exists && !keep) await admin.query(`DROP DATABASE ${BENCH_DB}`);
    if (!keep) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally { await admin.end(); }
  return SERVER_URL.replace(/\/postgres$/, `/${BENCH_DB}`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
function stats(samples: number[]): { p50: number; p95: number; max: number; mean: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), max: r(s.at(-1)!), mean: r(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

type Query = { name: string; run: (county: string) => Promise<unknown> };

/** A manager of each county's first social services unit: who opens the dashboard. */
async function managers(db: Queryable): Promise<Map<string, Actor>> {
  const rows = await db.query<{ county: string; staffId: string; unitId: string; principalId: string; name: string }>(
    `SELECT DISTINCT ON (u.county) u.county, m.staff_id AS "staffId", u.id AS "unitId", u.principal_id AS "principalId", s.name
     FROM units u JOIN memberships m ON m.county = u.county AND m.unit_id = u.id AND m.role = 'manager' AND m.active
     JOIN staff s ON s.county = m.county AND s.id = m.staff_id
     WHERE u.kind = 'social_services_children' ORDER BY u.county, u.name, m.staff_id`);
  return new Map(rows.map((r) => [r.county, { kind: 'staff', staffId: r.staffId, county: r.county, unitId: r.unitId, principalId: r.principalId, role: 'manager', name: r.name, networkAddress: null }]));
}

/** The national view (scope=national): every county side by side in one request. */
async function nationalQueries(ctx: Context, actors: Map<string, Actor>): Promise<Query[]> {
  const { computeKeyFigures } = await import('../src/services/key-figures/compute-key-figures.ts');
  const year = new Date().getFullYear();
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const actor = (county: string) => actors.get(county)!;
  return [
    { name: 'national: counties side by side, year', run: (c) => computeKeyFigures(ctx, { actor: actor(c), dimension: 'county', grain: 'year', scope: 'national', ...range }) },
    { name: 'national: 290 municipalities side by side, year', run: (c) => computeKeyFigures(ctx, { actor: actor(c), dimension: 'municipality', grain: 'year', scope: 'national', ...range }) },
  ];
}

async function keyFigureQueries(ctx: Context, actors: Map<string, Actor>): Promise<Query[] | null> {
  try {
    const { computeKeyFigures } = await import('../src/services/key-figures/compute-key-figures.ts');
    const year = new Date().getFullYear();
    const range = { from: `${year}-01-01`, to: `${year}-12-31` };
    const actor = (county: string) => actors.get(county)!;
    return [
      { name: 'county figures, year', run: (c) => computeKeyFigures(ctx, { actor: actor(c), dimension: 'county', grain: 'year', ...range }) },
      { name: 'municipalities side by side, year', run: (c) => computeKeyFigures(ctx, { actor: actor(c), dimension: 'municipality', grain: 'year', ...range }) },
      { name: 'trend of one figure by municipality and quarter', run: (c) => computeKeyFigures(ctx, { actor: actor(c), dimension: 'municipality', grain: 'quarter', figures: ['initiated'], ...range }) },
    ];
  } catch (error) {
    console.error(`Nyckeltalen kunde inte laddas (${(error as Error).message}); mäter representativa aggregatfrågor i stället.`);
    return null;
  }
}

/** Aggregates of the kind the key figures need, over the same tables, for when those are not there. */
function representativeQueries(db: Queryable): Query[] {
  const since = `${new Date().getFullYear()}-01-01`;
  return [
    { name: 'initiated / established / closed per municipality and month', run: (c) => db.query(
      `SELECT u.municipality_code, date_trunc('month', p.initiated_at) AS month, count(*) AS initiated,
              count(*) FILTER (WHERE p.established_at IS NOT NULL) AS established, count(*) FILTER (WHERE p.state = 'closed') AS closed
       FROM plans p JOIN units u ON u.county = p.county AND u.id = p.initiating_unit_id
       WHERE p.county = $1 AND p.initiated_at >= $2 GROUP BY 1, 2`, [c, since]) },
    { name: 'days to first meeting, median and p90, per municipality', run: (c) => db.query(
      `SELECT u.municipality_code, percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90
       FROM (SELECT p.initiating_unit_id, extract(epoch FROM min(m.held_at) - p.initiated_at) / 86400 AS d
             FROM plans p JOIN meetings m ON m.county = p.county AND m.plan_id = p.id
             WHERE p.county = $1 AND p.initiated_at >= $2 GROUP BY p.id, p.initiating_unit_id, p.initiated_at) x
       JOIN units u ON u.county = $1 AND u.id = x.initiating_unit_id GROUP BY 1`, [c, since]) },
    { name: 'follow-ups held by their date, per municipality', run: (c) => db.query(
      `SELECT u.municipality_code, avg((f.held_on <= f.due_on)::int) AS on_time
       FROM follow_ups f JOIN plans p ON p.county = f.county AND p.id = f.plan_id JOIN units u ON u.county = p.county AND u.id = p.initiating_unit_id
       WHERE f.county = $1 AND f.held_on >= $2 GROUP BY 1`, [c, since]) },
  ];
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const url = await ensureDatabase();
  const db: Database = await openDatabase({ url, poolSize: POOL_SIZE });
  await migrate(db);
  const generated = await generateSynthetic(db, { plans: N, seed: SEED, onProgress: progressBar() });
  console.error(generated.status === 'already_present' ? `Datamängden finns redan: ${N} planer.` : `Genererade ${N} planer på ${generated.seconds.toFixed(1)} s.`);
  // The kept facts (migration 018): computed for every county that has something stale, which after
  // the migration on an existing database is all of them; timed, as the backfill.
  if (env.BENCH_RECOMPUTE === '1') await markAllCountiesStale(db);
  const backfillStart = performance.now();
  const backfilled = await refreshAllKeyFigureFacts(db);
  const backfillSeconds = (performance.now() - backfillStart) / 1000;
  if (backfilled) console.error(`Nyckeltalens fakta beräknade på ${backfillSeconds.toFixed(1)} s.`);
  // Rewritten tables: statistics and the visibility map (index-only reads) now, not by autovacuum in the middle of the timing.
  if (backfilled && db.kind === 'postgres') await db.exec('VACUUM ANALYZE key_figure_facts, key_figure_sums');
  const [kept] = await db.query<{ facts: number; sums: number; bytes: string }>(
    `SELECT (SELECT count(*)::int FROM key_figure_facts) AS facts, (SELECT count(*)::int FROM key_figure_sums) AS sums,
            pg_size_pretty(pg_total_relation_size('key_figure_facts') + pg_total_relation_size('key_figure_sums')) AS bytes`);
  const ctx: Context = { db, clock: systemClock };
  const actors = await managers(db);
  const counties = [...actors.keys()].sort();
  const kf = await keyFigureQueries(ctx, actors);
  const queries = kf ?? representativeQueries(db);
  const [{ plans }] = (await db.query<{ plans: number }>('SELECT count(*)::int AS plans FROM plans WHERE county = $1', [COUNTY])) as [{ plans: number }];

  const countyDashboard = () => Promise.all(queries.map((q) => q.run(COUNTY)));
  const countryDashboard = () => Promise.all(counties.flatMap((c) => queries.map((q) => q.run(c))));
  for (let i = 0; i < WARMUP; i++) { await countyDashboard(); if (COUNTRY_ITERATIONS > 0) await countryDashboard(); }
  const national = kf ? await nationalQueries(ctx, actors) : [];
  for (let i = 0; i < WARMUP; i++) for (const q of national) await q.run(COUNTY);
  const perQuery = new Map<string, number[]>(queries.map((q) => [q.name, []]));
  const perNational = new Map<string, number[]>(national.map((q) => [q.name, []]));
  const countyLoads: number[] = [];
  const countryLoads: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    for (const q of queries) perQuery.get(q.name)!.push(await time(() => q.run(COUNTY)));
    for (const q of national) perNational.get(q.name)!.push(await time(() => q.run(COUNTY)));
    countyLoads.push(await time(countyDashboard));
    if (i < COUNTRY_ITERATIONS) countryLoads.push(await time(countryDashboard));
    console.error(`varv ${i + 1}/${ITERATIONS}: länet ${Math.round(countyLoads.at(-1)!)} ms${i < COUNTRY_ITERATIONS ? `, landet ${Math.round(countryLoads.at(-1)!)} ms` : ''}`);
  }
  // The backfill happens once per database: when this run found nothing stale, the last measured one is carried over, dated.
  const resultFile = join(root, 'bench/results/control.json');
  const earlier = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as { at?: string; key_figure_facts?: { backfill?: unknown; backfill_measured_at?: string } }) : null;
  const backfill = backfilled
    ? { backfill: { seconds: Math.round(backfillSeconds * 10) / 10, stale_marks: backfilled, loadavg_1m: Math.round(loadavg()[0]! * 100) / 100 }, backfill_measured_at: new Date().toISOString() }
    : typeof earlier?.key_figure_facts?.backfill === 'object'
      ? { backfill: earlier.key_figure_facts.backfill, backfill_measured_at: earlier.key_figure_facts.backfill_measured_at ?? earlier.at }
      : { backfill: 'nothing stale' };
  const result = {
    benchmark: 'control dashboard',
    at: new Date().toISOString(),
    database: db.kind,
    plans_total: N,
    seed: SEED,
    county: { code: COUNTY, plans: plans },
    source: kf ? 'src/services/key-figures/compute-key-figures.ts (the dashboard\'s three queries, as a manager)' : 'representative aggregate queries (the key-figure use case was not available)',
    iterations: ITERATIONS,
    country_iterations: Math.min(COUNTRY_ITERATIONS, ITERATIONS),
    warmup: WARMUP,
    pool_size: POOL_SIZE,
    aim_p95_ms: AIM_MS,
    county_queries_ms: Object.fromEntries([...perQuery].map(([k, v]) => [k, stats(v)])),
    county_dashboard_ms: stats(countyLoads),
    national_queries_ms: Object.fromEntries([...perNational].map(([k, v]) => [k, stats(v)])),
    country_dashboard_ms: countryLoads.length
      ? { ...stats(countryLoads), note: `${counties.length} counties × ${queries.length} queries in parallel on a pool of ${POOL_SIZE}` }
      : 'not measured (BENCH_COUNTRY_ITERATIONS=0)',
    generation: generated.status === 'generated' ? { seconds: Math.round(generated.seconds), plans_per_second: Math.round(N / generated.seconds) } : 'already present',
    key_figure_facts: {
      ...backfill,
      facts: kept!.facts, sums: kept!.sums, size: kept!.bytes,
    },
    machine: { cpus: cpus().length, loadavg_1m: Math.round(loadavg()[0]! * 100) / 100 },
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${N} planer (${plans} i län ${COUNTY}), ${ITERATIONS} varv:`);
  for (const [k, v] of Object.entries(result.county_queries_ms)) console.log(`  ${k.padEnd(52)} p50 ${String(v.p50).padStart(7)} ms  p95 ${String(v.p95).padStart(7)} ms`);
  console.log(`  ${'länets hela instrumentpanel'.padEnd(52)} p50 ${String(result.county_dashboard_ms.p50).padStart(7)} ms  p95 ${String(result.county_dashboard_ms.p95).padStart(7)} ms`);
  for (const [k, v] of Object.entries(result.national_queries_ms)) console.log(`  ${k.padEnd(52)} p50 ${String(v.p50).padStart(7)} ms  p95 ${String(v.p95).padStart(7)} ms`);
  if (countryLoads.length) console.log(`  ${'hela landets instrumentpanel (21 län)'.padEnd(52)} p50 ${String(stats(countryLoads).p50).padStart(7)} ms  p95 ${String(stats(countryLoads).p95).padStart(7)} ms`);
  console.log('bench/results/control.json skriven.');
  await db.close();
}

await main();
