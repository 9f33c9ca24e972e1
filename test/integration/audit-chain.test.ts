/**
 * The audit trail's hash chain: each county's rows are chained by sha256, in lanes (migration 019),
 * appended one by one or a batch at a time (migration 020),
 * so that an alteration made around the append-only triggers (by a superuser, with
 * session_replication_role = replica) is found by verifyAuditChain and by `samplan audit verify`.
 *
 * The tests share one seeded database (in-memory PGlite, or a new PostgreSQL database when
 * DATABASE_URL is set). Each tampering is committed, so that verification sees it as anyone
 * would, and is undone afterwards from a copy of the seeded chain taken before the first test.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKANE } from '../../src/seed/demo-organisation.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { systemClock } from '../../src/services/context.ts';
import { appendAudit, verifyAuditChain, type AuditEvent } from '../../src/store/audit.ts';
import { openDatabase, type Database, type Queryable } from '../../src/store/database.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** Runs `sql` in one committed transaction with the triggers switched off (a superuser's tampering). */
async function bypassingTriggers(db: Database, sql: string, params: readonly unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    // LOCAL: ends with the transaction, so a pooled PostgreSQL connection does not keep it.
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

/** The seq of every row of a county, by lane, in chain order. */
async function lanesOf(db: Queryable, county: string): Promise<Map<number, number[]>> {
  const rows = await db.query<{ lane: number; seq: number }>('SELECT lane, seq FROM audit_events WHERE county = $1 ORDER BY seq', [county]);
  const lanes = new Map<number, number[]>();
  for (const r of rows) lanes.set(r.lane, [...(lanes.get(r.lane) ?? []), r.seq]);
  return lanes;
}

/** A seq from the middle of a county's rows (a row that exists). */
async function middleSeq(db: Queryable, county: string): Promise<number> {
  const [row] = await db.query<{ seq: number }>(
    'SELECT seq FROM audit_events WHERE county = $1 ORDER BY seq OFFSET (SELECT count(*) / 2 FROM audit_events WHERE county = $1) LIMIT 1', [county]);
  return row!.seq;
}

const countRows = async (db: Queryable) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))[0]!.n;

