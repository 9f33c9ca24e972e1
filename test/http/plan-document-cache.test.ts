/**
 * The plan document is kept between reads (migration 007); these tests make sure a reader never
 * gets a stale one: not after a change, and not on a later day (overdue flags follow the date).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { coalescedReadCounts } from '../../src/services/plans/get-plan.ts';
import { swedishDate } from '../../src/services/context.ts';

describe('the kept plan document', () => {
  let t: TestApp;
  let social: Client;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp();
    social = await t.as(DEMO.socialWorkerKristianstad);
    planId = (await t.ctx.db.query<{ id: string }>("SELECT id FROM plans WHERE state = 'established' AND plan_number = 'SIP-' || to_char(now(), 'YYYY') || '-000001'"))[0]!.id;
  });
  afterAll(() => t.close());

  it('is built once and then reused while nothing changes', async () => {
    const first = await social.get(`/api/plans/${planId}`);
    const kept = await t.ctx.db.query<{ stamp: number }>('SELECT stamp FROM plan_documents WHERE plan_id = $1', [planId]);
    expect(kept).toHaveLength(1);
    const second = await social.get(`/api/plans/${planId}`);
    expect(second.body).toBe(first.body);
    // Each read is still audited.
    const reads = await t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE plan_id = $1 AND event = 'plan.read' AND outcome = 'success'", [planId]);
    expect(reads[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('shows a change at once, to every unit', async () => {
    const plan = (await social.get(`/api/plans/${planId}`)).json();
    const goal = plan.goals[0];
    const res = await social.patch(`/api/plans/${planId}/goals/${goal.id}`, { childWords: 'Jag vill orka hela skoldagen.' }, { 'if-match': `"${goal.version}"` });
    expect(res.statusCode).toBe(200);
    const bup = await t.as(DEMO.psychologistBup);
    for (const client of [social, bup]) {
      expect((await client.get(`/api/plans/${planId}`)).json().goals[0].childWords).toBe('Jag vill orka hela skoldagen.');
    }
  });

  it('writes exactly one audit row per read, whether the document is built, kept or held', async () => {
    const count = async () => (await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE plan_id = $1 AND event = 'plan.read' AND outcome = 'success'", [planId]))[0]!.n;
    const plan = (await social.get(`/api/plans/${planId}`)).json();
    const goal = plan.goals[0];
    expect((await social.patch(`/api/plans/${planId}/goals/${goal.id}`, { childWords: 'Jag vill sova bättre.' }, { 'if-match': `"${goal.version}"` })).statusCode).toBe(200);
    const before = await count();
    const bup = await t.as(DEMO.psychologistBup);
    // The first read after the change builds the document; the next ones find it kept.
    for (const client of [social, bup, social, bup]) expect((await client.get(`/api/plans/${planId}`)).statusCode).toBe(200);
    expect(await count()).toBe(before + 4);
  });

  it('stops the reads of someone whose membership ended at once, though their session and assignment are still trusted', async () => {
    const bup = await t.as(DEMO.psychologistBup);
    expect((await bup.get(`/api/plans/${planId}`)).statusCode).toBe(200);
    const count = async () => (await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE plan_id = $1 AND event = 'plan.read' AND outcome = 'success'", [planId]))[0]!.n;
    const before = await count();
    // Ended by an administrator in another process: this one has just checked the membership.
    const ended = await t.ctx.db.query("UPDATE memberships SET active = false WHERE staff_id = (SELECT id FROM staff WHERE hsa_id = $1) RETURNING 1", [DEMO.psychologistBup]);
    expect(ended.length).toBeGreaterThan(0);
    try {
      const res = await bup.get(`/api/plans/${planId}`);
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain('"goals"');
      expect(await count()).toBe(before);
    } finally {
      await t.ctx.db.query("UPDATE memberships SET active = true WHERE staff_id = (SELECT id FROM staff WHERE hsa_id = $1)", [DEMO.psychologistBup]);
    }
  });

  /**
   * Sends reads of every plan social can read, three by social, one by BUP of the shared plan, and
   * one by Malmö (not taking part) of each, all at once; checks every answer and audit row, and
   * returns how many reads and statements the kept and the building reads took.
   */
  async function readAllAtOnce(plans: string[]) {
    const bup = await t.as(DEMO.psychologistBup);
    const malmo = await t.as(DEMO.socialWorkerMalmo);
    const outcomes = async () => new Map((await t.ctx.db.query<{ key: string; n: number }>(
      "SELECT plan_id || ' ' || outcome || ' ' || actor_id AS key, count(*)::int AS n FROM audit_events WHERE event = 'plan.read' GROUP BY 1")).map((r) => [r.key, r.n]));
    const before = await outcomes();
    const countsBefore = coalescedReadCounts(t.ctx.db);

    type Who = 'social' | 'bup' | 'malmo';
    const asked: [Who, string][] = plans.flatMap((id) => [['social', id], ['social', id], ['malmo', id], ['social', id], ...(id === planId ? [['bup', id]] : [])] as [Who, string][]);
    const clients = { social, bup, malmo } as const;
    const answers = await Promise.all(asked.map(([who, id]) => clients[who].get(`/api/plans/${id}`)));

    answers.forEach((res, k) => {
      const [who, id] = asked[k]!;
      if (who === 'malmo') {
        expect(res.statusCode, `Malmö, ${id}`).toBe(404);
        expect(res.body).not.toContain('"goals"');
      } else {
        expect(res.statusCode, `${who}, ${id}`).toBe(200);
        expect(res.json().id, `${who} asked for ${id}`).toBe(id);
      }
    });
    const after = await outcomes();
    const staffIds = { social: await t.staffId(DEMO.socialWorkerKristianstad), bup: await t.staffId(DEMO.psychologistBup), malmo: await t.staffId(DEMO.socialWorkerMalmo) };
    const expected = new Map<string, number>();
    for (const [who, id] of asked) {
      const key = `${id} ${who === 'malmo' ? 'denied' : 'success'} ${staffIds[who]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (const [key, n] of expected) expect((after.get(key) ?? 0) - (before.get(key) ?? 0), key).toBe(n);
    expect([...after.values()].reduce((a, b) => a + b, 0) - [...before.values()].reduce((a, b) => a + b, 0)).toBe(asked.length);
    expect(await t.ctx.db.query<{ problem: string }>('SELECT problem FROM audit_verify()')).toEqual([]);
    const counts = coalescedReadCounts(t.ctx.db);
    const delta = (k: 'kept' | 'building') => ({
      requests: counts[k].requests - countsBefore[k].requests, batches: counts[k].batches - countsBefore[k].batches });
    return { asked: asked.length, kept: delta('kept'), building: delta('building') };
  }

  /** The plans social may read (of the first hundred listed). */
  async function readablePlans(): Promise<string[]> {
    const listed = ((await social.get('/api/plans?pageSize=100')).json().items as { id: string }[]).map((p) => p.id);
    const plans = [];
    for (const id of listed) if ((await social.get(`/api/plans/${id}`)).statusCode === 200) plans.push(id);
    expect(plans.length).toBeGreaterThanOrEqual(2);
    return plans;
  }

  it('answers reads sent at the same moment, coalesced, each with its own plan and its own audit row; a refusal among them stays a refusal', async () => {
    const run = await readAllAtOnce(await readablePlans());
    // Every read went through the kept statement (Malmö's too, refused there), in fewer statements than reads.
    expect(run.kept.requests).toBe(run.asked);
    expect(run.kept.batches).toBeLessThan(run.asked);
    expect(run.building.requests).toBe(0);
  });

  it('builds the documents of a new day once per plan when their first reads come at the same moment', async () => {
    const plans = await readablePlans();
    t.clock.offsetMs = 86_400_000;
    try {
      const run = await readAllAtOnce(plans);
      // No document of the new day was kept: the reads built them (how many in one statement
      // depends on timing here; test/integration/plan-reads.test.ts builds a batch of its own).
      expect(run.building.requests).toBeGreaterThanOrEqual(plans.length);
      // One document kept per plan, of the new day, though several reads of one plan were built in one statement.
      const kept = await t.ctx.db.query<{ plan_id: string; day: string }>('SELECT plan_id, day FROM plan_documents WHERE plan_id = ANY($1::uuid[])', [plans]);
      expect(kept.map((k) => k.plan_id).sort()).toEqual([...plans].sort());
      expect(new Set(kept.map((k) => k.day))).toEqual(new Set([swedishDate(t.clock.now())]));
    } finally {
      t.clock.offsetMs = 0;
    }
  });

  it('follows the date: an intervention becomes overdue on the day after its due date', async () => {
    const plan = (await social.get(`/api/plans/${planId}`)).json();
    const open = plan.interventions.filter((i: any) => !i.overdue && ['planned', 'ongoing'].includes(i.status));
    expect(open.length).toBeGreaterThan(0);
    const latest = open.map((i: any) => i.dueOn).sort().at(-1) as string;
    const daysAhead = Math.ceil((Date.parse(latest) - Date.now()) / 86_400_000) + 2;
    t.clock.offsetMs = daysAhead * 86_400_000;
    const later = (await social.get(`/api/plans/${planId}`)).json();
    t.clock.offsetMs = 0;
    for (const i of open) expect(later.interventions.find((x: any) => x.id === i.id).overdue).toBe(true);
  });
});
