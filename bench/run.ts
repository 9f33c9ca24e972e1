/**
 * npm run bench: the throughput of reading one whole plan, against the ceiling of this machine.
 *
 * 1. Database: DATABASE_URL, or (unset) `samplan_bench` on postgres://postgres@127.0.0.1:5432,
 *    created, or recreated when it holds a generated set of another size.
 * 2. Data: BENCH_PLANS (10,000) established plans over the 21 counties (bench/generate-plans.ts);
 *    skipped when the database already holds a set of that size.
 * 3. The app (`node src/cli.ts serve`, a child process): the bench staff member of every county
 *    signs in (POST /api/dev/sign-in); autocannon (in this process) runs a warm-up, then the
 *    measured load of GET /api/plans/:id, requests cycling through (cookie, plan) pairs across
 *    the counties; then the same load on the plans of one county only (plan_read_one_county), as
 *    in a region's own deployment, where every audit row goes to the same county's chain.
 * 4. The reference server (bench/reference-server.ts, a child process): the same load, one
 *    statement per request (read a plans row and insert an audit row).
 * 5. bench/results/latest.json and a small table. Any non-2xx answer or socket error fails the run.
 *
 * Knobs: BENCH_PLANS, BENCH_CONNECTIONS (64), BENCH_DURATION (20 s), BENCH_WARMUP (3 s), BENCH_REUSE
 * (1: keep the database of the last run instead of generating a new one),
 * BENCH_PORT (3900; the reference server uses the next port), SAMPLAN_POOL_SIZE (16, both servers),
 * SAMPLAN_READ_BATCHES (2; the product's coalesced plan reads at once, docs/decisions/0012),
 * BENCH_PROFILE (a directory: both servers write a V8 CPU profile there).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../src/store/database.ts';
import { readConfig } from '../src/config.ts';
import { benchTargets, generatedPlans, generatePlans, type BenchTarget } from './generate-plans.ts';
import { buildPlanDocuments } from '../src/store/plan-document.ts';
import { runSweep } from '../src/services/notifications/run-sweep.ts';
import { swedishDate, systemClock } from '../src/services/context.ts';

// ---- autocannon: no type definitions are installed, so the part used here is declared ----------
interface AcRequest { method?: string; path?: string; headers?: Record<string, string> }
interface AcHistogram { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p97_5: number; p99: number; total?: number; sent?: number }
interface AcResult {
  duration: number; errors: number; timeouts: number; non2xx: number; resets: number; mismatches: number;
  '2xx': number; '4xx': number; '5xx': number; statusCodeStats: Record<string, { count: number }>;
  latency: AcHistogram & { totalCount: number }; requests: AcHistogram; throughput: AcHistogram;
}
interface AcOptions {
  url: string; connections: number; duration: number; timeout?: number;
  requests: { method: string; setupRequest: (req: AcRequest) => AcRequest }[];
}
type Autocannon = (o: AcOptions, cb: (error: Error | null, result: AcResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const N = Number(env.BENCH_PLANS ?? 10_000);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 64);
const DURATION = Number(env.BENCH_DURATION ?? 20);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
/** BENCH_PROFILE=dir: the app server and the reference server write a V8 CPU profile (.cpuprofile) into dir when it stops. */
const PROFILE_DIR = env.BENCH_PROFILE;
const APP_PORT = Number(env.BENCH_PORT ?? 3900);
const REF_PORT = APP_PORT + 1;
const POOL_SIZE = readConfig({ ...env, SAMPLAN_SECRET: 'bench' }).poolSize;
const SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'samplan_bench';

/** The code measured: the commit, and the files of src/ that differ from it (uncommitted work). */
function gitState(): { commit: string; dirty_src: string[] } | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), dirty_src: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).map((l) => l.slice(3)) };
  } catch {
    return null;
  }
}

const children = new Set<ChildProcess>();
const killChildren = () => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); };
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { killChildren(); process.exit(130); });

const log = (line: string) => console.log(line);
const today = () => swedishDate(new Date());
const yesterday = () => swedishDate(new Date(Date.now() - 86_400_000));
/** node's arguments for a server script, with a CPU profile when BENCH_PROFILE asks for one. */
const nodeArgs = (...script: string[]) => [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), ...script];

// ---- 1. The database -----------------------------------------------------------------------------
async function prepareDatabase(): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const url = new URL(SERVER_URL);
  url.pathname = `/${BENCH_DB}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount === 1;
    if (exists) {
      const db = await openDatabase({ url: url.toString(), poolSize: 1 });
      const previous = await generatedPlans(db).finally(() => db.close());
      // Every run writes some 150,000 audit rows, and the audit table's indexes grow with them;
      // runs compare only from the same start, so the database is new each time unless asked.
      if (previous === N && env.BENCH_REUSE === '1') return url.toString();
      log(`Recreating ${BENCH_DB} (${previous === N ? 'a new one for every run; BENCH_REUSE=1 keeps it' : `it holds ${previous ?? 'no'} generated plans, not ${N}`}).`);
      await admin.query(`DROP DATABASE ${BENCH_DB} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    return url.toString();
  } finally {
    await admin.end();
  }
}