describe('the audit hash chain', () => {
  let database: TestDatabase;
  let db: Database;
  /** Rows in the seeded database. */
  let total: number;
  /** In the demo county's longest lane: its rows in order, and a row from its middle. */
  let lane: number[];
  let middle: number;
  /** The row after `middle` in that lane, and the lane's last row. */
  let afterMiddle: number;
  let last: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedDemo({ db, clock: systemClock });
    total = await countRows(db);
    lane = [...(await lanesOf(db, SKANE)).values()].sort((a, b) => b.length - a.length)[0]!;
    expect(lane.length).toBeGreaterThan(4);
    middle = lane[Math.floor(lane.length / 2)]!;
    afterMiddle = lane[Math.floor(lane.length / 2) + 1]!;
    last = lane.at(-1)!;
    await db.query('CREATE TABLE test_audit_events_copy AS SELECT * FROM audit_events');
    await db.query('CREATE TABLE test_audit_chain_heads_copy AS SELECT * FROM audit_chain_heads');
  });

  afterAll(async () => {
    await database?.drop();
  });

  /** Puts the seeded chain back, around the triggers, after whatever a test did to it. */
  afterEach(async () => {
    await db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query('DELETE FROM audit_events');
      await tx.query('INSERT INTO audit_events SELECT * FROM test_audit_events_copy');
      await tx.query('DELETE FROM audit_chain_heads');
      await tx.query('INSERT INTO audit_chain_heads SELECT * FROM test_audit_chain_heads_copy');
    });
  });

  /** Every test starts from the whole seeded chain. */
  beforeEach(async () => {
    expect(await verifyAuditChain(db)).toEqual({ rows: total, breaks: [] });
  });

  it('is whole after seeding, with rows in it', async () => {
    const { rows, breaks } = await verifyAuditChain(db);
    expect(rows).toBeGreaterThan(0);
    expect(breaks).toEqual([]);
    // Every row is counted, and each lane's head points at the lane's last row.
    expect(rows).toBe(await countRows(db));
    for (const [n, seqs] of await lanesOf(db, SKANE)) {
      const [head] = await db.query<{ seq: number }>('SELECT seq FROM audit_chain_heads WHERE county = $1 AND lane = $2', [SKANE, n]);
      expect(head!.seq).toBe(seqs.at(-1));
    }
  });

  it('names the county and seq of a row whose detail was altered (content_altered)', async () => {
    await bypassingTriggers(db,
      `UPDATE audit_events SET detail = detail || '{"altered": true}' WHERE county = $1 AND seq = $2`, [SKANE, middle]);
    expect(await verifyAuditChain(db)).toEqual({ rows: total, breaks: [{ county: SKANE, seq: middle, problem: 'content_altered' }] });
  });

  it('names only the first broken row when several were altered', async () => {
    await bypassingTriggers(db,
      `UPDATE audit_events SET detail = detail || '{"altered": true}' WHERE county = $1 AND seq IN ($2, $3, $4)`,
      [SKANE, middle, afterMiddle, last]);
    expect((await verifyAuditChain(db)).breaks).toEqual([{ county: SKANE, seq: middle, problem: 'content_altered' }]);
  });

  it('finds a time moved by one microsecond as well as an altered detail', async () => {
    await bypassingTriggers(db,
      `UPDATE audit_events SET recorded_at = recorded_at + interval '1 microsecond' WHERE county = $1 AND seq = $2`, [SKANE, middle]);
    expect((await verifyAuditChain(db)).breaks).toEqual([{ county: SKANE, seq: middle, problem: 'content_altered' }]);
  });

  it('names the next row when the altered row was given a matching hash (link_broken)', async () => {
    await bypassingTriggers(db,
      `UPDATE audit_events SET detail = detail || '{"altered": true}' WHERE county = $1 AND seq = $2`, [SKANE, middle]);
    await bypassingTriggers(db,
      `UPDATE audit_events e SET hash = sha256(e.prev_hash || convert_to(audit_canonical(e.county, e.seq, e.recorded_at, e.actor_kind, e.actor_id, e.actor_unit_id, e.actor_role, e.action, e.event, e.plan_id, e.person_id, e.outcome, e.network_address, e.protected_identity, e.detail), 'UTF8')) WHERE county = $1 AND seq = $2`,
      [SKANE, middle]);
    expect((await verifyAuditChain(db)).breaks).toEqual([{ county: SKANE, seq: afterMiddle, problem: 'link_broken' }]);
  });

  it('names the row after a row deleted from the middle', async () => {
    await bypassingTriggers(db, 'DELETE FROM audit_events WHERE county = $1 AND seq = $2', [SKANE, middle]);
    expect(await verifyAuditChain(db)).toEqual({ rows: total - 1, breaks: [{ county: SKANE, seq: afterMiddle, problem: 'link_broken' }] });
  });

  it('names the second row of a lane when its first row was deleted', async () => {
    await bypassingTriggers(db, 'DELETE FROM audit_events WHERE county = $1 AND seq = $2', [SKANE, lane[0]]);
    expect((await verifyAuditChain(db)).breaks).toEqual([{ county: SKANE, seq: lane[1], problem: 'link_broken' }]);
  });

  it('reports head_mismatch when the last row was removed', async () => {
    await bypassingTriggers(db, 'DELETE FROM audit_events WHERE county = $1 AND seq = $2', [SKANE, last]);
    expect(await verifyAuditChain(db)).toEqual({ rows: total - 1, breaks: [{ county: SKANE, seq: last, problem: 'head_mismatch' }] });
  });

  it('reports head_mismatch for every lane when a whole county chain was removed', async () => {
    const lastOfEachLane = [...(await lanesOf(db, SKANE)).values()].map((seqs) => seqs.at(-1)!).sort((a, b) => a - b);
    await bypassingTriggers(db, 'DELETE FROM audit_events WHERE county = $1', [SKANE]);
    const skaneRows = [...(await lanesOf(db, SKANE)).values()].flat().length;
    expect(skaneRows).toBe(0);
    expect((await verifyAuditChain(db)).breaks).toEqual(lastOfEachLane.map((seq) => ({ county: SKANE, seq, problem: 'head_mismatch' })));
  });

  it('keeps every lane whole, with nothing lost or doubled, under 50 concurrent appending transactions', async () => {
    // Two counties: the demo county, whose chain already has rows, and Stockholm ('01'), whose chain starts here.
    const OTHER = '01';
    const event = (county: string, call: number, part: number): AuditEvent => ({
      county, actorKind: 'system', actorId: null, actorUnitId: null, actorRole: null, action: 'E',
      event: 'test.concurrent', planId: null, personId: null, outcome: 'success', networkAddress: null,
      protectedIdentity: false, detail: { call, part },
    });
    const countyOf = (call: number) => (call % 2 === 0 ? SKANE : OTHER);
    expect((await lanesOf(db, OTHER)).size).toBe(0);

    await Promise.all(Array.from({ length: 50 }, (_, call) =>
      db.transaction((tx) => appendAudit(tx, [event(countyOf(call), call, 0), event(countyOf(call), call, 1)]))));

    for (const county of [SKANE, OTHER]) {
      const rows = await db.query<{ seq: number; lane: number; call: number; part: number }>(
        `SELECT seq, lane, (detail->>'call')::int AS call, (detail->>'part')::int AS part
         FROM audit_events WHERE county = $1 AND event = 'test.concurrent' ORDER BY seq`, [county]);
      // Nothing lost or doubled.
      expect(rows).toHaveLength(50);
      expect(new Set(rows.map((r) => r.seq)).size).toBe(50);
      expect(new Set(rows.map((r) => r.call)).size).toBe(25);
      // The two rows of one transaction follow each other in one lane: the lane is held until commit.
      const lanes = await lanesOf(db, county);
      for (const first of rows.filter((r) => r.part === 0)) {
        const second = rows.find((r) => r.call === first.call && r.part === 1)!;
        expect(second.lane).toBe(first.lane);
        const seqs = lanes.get(first.lane)!;
        expect(seqs[seqs.indexOf(first.seq) + 1]).toBe(second.seq);
      }
      // On a server, transactions at the same time append in different lanes (PGlite runs one at a time).
      if (db.kind === 'postgres') expect(lanes.size).toBeGreaterThan(1);
    }
    const { rows, breaks } = await verifyAuditChain(db);
    expect(breaks).toEqual([]);
    expect(rows).toBe(total + 100);
  });

  /** audit_append_rows (migration 020) with system events, one per county given, detail {k}. */
  const appendRows = (tx: Queryable, refs: number[], counties: string[]) => {
    const n = counties.length;
    const fill = (value: string, type: string) => `array_fill(${value}::${type}, ARRAY[${n}])`;
    return tx.query<{ ref: number; seq: number }>(
      `SELECT ref, seq FROM audit_append_rows($1::bigint[], $2::char(2)[], ${fill("'system'", 'text')}, ${fill('NULL', 'uuid')},
         ${fill('NULL', 'uuid')}, ${fill('NULL', 'text')}, ${fill("'E'", 'char(1)')}, ${fill("'test.batch'", 'text')}, ${fill('NULL', 'uuid')},
         ${fill('NULL', 'uuid')}, ${fill("'success'", 'text')}, ${fill('NULL', 'text')}, ${fill('false', 'boolean')}, $3::jsonb[])`,
      [refs, counties, counties.map((_, k) => JSON.stringify({ k }))]);
  };

  it('appends a batch of rows of several counties in one call: each row in its county, chained in order, answered by its ref', async () => {
    const OTHER = '01';
    // Not sorted by county on purpose: the rows must still be chained right.
    const counties = [SKANE, OTHER, SKANE, SKANE, OTHER];
    const refs = [11, 12, 13, 14, 15];
    const answered = await db.transaction((tx) => appendRows(tx, refs, counties));
    expect(answered.map((r) => r.ref)).toEqual(refs);
    const seqs = answered.map((r) => r.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const stored = await db.query<{ seq: number; county: string; k: number; lane: number }>(
      "SELECT seq, county, (detail->>'k')::int AS k, lane FROM audit_events WHERE event = 'test.batch' ORDER BY seq");
    expect(stored.map((r) => [r.seq, r.county, r.k])).toEqual(seqs.map((seq, k) => [seq, counties[k], k]));
    // One transaction keeps one lane per county, and its rows follow each other in that lane.
    for (const county of [SKANE, OTHER]) {
      const mine = stored.filter((r) => r.county === county);
      expect(new Set(mine.map((r) => r.lane)).size).toBe(1);
      const laneSeqs = (await lanesOf(db, county)).get(mine[0]!.lane)!;
      expect(laneSeqs.slice(-mine.length)).toEqual(mine.map((r) => r.seq));
    }
    expect(await verifyAuditChain(db)).toEqual({ rows: total + 5, breaks: [] });
  });

  it('refuses a whole batch when one of its counties has no chain, and writes none of it', async () => {
    const refused = await db.transaction((tx) => appendRows(tx, [1, 2, 3], [SKANE, SKANE, '99'])).then(() => null, (e: Error) => e.message);
    expect(refused).toMatch(/no audit chain for county 99/);
    expect(await verifyAuditChain(db)).toEqual({ rows: total, breaks: [] });
  });
});

