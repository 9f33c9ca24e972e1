/**
 * The kept facts and sums of the key figures (migration 018) give exactly the figures computed from
 * the plans (facts-sql.ts), on the synthetic national set: every figure, by county and by
 * municipality, by month, quarter and year, for a county and for the whole country, to a manager
 * and to an analyst, on days that split a month; and still after the plans change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { generateSynthetic } from '../../src/seed/synthetic/generate.ts';
import { computeKeyFigures, type ComputeOptions } from '../../src/services/key-figures/compute-key-figures.ts';
import type { Actor, Context } from '../../src/services/context.ts';
import type { Dimension, Grain } from '../../src/domain/key-figures.ts';

describe('key figures from the kept facts', () => {
  let t: TestDatabase;
  let manager: Actor;
  let analyst: Actor;
  const at = (day: string): Context => ({ db: t.db, clock: { now: () => new Date(`${day}T10:00:00+01:00`) } });

  beforeAll(async () => {
    t = await createTestDatabase();
    await generateSynthetic(t.db, { plans: 700, seed: 'facts', anchorDay: '2026-11-10', batchSize: 350 });
    // The manager of the social services in the county's municipality with the most plans.
    const [m] = await t.db.query<{ county: string; staffId: string; unitId: string; principalId: string }>(
      `SELECT u.county, ms.staff_id AS "staffId", u.id AS "unitId", u.principal_id AS "principalId"
       FROM units u JOIN memberships ms ON ms.county = u.county AND ms.unit_id = u.id AND ms.role = 'manager'
       WHERE u.kind = 'social_services_children' AND u.county = '01'
       ORDER BY (SELECT count(*) FROM plan_participants pp WHERE pp.county = u.county AND pp.unit_id = u.id) DESC LIMIT 1`);
    manager = { kind: 'staff', ...m!, role: 'manager', name: 'Chef', networkAddress: null } as Actor;
    analyst = { ...manager, role: 'analyst' } as Actor;
  }, 300_000);
  afterAll(() => t.drop());

  async function same(day: string, o: Omit<ComputeOptions, 'actor'> & { actor: Actor }): Promise<number> {
    const ctx = at(day);
    const kept = await computeKeyFigures(ctx, o);
    const computed = await computeKeyFigures(ctx, { ...o, computed: true });
    expect(kept, `${day} ${o.actor.role} ${o.dimension} ${o.grain} ${o.scope ?? 'county'} ${o.from}–${o.to}`).toEqual(computed);
    return kept.cells.filter((c) => c.suppressed).length;
  }

  async function everyView(day: string): Promise<number> {
    let suppressed = 0;
    for (const actor of [manager, analyst]) {
      for (const dimension of ['county', 'municipality'] as Dimension[]) {
        for (const grain of ['month', 'quarter', 'year'] as Grain[]) {
          suppressed += await same(day, { actor, dimension, grain, from: '2026-01-01', to: '2026-12-31' });
        }
        suppressed += await same(day, { actor, dimension, grain: 'quarter', from: '2024-01-01', to: '2025-12-31' });
        suppressed += await same(day, { actor, dimension, grain: 'year', from: '2023-01-01', to: '2026-12-31', scope: 'national' });
      }
    }
    return suppressed;
  }

  it('agree on every figure and view, also on days that split a month', async () => {
    // Some figures are suppressed and some entitled: the comparison covers both.
    expect(await everyView('2026-11-10')).toBeGreaterThan(0);
    await everyView('2026-10-17');
  }, 300_000);

  it('agree after the plans change, the changes marked in the writing transactions', async () => {
    const q = (sql: string) => t.db.query(sql);
    // A coordinator leaves; a follow-up is held; an intervention is done; a plan is closed;
    // a unit leaves a plan; then a unit moves to another municipality (the county summed anew).
    await q(`UPDATE staff SET active = false WHERE id = (SELECT coordinator_staff_id FROM plans WHERE county = '01' AND state = 'established' ORDER BY id LIMIT 1)`);
    await q(`INSERT INTO follow_ups (county, id, plan_id, due_on, held_on, next_due_on, new_version, recorded_by)
             SELECT county, gen_random_uuid(), id, '2026-11-01', '2026-11-03', '2027-02-01', plan_version + 1, coordinator_staff_id
             FROM plans WHERE county = '01' AND state = 'established' ORDER BY id OFFSET 3 LIMIT 1`);
    await q(`UPDATE interventions SET status = 'done', done_on = due_on WHERE id = (SELECT id FROM interventions WHERE county = '01' AND status = 'ongoing' ORDER BY id LIMIT 1)`);
    await q(`UPDATE meetings SET child_present = NOT child_present WHERE id IN (SELECT id FROM meetings WHERE county = '01' ORDER BY id LIMIT 5)`);
    await q(`UPDATE plan_participants SET active = false WHERE id = (SELECT id FROM plan_participants WHERE county = '01' AND kind = 'unit' ORDER BY id LIMIT 1)`);
    const [stale] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM key_figure_stale WHERE county = '01'`);
    expect(stale!.n).toBeGreaterThan(0);
    await everyView('2026-11-10');
    const [after] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM key_figure_stale WHERE county = '01'`);
    expect(after!.n).toBe(0);
    await q(`UPDATE units SET municipality_code = (SELECT code FROM municipalities WHERE county = '01' ORDER BY code DESC LIMIT 1)
             WHERE id = (SELECT id FROM units WHERE county = '01' AND kind = 'school' ORDER BY id LIMIT 1)`);
    await everyView('2026-11-10');
  }, 300_000);
});