// ---- Child processes -----------------------------------------------------------------------------
async function startServer(name: string, script: string[], port: number, extraEnv: Record<string, string>): Promise<ChildProcess> {
  // The load generator is one client at full speed: the per-session rate limit would measure itself.
  const childEnv: NodeJS.ProcessEnv = { ...env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SAMPLAN_POOL_SIZE: String(POOL_SIZE), SAMPLAN_RATE_LIMIT: '0', IDP_PORT: '0' };
  delete childEnv.NODE_ENV; // the development sign-in is off in production
  const child = spawn(process.execPath, script, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); process.stderr.write(`[${name}] ${d.toString()}`); });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not answer /health within 60 s:\n${output}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

// ---- CPU accounting (Linux /proc): who used the two cores during a measured run ------------------
const TICK = 100; // USER_HZ
function procTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}
/** CPU ticks of every PostgreSQL process by pid, and whether it is a backend of database `db`. */
function postgresTicks(db: string): Map<number, { ticks: number; ours: boolean }> {
  const m = new Map<number, { ticks: number; ours: boolean }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
      const cmdline = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      m.set(Number(d), { ticks: procTicks(Number(d)), ours: cmdline.includes(` ${db} `) });
    } catch { /* gone */ }
  }
  return m;
}
function machineTicks(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3]! - (f[4] ?? 0), total };
}
interface CpuSample { server: number; pg: Map<number, { ticks: number; ours: boolean }>; loadgen: number; machineBusy: number; machineTotal: number; at: number }
const sampleCpu = (serverPid: number, db: string): CpuSample => {
  const m = machineTicks();
  return { server: procTicks(serverPid), pg: postgresTicks(db), loadgen: procTicks(process.pid), machineBusy: m.busy, machineTotal: m.total, at: performance.now() };
};
/**
 * CPU used between two samples, in cores (1.0 = one core busy the whole time): the server, the
 * PostgreSQL backends of the bench database (with the rest of PostgreSQL: walwriter, checkpointer),
 * this process (autocannon), and everything else on the machine.
 */
function cpuUse(a: CpuSample, b: CpuSample) {
  const seconds = (b.at - a.at) / 1000;
  const cores = (ticks: number) => Math.round((ticks / TICK / seconds) * 100) / 100;
  let pgOurs = 0;
  let pgOther = 0;
  for (const [pid, x] of b.pg) {
    const d = x.ticks - (a.pg.get(pid)?.ticks ?? 0);
    if (x.ours) pgOurs += d; else pgOther += d;
  }
  const server = cores(b.server - a.server);
  const postgres = cores(pgOurs);
  const postgresRest = cores(pgOther);
  const loadgen = cores(b.loadgen - a.loadgen);
  const busy = Math.round(((b.machineBusy - a.machineBusy) / (b.machineTotal - a.machineTotal)) * cpus().length * 100) / 100;
  const other = Math.max(0, Math.round((busy - server - postgres - postgresRest - loadgen) * 100) / 100);
  return { server, postgres, postgres_rest: postgresRest, loadgen, other, machine_busy: busy };
}

// ---- Load ----------------------------------------------------------------------------------------
interface Target { path: string; cookie?: string }

function load(port: number, targets: Target[], seconds: number): Promise<AcResult> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: 10,
      requests: [{
        method: 'GET',
        setupRequest: (req) => {
          const t = targets[next++ % targets.length]!;
          return { ...req, path: t.path, headers: { ...req.headers, ...(t.cookie ? { cookie: t.cookie } : {}) } };
        },
      }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

interface Measured {
  rps: number; p99_ms: number; p50_ms: number; p97_5_ms: number; avg_ms: number; max_ms: number;
  requests: number; non2xx: number; errors: number; timeouts: number; status: Record<string, number>;
  cpu_cores: ReturnType<typeof cpuUse>; warmup_requests: number;
  /** Audit rows written during warm-up and run: must equal warmup_requests + requests. */
  audit_rows_added?: number;
}

async function measure(name: string, port: number, serverPid: number, dbName: string, targets: Target[]): Promise<Measured> {
  log(`  ${name}: warm-up ${WARMUP} s …`);
  const warm = await load(port, targets, WARMUP);
  if (warm.non2xx || warm.errors) throw new Error(`${name}: warm-up had ${warm.non2xx} non-2xx and ${warm.errors} errors (${JSON.stringify(warm.statusCodeStats)})`);
  log(`  ${name}: ${CONNECTIONS} connections for ${DURATION} s …`);
  const before = sampleCpu(serverPid, dbName);
  const r = await load(port, targets, DURATION);
  const after = sampleCpu(serverPid, dbName);
  const status = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return {
    rps: Math.round(r.requests.average), p99_ms: r.latency.p99, p50_ms: r.latency.p50, p97_5_ms: r.latency.p97_5,
    avg_ms: Math.round(r.latency.average * 100) / 100, max_ms: r.latency.max, requests: r.latency.totalCount,
    non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, status, cpu_cores: cpuUse(before, after),
    warmup_requests: warm.latency.totalCount,
  };
}

async function signIn(port: number, hsaId: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/dev/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hsaId }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${hsaId} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('samplan_session='));
  if (!cookie) throw new Error(`sign-in of ${hsaId} set no session cookie`);
  return cookie.split(';')[0]!;
}