describe('samplan audit verify (the CLI)', () => {
  const SAMPLAN = fileURLToPath(new URL('../../bin/samplan', import.meta.url));
  const CLI_TIMEOUT = 60_000;
  /** SAMPLAN_DATA_DIR: the PGlite database (in pglite/) and the session secret. */
  let dataDir: string;
  /** On PostgreSQL, the fresh database the CLI is pointed at. */
  let pgDatabase: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  let seedRun: CliResult;

  interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
  }

  function samplan(...args: string[]): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      execFile(SAMPLAN, args, { env, timeout: CLI_TIMEOUT - 5_000 }, (error, stdout, stderr) => {
        if (!error) resolve({ code: 0, stdout, stderr });
        else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr });
        else reject(new Error(`samplan ${args.join(' ')} did not exit: ${error.message}\n${stderr}`));
      });
    });
  }

  /** Opens the database the CLI uses (for PGlite: closes it again before the CLI runs). */
  async function withCliDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
    if (pgDatabase) return work(pgDatabase.db);
    const db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samplan-cli-test-'));
    env = { ...process.env, SAMPLAN_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    if (process.env.DATABASE_URL) {
      pgDatabase = await createTestDatabase();
      env.DATABASE_URL = pgDatabase.url;
    }
    seedRun = await samplan('seed');
  }, CLI_TIMEOUT);

  afterAll(async () => {
    await pgDatabase?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds, then finds the chain whole (exit code 0)', async () => {
    expect(seedRun, seedRun.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/Demodata laddad/) });
    const verify = await samplan('audit', 'verify');
    expect(verify, verify.stderr).toMatchObject({ code: 0, stderr: '' });
    const rows = await withCliDatabase(async (db) => (await verifyAuditChain(db)).rows);
    expect(rows).toBeGreaterThan(0);
    expect(verify.stdout).toContain(`Granskningsloggen är hel: ${rows} rader, hashkedjan stämmer i varje län.`);
  }, CLI_TIMEOUT);

  it('after one row is altered, exits with 1 and names the county and the row', async () => {
    const seq = await withCliDatabase(async (db) => {
      const middle = await middleSeq(db, SKANE);
      await bypassingTriggers(db,
        `UPDATE audit_events SET detail = detail || '{"altered": true}' WHERE county = $1 AND seq = $2`, [SKANE, middle]);
      return middle;
    });
    const verify = await samplan('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.stdout).not.toMatch(/är hel/);
    expect(verify.stderr).toContain(`län ${SKANE}`);
    expect(verify.stderr).toContain(`rad nr ${seq} `);
    expect(verify.stderr).toContain('content_altered');
  }, CLI_TIMEOUT);
});

