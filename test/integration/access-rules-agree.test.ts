/**
 * The access rule exists twice: typed, in decidePlanAccess (src/access/plan-permissions.ts), and
 * as SQL for reading in bulk and in one statement (READABLE_FROM_FACTS in
 * src/access/require-plan-access.ts). This test evaluates the SQL for every combination of facts
 * and compares it with the typed decision, so that the two cannot drift apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decidePlanAccess } from '../../src/access/plan-permissions.ts';
import { READABLE_FROM_FACTS } from '../../src/access/require-plan-access.ts';
import { PLAN_STATES, isOpen } from '../../src/domain/plan-lifecycle.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const UNIT = '00000000-0000-7000-8000-000000000001';
const OTHER = '00000000-0000-7000-8000-000000000002';

describe('the SQL form of the read rule agrees with decidePlanAccess', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(() => database.drop());

  it('for every combination of participation, consent, initiating unit and state', async () => {
    const combos = [];
    for (const participates of [false, true])
      for (const covered of [false, true])
        for (const anyConsent of [false, true])
          for (const initiating of [UNIT, OTHER])
            for (const state of PLAN_STATES) combos.push({ participates, covered, anyConsent, initiating, state });
    const sql = `SELECT f.n, ${READABLE_FROM_FACTS({ participates: 'f.participates', covered: 'f.covered', anyConsent: 'f.any_consent', initiatingUnit: 'f.initiating_unit_id', state: 'f.state' }, '$2::uuid')} AS readable
      FROM jsonb_to_recordset($1::jsonb) AS f(n int, participates boolean, covered boolean, any_consent boolean, initiating_unit_id uuid, state text)
      ORDER BY f.n`;
    const rows = await database.db.query<{ n: number; readable: boolean }>(sql, [
      JSON.stringify(combos.map((c, n) => ({ n, participates: c.participates, covered: c.covered, any_consent: c.anyConsent, initiating_unit_id: c.initiating, state: c.state }))), UNIT]);
    expect(rows).toHaveLength(combos.length);
    const table: string[] = [];
    let disagreements = 0;
    for (const [n, c] of combos.entries()) {
      const typed = decidePlanAccess('staff', 'plan.read', {
        exists: true, participates: c.participates, coveredByConsent: c.covered, anyConsentRecorded: c.anyConsent,
        isInitiatingUnit: c.initiating === UNIT, isOpen: isOpen(c.state),
      }).allowed;
      if (typed !== rows[n]!.readable) disagreements++;
      table.push(`${c.participates ? 'P' : '-'}${c.covered ? 'C' : '-'}${c.anyConsent ? 'A' : '-'}${c.initiating === UNIT ? 'I' : '-'} ${c.state.padEnd(11)} ${typed ? 'read' : '—'}`);
    }
    expect(disagreements, table.join('\n')).toBe(0);
    // Not a tautology: some combinations allow and some refuse.
    expect(rows.filter((r) => r.readable).length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.readable).length).toBeGreaterThan(0);
  });
});