const countRows = async (db: Database, table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

// ---- Main ----------------------------------------------------------------------------------------
async function main(): Promise<number> {
  const started = new Date();
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  log(`Samplan bench: ${N} plans, ${CONNECTIONS} connections, ${DURATION} s (+${WARMUP} s warm-up), pool ${POOL_SIZE}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const url = await prepareDatabase();
  log(`Database: ${url.replace(/\/\/[^@]*@/, '//')}`);
  const dbName = new URL(url).pathname.slice(1);
  const db = await openDatabase({ url, poolSize: 2 });
  try {
    const gen = await generatePlans(db, N, { log });
    log(gen.skipped ? `Data: ${N} plans already generated; reused.` : `Data: generated ${gen.plans} plans, ${gen.persons} persons, ${gen.units} units, ${gen.staff} staff in ${gen.seconds.toFixed(1)} s.`);

    const pairs: BenchTarget[] = await benchTargets(db, today());
    const counties = [...new Set(pairs.map((p) => p.county))];
    if (counties.length !== 21) throw new Error(`expected bench staff with plans in 21 counties, found ${counties.length}`);
    log(`Targets: ${pairs.length} (staff, plan) pairs over ${counties.length} counties.`);

    // Yesterday's documents are kept (as after any working day), and the planner knows the table:
    // its statistics are from now, not from the first minute of the measurement.
    await buildPlanDocuments(db, yesterday());
    await db.exec('ANALYZE plan_documents');

    // The morning's deadline sweep has run, as on any working day. Otherwise the server's own
    // sweep at start would write a notice per due deadline of all plans during the measurement.
    const sweep = await runSweep({ db, clock: systemClock });
    log(`Deadline sweep: ${sweep.plans} open plans looked at, ${sweep.created} notices created.`);

    // (a) The app.
    const app = await startServer('app', nodeArgs('src/cli.ts', 'serve'), APP_PORT, { DATABASE_URL: url, SAMPLAN_SECRET: randomBytes(32).toString('base64url') });
    const cookies = new Map<string, string>();
    for (const p of pairs) if (!cookies.has(p.hsaId)) cookies.set(p.hsaId, await signIn(APP_PORT, p.hsaId));
    const appTargets: Target[] = pairs.map((p) => ({ path: `/api/plans/${p.planId}`, cookie: cookies.get(p.hsaId)! }));
    const probe = await fetch(`http://127.0.0.1:${APP_PORT}${appTargets[0]!.path}`, { headers: { cookie: appTargets[0]!.cookie! } });
    const probeBody = await probe.text();
    if (probe.status !== 200) throw new Error(`probe GET ${appTargets[0]!.path} answered ${probe.status}: ${probeBody}`);
    const doc = JSON.parse(probeBody) as Record<string, unknown[]>;
    log(`Probe: one plan document is ${probeBody.length} bytes (${doc.goals!.length} goals, ${doc.interventions!.length} interventions, ${doc.participants!.length} participants).`);
    // First the first read of the day: every plan's document was kept yesterday, so every read
    // builds today's.
    await db.query("UPDATE plan_documents SET day = $1::date - 1", [today()]);
    let auditBefore = await countRows(db, 'audit_events');
    const firstRead = await measure('plan_read_first_of_day', APP_PORT, app.pid!, dbName, appTargets);
    firstRead.audit_rows_added = (await countRows(db, 'audit_events')) - auditBefore;
    // Then the steady state of a working day: every plan's document already built today
    // (buildPlanDocuments is what the first reads left behind, done at once for all plans).
    const built = await buildPlanDocuments(db, today());
    log(`Kept documents built for ${built} plans.`);
    auditBefore = await countRows(db, 'audit_events');
    const planRead = await measure('plan_read', APP_PORT, app.pid!, dbName, appTargets);
    planRead.audit_rows_added = (await countRows(db, 'audit_events')) - auditBefore;
    // The same, with every read in one county: a region's own deployment, where all audit rows
    // go to one county's chain (decision 0011).
    const perCounty = new Map<string, number>();
    for (const p of pairs) perCounty.set(p.county, (perCounty.get(p.county) ?? 0) + 1);
    const oneCounty = [...perCounty].sort((a, b) => b[1] - a[1])[0]![0];
    const oneCountyTargets = appTargets.filter((_, i) => pairs[i]!.county === oneCounty);
    auditBefore = await countRows(db, 'audit_events');
    const planReadOneCounty = await measure(`plan_read_one_county (${oneCounty}, ${oneCountyTargets.length} plans)`, APP_PORT, app.pid!, dbName, oneCountyTargets);
    planReadOneCounty.audit_rows_added = (await countRows(db, 'audit_events')) - auditBefore;
    await stopServer(app);

    // (b) The reference server.
    const ref = await startServer('reference', nodeArgs('bench/reference-server.ts'), REF_PORT, { DATABASE_URL: url });
    const refTargets: Target[] = pairs.map((p) => ({ path: `/ref/${p.county}/plans/${p.planId}` }));
    const refAuditBefore = await countRows(db, 'bench_audit');
    const ceiling = await measure('ceiling', REF_PORT, ref.pid!, dbName, refTargets);
    ceiling.audit_rows_added = (await countRows(db, 'bench_audit')) - refAuditBefore;
    await stopServer(ref);

    // Every answered request wrote its audit row: rows added = warm-up + measured requests, plus
    // at most one per connection and run still in flight when autocannon stopped counting.
    const measured = [['plan_read_first_of_day', firstRead], ['plan_read', planRead], ['plan_read_one_county', planReadOneCounty], ['ceiling', ceiling]] as const;
    for (const [name, m] of measured) {
      const extra = m.audit_rows_added! - m.warmup_requests - m.requests;
      if (extra < 0 || extra > 2 * CONNECTIONS) throw new Error(`${name}: ${m.audit_rows_added} audit rows for ${m.warmup_requests + m.requests} answered requests`);
    }
    const ratio = Math.round((planRead.rps / ceiling.rps) * 1000) / 1000;
    const failures = [
      ...measured.flatMap(([name, x]) =>
        x.non2xx || x.errors || x.timeouts ? [`${name}: ${x.non2xx} non-2xx, ${x.errors} errors, ${x.timeouts} timeouts (${JSON.stringify(x.status)})`] : []),
    ];
    const aim = { min_ratio: 0.45, max_p99_ms: 50, met: ratio >= 0.45 && planRead.p99_ms < 50 };
    const results = {
      plan_read: planRead,
      ceiling,
      plan_read_first_of_day: firstRead,
      plan_read_one_county: { county: oneCounty, plans: oneCountyTargets.length, ...planReadOneCounty },
      ratio,
      aim,
      ok: failures.length === 0,
      failures,
      plans: N,
      targets: pairs.length,
      counties: counties.length,
      connections: CONNECTIONS,
      duration_s: DURATION,
      warmup_s: WARMUP,
      pool_size: POOL_SIZE,
      // The product's coalesced read statements at once (docs/decisions/0012); the ceiling does not coalesce.
      read_batches: readConfig({ ...env, SAMPLAN_SECRET: 'bench' }).readBatches,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', load_average_at_start: loadAtStart, node: process.version },
      date: started.toISOString(),
      code: gitState(),
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 2) + '\n');

    const row = (name: string, m: Measured) =>
      `${name.padEnd(10)} ${String(m.rps).padStart(7)} ${m.p50_ms.toFixed(0).padStart(7)} ${m.p99_ms.toFixed(0).padStart(7)} ${String(m.requests).padStart(9)} ${String(m.non2xx + m.errors).padStart(9)}   server ${m.cpu_cores.server.toFixed(2)} / pg ${m.cpu_cores.postgres.toFixed(2)} (+${m.cpu_cores.postgres_rest.toFixed(2)}) / autocannon ${m.cpu_cores.loadgen.toFixed(2)} / other ${m.cpu_cores.other.toFixed(2)}`;
    log('');
    log(`${'target'.padEnd(10)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'requests'.padStart(9)} ${'failed'.padStart(9)}   CPU (cores)`);
    log(row('first read', firstRead));
    log(row('plan_read', planRead));
    log(row('one county', planReadOneCounty));
    log(row('ceiling', ceiling));
    log(`ratio plan_read/ceiling ${(ratio * 100).toFixed(1)} %  (aim ≥ 45 % with p99 < 50 ms: ${aim.met ? 'met' : 'NOT met'})`);
    log('Written bench/results/latest.json');
    if (failures.length) {
      console.error(`\nBENCH FAILED: ${failures.join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then((code) => {
  killChildren();
  process.exit(code);
}, (error: unknown) => {
  console.error('\nBENCH FAILED:', error);
  killChildren();
  process.exit(1);
});
