/**
 * The coalesced plan-read statements (docs/decisions/0012), run with batches chosen here rather
 * than by the timing of requests: a batch answers each request with its own plan or not at all,
 * exactly as the access rule says, writes one audit row per answered request, and builds and keeps
 * each plan's document once however many requests in the batch ask for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READABLE_BY_UNIT } from '../../src/access/require-plan-access.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { swedishDate, systemClock } from '../../src/services/context.ts';
import { PLAN_READS_SQL } from '../../src/services/plans/get-plan.ts';
import { planReadsParameters, type PlanReadRequest } from '../../src/store/plan-document.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

interface Answer { i: number; doc: string | null; audit_seq: number | null; content_stamp: number }
interface Reader { staffId: string; unitId: string; role: string; county: string; hsaId: string }

describe('the coalesced plan-read statements', () => {
  let database: TestDatabase;
  let readers: Reader[];
  let plans: { county: string; id: string }[];
  const today = swedishDate(new Date());
  const tomorrow = swedishDate(new Date(Date.now() + 86_400_000));

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo({ db: database.db, clock: systemClock });
    readers = await database.db.query<Reader>(
      `SELECT s.id AS "staffId", m.unit_id AS "unitId", m.role, s.county, s.hsa_id AS "hsaId"
       FROM staff s JOIN memberships m ON m.county = s.county AND m.staff_id = s.id AND m.active
       WHERE s.hsa_id IN ('SE2120001290-S01', 'SE2321000255-B01', 'SE2120001280-S01', 'SE2120001290-K01') ORDER BY s.hsa_id`);
    expect(readers).toHaveLength(4);
    plans = await database.db.query('SELECT county, id FROM plans ORDER BY plan_number');
    expect(plans.length).toBeGreaterThanOrEqual(5);
  });
  afterAll(() => database?.drop());

  /** Every reader asks for every plan (each plan twice by the first reader), on `day`. */
  const everyRequest = (day: string): PlanReadRequest[] => readers.flatMap((r, n) => plans.flatMap((p) =>
    Array.from({ length: n === 0 ? 2 : 1 }, () => ({ county: p.county, planId: p.id, today: day, unitId: r.unitId, networkAddress: '192.0.2.7',
      staffId: r.staffId, role: r.role, heldStamp: -1, heldDay: '1900-01-01' }))));

  /** Which (unit, plan) pairs the access rule lets read, by the bulk form used for lists. */
  async function readable(day: string): Promise<Set<string>> {
    const rows = await database.db.query<{ key: string }>(
      `SELECT u.unit_id::text || ' ' || p.id::text AS key FROM unnest($1::uuid[]) AS u(unit_id)
       JOIN plans p ON ${READABLE_BY_UNIT('u.unit_id', '$2')}`, [readers.map((r) => r.unitId), day]);
    return new Set(rows.map((r) => r.key));
  }

  const successRows = async () => (await database.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_events WHERE event = 'plan.read' AND outcome = 'success'"))[0]!.n;

  it('builds in one statement: each readable request answered with its own plan and one audit row, each document built and kept once', async () => {
    const requests = everyRequest(tomorrow);
    const allowed = await readable(tomorrow);
    const expected = requests.map((q) => allowed.has(`${q.unitId} ${q.planId}`));
    expect(expected.filter(Boolean).length).toBeGreaterThan(requests.length / 4);
    expect(expected.filter((e) => !e).length).toBeGreaterThan(0);
    const before = await successRows();

    const rows = await database.db.query<Answer>(PLAN_READS_SQL.building, planReadsParameters(requests));
    expect(rows).toHaveLength(expected.filter(Boolean).length);

    const byRequest = new Map(rows.map((r) => [r.i, r]));
    requests.forEach((q, k) => {
      const row = byRequest.get(k + 1);
      if (!expected[k]) return expect(row, `request ${k + 1} should be refused`).toBeUndefined();
      expect(row?.audit_seq, `request ${k + 1}`).toBeGreaterThan(0);
      expect(JSON.parse(row!.doc!).id).toBe(q.planId);
    });
    expect(await successRows()).toBe(before + expected.filter(Boolean).length);
    const readPlans = new Set(requests.filter((_, k) => expected[k]).map((q) => q.planId));
    const kept = await database.db.query<{ plan_id: string }>('SELECT plan_id FROM plan_documents WHERE day = $1', [tomorrow]);
    expect(kept.map((k) => k.plan_id).sort()).toEqual([...readPlans].sort());
    expect(await database.db.query('SELECT * FROM audit_verify()')).toEqual([]);
  });

  it('then answers the same batch from the kept documents, and the copies a caller holds with no document at all', async () => {
    const requests = everyRequest(tomorrow);
    const allowed = await readable(tomorrow);
    const stamps = new Map((await database.db.query<{ id: string; content_stamp: number }>('SELECT id, content_stamp FROM plans')).map((p) => [p.id, p.content_stamp]));
    // Every other request holds a current copy.
    const asked = requests.map((q, k) => (k % 2 === 0 ? q : { ...q, heldStamp: stamps.get(q.planId)!, heldDay: tomorrow }));
    const before = await successRows();

    const rows = await database.db.query<Answer>(PLAN_READS_SQL.kept, planReadsParameters(asked));

    const byRequest = new Map(rows.map((r) => [r.i, r]));
    let answered = 0;
    asked.forEach((q, k) => {
      const row = byRequest.get(k + 1);
      if (!allowed.has(`${q.unitId} ${q.planId}`)) return expect(row).toBeUndefined();
      answered++;
      expect(row!.audit_seq).toBeGreaterThan(0);
      if (k % 2 === 0) expect(JSON.parse(row!.doc!).id).toBe(q.planId);
      else expect(row!.doc).toBeNull();
    });
    expect(rows).toHaveLength(answered);
    expect(await successRows()).toBe(before + answered);
  });

  it('in the kept statement, a request whose document is not kept for its day is neither answered nor audited', async () => {
    const allowed = await readable(today);
    const requests = everyRequest(today).filter((q) => allowed.has(`${q.unitId} ${q.planId}`)).slice(0, 6);
    const before = await successRows();
    const rows = await database.db.query<Answer>(PLAN_READS_SQL.kept, planReadsParameters(requests));
    const notKept = rows.filter((r) => r.audit_seq === null);
    // Today's documents were never built here (only tomorrow's): every readable request must go on to the building statement.
    expect(requests.length).toBeGreaterThan(1);
    expect(rows).toHaveLength(requests.length);
    expect(notKept).toHaveLength(rows.length);
    expect(notKept.every((r) => r.doc === null)).toBe(true);
    expect(await successRows()).toBe(before);
  });
});