describe('a chain written before the lanes (migration 019 on an existing database)', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase({ migrateBefore: '019_audit_lanes.sql' });
    db = database.db;
    await seedDemo({ db, clock: systemClock });
  });
  afterAll(async () => { await database?.drop(); });

  it('stays whole, continues in lane 0 and goes on in lanes, with seq above every earlier row', async () => {
    const [before] = await db.query<{ n: number; max: number }>('SELECT count(*)::int AS n, max(seq)::int AS max FROM audit_events');
    expect(before!.n).toBeGreaterThan(0);
    const [oldHead] = await db.query<{ seq: number; hash: string }>("SELECT seq, encode(hash, 'hex') AS hash FROM audit_chain_heads WHERE county = $1", [SKANE]);

    await migrate(db);
    // The old rows are lane 0; lane 0's head is the old head; the other lanes start empty.
    const heads = await db.query<{ lane: number; seq: number; hash: string }>(
      "SELECT lane, seq, encode(hash, 'hex') AS hash FROM audit_chain_heads WHERE county = $1 ORDER BY lane", [SKANE]);
    expect(heads.map((h) => h.lane)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(heads[0]).toEqual({ lane: 0, seq: oldHead!.seq, hash: oldHead!.hash });
    expect(heads.slice(1).every((h) => h.seq === 0)).toBe(true);
    expect(await verifyAuditChain(db)).toEqual({ rows: before!.n, breaks: [] });

    const event = (n: number): AuditEvent => ({
      county: SKANE, actorKind: 'system', actorId: null, actorUnitId: null, actorRole: null, action: 'E',
      event: 'test.after_upgrade', planId: null, personId: null, outcome: 'success', networkAddress: null,
      protectedIdentity: false, detail: { n },
    });
    await Promise.all(Array.from({ length: 10 }, (_, n) => db.transaction((tx) => appendAudit(tx, [event(n)]))));
    const added = await db.query<{ seq: number }>("SELECT seq::int AS seq FROM audit_events WHERE event = 'test.after_upgrade'");
    expect(added).toHaveLength(10);
    expect(Math.min(...added.map((r) => r.seq))).toBeGreaterThan(before!.max);
    expect(await verifyAuditChain(db)).toEqual({ rows: before!.n + 10, breaks: [] });
  });
});
