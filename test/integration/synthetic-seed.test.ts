/**
 * The synthetic national data set (issue 7 item 6) on a small N: every region and municipality,
 * valid identity numbers in the test series, the states and the process spread, deterministic,
 * idempotent, and refused on a database with other data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { generateSynthetic, SyntheticRefusal } from '../../src/seed/synthetic/generate.ts';
import { parseIdentityNumber } from '../../src/domain/identity-number.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { systemClock } from '../../src/services/context.ts';

const N = 600;
const OPTIONS = { plans: N, seed: 'test', anchorDay: '2026-11-01', batchSize: 250 };

describe('samplan seed --synthetic', () => {
  let t: TestDatabase;
  const q = <R,>(sql: string, params: unknown[] = []) => t.db.query<R>(sql, params);
  const progress: number[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    // Every foreign key checked row by row here; the fast path (the default) is compared below.
    const r = await generateSynthetic(t.db, { ...OPTIONS, checkForeignKeys: true, onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({ status: 'generated', plans: N, counties: 21, municipalities: 290 });
  }, 120_000);
  afterAll(() => t.drop());

  it('reports progress batch by batch', () => {
    expect(progress).toEqual([250, 500, 600]);
  });

  it('covers all 21 regions and 290 municipalities, with principals, units of every kind, staff and a steering group each', async () => {
    const [c] = await q<{ regions: number; municipalities: number; agreements: number; kinds: number; planMunicipalities: number; counties: number }>(
      `SELECT (SELECT count(*)::int FROM principals WHERE kind = 'region') AS regions,
              (SELECT count(DISTINCT municipality_code)::int FROM principals WHERE kind = 'municipality') AS municipalities,
              (SELECT count(*)::int FROM local_agreements) AS agreements,
              (SELECT count(DISTINCT kind)::int FROM units) AS kinds,
              (SELECT count(DISTINCT u.municipality_code)::int FROM plans p JOIN units u ON u.county = p.county AND u.id = p.initiating_unit_id) AS "planMunicipalities",
              (SELECT count(DISTINCT county)::int FROM plans) AS counties`);
    expect(c).toEqual({ regions: 21, municipalities: 290, agreements: 290, kinds: 10, planMunicipalities: 290, counties: 21 });
    const [noManager] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM units u WHERE cardinality(unit_managers(u.county, u.id)) = 0`);
    expect(noManager!.n).toBe(0);
    const [noSteering] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM local_agreements a WHERE NOT EXISTS (SELECT 1 FROM steering_group_members s WHERE s.county = a.county AND s.agreement_id = a.id)`);
    expect(noSteering!.n).toBe(0);
  });

  it('gives every person a valid personnummer in the test series 980–999, unique in the county', async () => {
    const persons = await q<{ identity_number: string; birth_date: string }>('SELECT identity_number, birth_date::text FROM persons');
    expect(persons.length).toBeGreaterThan(N * 2);
    for (const p of persons) {
      const parsed = parseIdentityNumber(p.identity_number, { today: '2026-11-01' });
      expect(parsed.ok, p.identity_number).toBe(true);
      expect(Number(p.identity_number.slice(8, 11))).toBeGreaterThanOrEqual(980);
      expect(p.identity_number.slice(0, 8)).toBe(p.birth_date.replaceAll('-', ''));
    }
  });

  it('spreads the plans over every state and the process over its outcomes', async () => {
    const states = Object.fromEntries((await q<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM plans GROUP BY state')).map((r) => [r.state, r.n]));
    for (const s of ['initiated', 'invited', 'mapped', 'established', 'evaluated', 'closed', 'cancelled']) expect(states[s], s).toBeGreaterThan(5);
    const [f] = await q<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM follow_ups WHERE held_on <= due_on) AS on_time, (SELECT count(*)::int FROM follow_ups WHERE held_on > due_on) AS late,
              (SELECT count(*)::int FROM meetings WHERE child_present) AS with_child, (SELECT count(*)::int FROM meetings WHERE NOT child_present) AS without_child,
              (SELECT count(*)::int FROM interventions WHERE status = 'done' AND done_on <= due_on) AS done_on_time,
              (SELECT count(*)::int FROM interventions WHERE (status = 'done' AND done_on > due_on) OR (status IN ('planned', 'ongoing') AND due_on < '2026-11-01')) AS late_interventions,
              (SELECT count(*)::int FROM consents WHERE NOT sufficient) AS refused, (SELECT count(*)::int FROM consents WHERE withdrawn_at IS NOT NULL) AS withdrawn,
              (SELECT count(*)::int FROM invitees WHERE answer = 'declined') AS declined, (SELECT count(*)::int FROM plan_coordinator_changes) AS coordinator_changes,
              (SELECT count(*)::int FROM meetings WHERE by_video) AS video`);
    for (const [k, v] of Object.entries(f!)) expect(v, k).toBeGreaterThan(0);
    const deviations = Object.fromEntries((await q<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM deviations GROUP BY status')).map((r) => [r.status, r.n]));
    expect(Object.keys(deviations).length).toBeGreaterThanOrEqual(4);
    const [d] = await q<{ general: number; onPlan: number; units: number }>(
      `SELECT count(*) FILTER (WHERE plan_id IS NULL)::int AS general, count(*) FILTER (WHERE plan_id IS NOT NULL)::int AS "onPlan",
              (SELECT count(*)::int FROM deviation_units) AS units FROM deviations`);
    expect(d!.general).toBeGreaterThan(0);
    expect(d!.onPlan).toBeGreaterThan(0);
    expect(d!.units).toBeGreaterThanOrEqual(d!.general + d!.onPlan);
  });

  it('keeps the lifecycle: every state change is an allowed transition, ending in the plan\'s state', async () => {
    const [bad] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM plans p WHERE p.state <> (SELECT c.to_state FROM plan_state_changes c WHERE c.county = p.county AND c.plan_id = p.id ORDER BY c.at DESC, c.to_state = 'cancelled' DESC LIMIT 1)`);
    expect(bad!.n).toBe(0);
  });

  it('does nothing when run again with the same seed, and refuses another set', async () => {
    const before = await q<{ n: number }>('SELECT count(*)::int AS n FROM plans');
    expect((await generateSynthetic(t.db, OPTIONS)).status).toBe('already_present');
    expect(await q<{ n: number }>('SELECT count(*)::int AS n FROM plans')).toEqual(before);
    await expect(generateSynthetic(t.db, { ...OPTIONS, seed: 'other' })).rejects.toBeInstanceOf(SyntheticRefusal);
  });

  it('is deterministic: the same seed gives the same rows, whatever the batch size or the write path', async () => {
    const other = await createTestDatabase();
    try {
      await generateSynthetic(other.db, { ...OPTIONS, plans: 300, batchSize: 300, checkForeignKeys: true });
      const small = await createTestDatabase();
      try {
        await generateSynthetic(small.db, { ...OPTIONS, plans: 300, batchSize: 64 });
        const digest = (db: typeof t.db) => db.query<{ d: string }>(
          `SELECT md5(string_agg(p.id::text || p.plan_number || p.state || c.identity_number, ',' ORDER BY p.id)) AS d FROM plans p JOIN persons c ON c.county = p.county AND c.id = p.child_id`);
        expect(await digest(small.db)).toEqual(await digest(other.db));
      } finally { await small.drop(); }
    } finally { await other.drop(); }
  }, 120_000);

  it('refuses a database with data that is not synthetic (the demo, or real plans)', async () => {
    const demo = await createTestDatabase();
    try {
      await seedDemo({ db: demo.db, clock: systemClock });
      await expect(generateSynthetic(demo.db, { ...OPTIONS, plans: 10 })).rejects.toThrow(/inte är syntetiska/);
      expect((await demo.db.query<{ n: number }>("SELECT count(*)::int AS n FROM plans WHERE plan_number LIKE 'SYN-%'"))[0]!.n).toBe(0);
    } finally { await demo.drop(); }
  }, 60_000);
});
