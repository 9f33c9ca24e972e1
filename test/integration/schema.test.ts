/**
 * The database keeps us honest: the rules the domain code enforces are enforced again by the
 * schema (transition table and trigger, CHECK constraints, append-only triggers), so that a
 * direct SQL statement cannot put the data into a state the application would never produce.
 *
 * Runs on in-memory PGlite, or on a fresh PostgreSQL database when DATABASE_URL is set.
 * Every statement that changes data runs inside a transaction that is rolled back; the last
 * test checks that the seeded database is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_STATES, allowedTransitions } from '../../src/domain/plan-lifecycle.ts';
import type { PlanState } from '../../src/domain/plan-lifecycle.ts';
import { SKANE } from '../../src/seed/demo-organisation.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { systemClock } from '../../src/services/context.ts';
import type { Database, Queryable } from '../../src/store/database.ts';
import { createTestDatabase, fingerprint, type TestDatabase } from '../support/database.ts';

/** What both drivers (pg and PGlite) put on a database error. */
interface DbError {
  code?: string;
  message: string;
  constraint?: string;
}

/** Thrown to end a test transaction: everything it did is rolled back. */
class RollBack extends Error {}

let database: TestDatabase;
let db: Database;
let before: string;

/** Runs `work` in a transaction that is always rolled back; its error, or null if it succeeded. */
async function attempt(work: (tx: Queryable) => Promise<unknown>): Promise<DbError | null> {
  try {
    await db.transaction(async (tx) => {
      await work(tx);
      throw new RollBack();
    });
  } catch (error) {
    if (error instanceof RollBack) return null;
    return error as DbError;
  }
  throw new Error('unreachable: the test transaction was not rolled back');
}

/** Runs one statement in a rolled-back transaction; its error, or null if it succeeded. */
const attemptSql = (sql: string, params: readonly unknown[] = []) => attempt((tx) => tx.query(sql, params));

/** The name of the one CHECK constraint of `table` whose definition contains `fragment`. */
async function checkConstraint(table: string, fragment: string): Promise<string> {
  const rows = await db.query<{ name: string }>(
    `SELECT conname AS name FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%' || $2 || '%'`,
    [table, fragment]);
  expect(rows, `one CHECK constraint on ${table} mentioning ${fragment}`).toHaveLength(1);
  return rows[0]!.name;
}

/** The seeded demo plans, by the state the seed leaves them in (src/seed/demo-plans.ts). */
const plans = {} as Record<'initiated' | 'invited' | 'mapped' | 'established' | 'closed', string>;
/** What an established plan needs (borrowed from the demo's established plan). */
let coordinator: { staffId: string; unitId: string; principalId: string };

async function planOf(givenName: string): Promise<{ id: string; state: string }> {
  const rows = await db.query<{ id: string; state: string }>(
    `SELECT p.id, p.state FROM plans p JOIN persons c ON c.county = p.county AND c.id = p.child_id
     WHERE p.county = $1 AND c.given_name = $2`, [SKANE, givenName]);
  expect(rows, `one demo plan for ${givenName}`).toHaveLength(1);
  return rows[0]!;
}

/**
 * A direct UPDATE of the plan's state, also setting what the CHECK constraints demand of the
 * target state, so that only the transition rule can refuse it.
 */
async function moveTo(tx: Queryable, planId: string, to: PlanState): Promise<void> {
  const sets = ['state = $3'];
  const params: unknown[] = [SKANE, planId, to];
  if (to === 'established' || to === 'evaluated' || to === 'closed') {
    params.push(coordinator.staffId, coordinator.unitId, coordinator.principalId);
    sets.push('coordinator_staff_id = coalesce(coordinator_staff_id, $4)', 'coordinator_unit_id = coalesce(coordinator_unit_id, $5)',
      'overall_principal_id = coalesce(overall_principal_id, $6)', 'plan_version = greatest(plan_version, 1)',
      'established_at = coalesce(established_at, now())');
  }
  if (to === 'closed') sets.push('closed_at = now()', "closure_reason = 'other'");
  if (to === 'cancelled') sets.push("cancel_reason = 'Avbryts i testet'");
  const rows = await tx.query(`UPDATE plans SET ${sets.join(', ')} WHERE county = $1 AND id = $2 RETURNING state`, params);
  expect(rows).toHaveLength(1);
}

/** A plan in state `from`, inside `tx`: a seeded one, or one moved there by allowed steps. */
async function planIn(tx: Queryable, from: PlanState): Promise<string> {
  switch (from) {
    case 'evaluated':
      await moveTo(tx, plans.established, 'evaluated');
      return plans.established;
    case 'cancelled':
      await moveTo(tx, plans.initiated, 'cancelled');
      return plans.initiated;
    default:
      return plans[from];
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemo({ db, clock: systemClock });
  plans.established = (await planOf('Elias')).id;
  plans.initiated = (await planOf('Maja')).id;
  plans.invited = (await planOf('Noah')).id;
  plans.mapped = (await planOf('Alva')).id;
  plans.closed = (await planOf('Liam')).id;
  const [c] = await db.query<{ staffId: string; unitId: string; principalId: string }>(
    `SELECT coordinator_staff_id AS "staffId", coordinator_unit_id AS "unitId", overall_principal_id AS "principalId"
     FROM plans WHERE county = $1 AND id = $2`, [SKANE, plans.established]);
  coordinator = c!;
  before = await fingerprint(db);
});

afterAll(async () => {
  await database?.drop();
});

describe('the plan lifecycle in the database', () => {
  it('seeds plans in the states the tests rely on', async () => {
    expect(await planOf('Elias')).toMatchObject({ state: 'established' });
    expect(await planOf('Maja')).toMatchObject({ state: 'initiated' });
    expect(await planOf('Noah')).toMatchObject({ state: 'invited' });
    expect(await planOf('Alva')).toMatchObject({ state: 'mapped' });
    expect(await planOf('Liam')).toMatchObject({ state: 'closed' });
  });

  it('plan_states holds exactly the domain states', async () => {
    const rows = await db.query<{ state: string }>('SELECT state FROM plan_states');
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(PLAN_STATES));
  });

  it('plan_state_transitions holds exactly allowedTransitions()', async () => {
    const rows = await db.query<{ from_state: string; to_state: string }>('SELECT from_state, to_state FROM plan_state_transitions');
    const inDatabase = rows.map((r) => `${r.from_state} -> ${r.to_state}`);
    const inDomain = allowedTransitions().map(([from, to]) => `${from} -> ${to}`);
    expect(new Set(inDatabase).size).toBe(inDatabase.length);
    expect(new Set(inDomain).size).toBe(inDomain.length);
    expect(new Set(inDatabase)).toEqual(new Set(inDomain));
  });

  const allowed = new Set(allowedTransitions().map(([from, to]) => `${from} -> ${to}`));
  for (const from of PLAN_STATES) {
    for (const to of PLAN_STATES) {
      if (from === to) continue;
      if (allowed.has(`${from} -> ${to}`)) {
        it(`accepts a direct UPDATE ${from} -> ${to} (rolled back)`, async () => {
          const error = await attempt(async (tx) => {
            const id = await planIn(tx, from);
            await moveTo(tx, id, to);
            const [row] = await tx.query<{ state: string }>('SELECT state FROM plans WHERE county = $1 AND id = $2', [SKANE, id]);
            expect(row!.state).toBe(to);
          });
          expect(error).toBeNull();
        });
      } else {
        it(`refuses a direct UPDATE ${from} -> ${to}`, async () => {
          const error = await attempt(async (tx) => moveTo(tx, await planIn(tx, from), to));
          expect(error).toMatchObject({ code: '23514', message: `plan transition ${from} -> ${to} is not allowed` });
        });
      }
    }
  }

  it('refuses the bare UPDATE of the examples: initiated -> established, closed -> invited', async () => {
    expect(await attemptSql("UPDATE plans SET state = 'established' WHERE county = $1 AND id = $2", [SKANE, plans.initiated]))
      .toMatchObject({ code: '23514', message: expect.stringMatching(/initiated -> established is not allowed/) });
    expect(await attemptSql("UPDATE plans SET state = 'invited' WHERE county = $1 AND id = $2", [SKANE, plans.closed]))
      .toMatchObject({ code: '23514', message: expect.stringMatching(/closed -> invited is not allowed/) });
  });

  it('leaves an UPDATE that keeps the state alone (even of a closed plan)', async () => {
    expect(await attemptSql("UPDATE plans SET closure_note = 'Anteckning' WHERE county = $1 AND id = $2", [SKANE, plans.closed])).toBeNull();
  });
});

describe('inserting a plan', () => {
  const insert = (state: PlanState | null) => attempt(async (tx) => {
    const [maja] = await tx.query<{ child_id: string; initiating_unit_id: string; initiated_by: string }>(
      'SELECT child_id, initiating_unit_id, initiated_by FROM plans WHERE county = $1 AND id = $2', [SKANE, plans.initiated]);
    const established = state !== null && !['initiated', 'invited', 'mapped', 'cancelled'].includes(state);
    await tx.query(
      `INSERT INTO plans (county, id, plan_number, child_id, ${state ? 'state, ' : ''}reason, initiating_unit_id, initiated_by,
         coordinator_staff_id, coordinator_unit_id, overall_principal_id, plan_version, established_at,
         closed_at, closure_reason, cancel_reason)
       VALUES ($1, gen_random_uuid(), 'TEST-0001', $2, ${state ? `'${state}', ` : ''}'Test', $3, $4,
         $5, $6, $7, $8, $9, $10, $11, $12)`,
      [SKANE, maja!.child_id, maja!.initiating_unit_id, maja!.initiated_by,
        established ? coordinator.staffId : null, established ? coordinator.unitId : null,
        established ? coordinator.principalId : null, established ? 1 : 0, established ? new Date() : null,
        state === 'closed' ? new Date() : null, state === 'closed' ? 'other' : null,
        state === 'cancelled' ? 'Avbruten' : null]);
  });

  it('accepts a new plan in state initiated, given or by default (rolled back)', async () => {
    expect(await insert('initiated')).toBeNull();
    expect(await insert(null)).toBeNull();
  });

  for (const state of PLAN_STATES.filter((s) => s !== 'initiated')) {
    it(`refuses a new plan in state ${state}`, async () => {
      expect(await insert(state)).toMatchObject({ code: '23514', message: `a plan starts in state initiated, not ${state}` });
    });
  }
});

describe('CHECK constraints', () => {
  it('refuses an established plan without coordinator', async () => {
    const name = await checkConstraint('plans', 'established_at IS NOT NULL');
    // Removing the coordinator from the established plan.
    expect(await attemptSql('UPDATE plans SET coordinator_staff_id = NULL, coordinator_unit_id = NULL WHERE county = $1 AND id = $2',
      [SKANE, plans.established])).toMatchObject({ code: '23514', constraint: name });
    // Establishing the mapped plan with everything but a coordinator.
    expect(await attemptSql(
      `UPDATE plans SET state = 'established', overall_principal_id = $3, plan_version = 1, established_at = now()
       WHERE county = $1 AND id = $2 AND coordinator_staff_id IS NULL`,
      [SKANE, plans.mapped, coordinator.principalId])).toMatchObject({ code: '23514', constraint: name });
    // The same with a coordinator is accepted.
    expect(await attempt((tx) => moveTo(tx, plans.mapped, 'established'))).toBeNull();
  });

  describe('an invitee who declines', () => {
    const decline = (reason: string | null) => attemptSql(
      `UPDATE invitees SET answer = 'declined', decline_reason = $2, answered_at = now()
       WHERE county = $1 AND id = (SELECT id FROM invitees WHERE county = $1 ORDER BY id LIMIT 1)`, [SKANE, reason]);

    it('is accepted with a reason (rolled back)', async () => {
      expect(await decline('Vi har ingen insats för barnet')).toBeNull();
    });

    it('is refused with an empty or blank reason', async () => {
      const name = await checkConstraint('invitees', 'decline_reason');
      expect(await decline('')).toMatchObject({ code: '23514', constraint: name });
      expect(await decline('   ')).toMatchObject({ code: '23514', constraint: name });
    });

    // A CHECK that yields NULL passes: the rule must coalesce the reason (it once did not).
    it('is refused without a reason (NULL)', async () => {
      const name = await checkConstraint('invitees', 'decline_reason');
      expect(await decline(null)).toMatchObject({ code: '23514', constraint: name });
    });
  });

  it('refuses a consent whose valid_until is before valid_from', async () => {
    const name = await checkConstraint('consents', 'valid_until >= valid_from');
    const consent = `county = $1 AND id = (SELECT id FROM consents WHERE county = $1 ORDER BY id LIMIT 1)`;
    expect(await attemptSql(`UPDATE consents SET valid_until = valid_from - 1 WHERE ${consent}`, [SKANE]))
      .toMatchObject({ code: '23514', constraint: name });
    expect(await attemptSql(`UPDATE consents SET valid_until = valid_from WHERE ${consent}`, [SKANE])).toBeNull();
  });

  describe('a person', () => {
    const insertPerson = (kind: string, number: string) => attemptSql(
      `INSERT INTO persons (county, id, identity_kind, identity_number, birth_date, given_name, family_name)
       VALUES ($1, gen_random_uuid(), $2, $3, '2015-06-01', 'Test', 'Testsson')`, [SKANE, kind, number]);

    it('with a personnummer of anything but 12 digits is refused', async () => {
      const name = await checkConstraint('persons', 'identity_number ~');
      for (const number of ['20150601238', '2015060123899', '20150601-2389', '2015060123XX', '']) {
        expect(await insertPerson('personnummer', number), number).toMatchObject({ code: '23514', constraint: name });
      }
      expect(await attemptSql(
        `UPDATE persons SET identity_number = '150601-2389'
         WHERE county = $1 AND id = (SELECT id FROM persons WHERE county = $1 AND identity_kind = 'personnummer' ORDER BY id LIMIT 1)`,
        [SKANE])).toMatchObject({ code: '23514', constraint: name });
    });

    it('with a samordningsnummer of anything but 12 digits is refused', async () => {
      const name = await checkConstraint('persons', 'identity_number ~');
      expect(await insertPerson('samordningsnummer', '20150661238')).toMatchObject({ code: '23514', constraint: name });
    });

    it('with 12 digits, or a reservnummer in its own form, is accepted (rolled back)', async () => {
      expect(await insertPerson('personnummer', '201506012389')).toBeNull();
      expect(await insertPerson('reservnummer', 'RES-2015-0001')).toBeNull();
    });
  });
});

describe('CHECK constraints that must not pass on NULL', () => {
  // A CHECK that yields NULL passes; each of these once did. The first row of each table serves as a template.
  const cases: Array<[string, string]> = [
    ['a consent giver refusing without a reason',
      `INSERT INTO consent_givers (county, consent_id, person_id, role, stance, refusal_reason)
       SELECT county, consent_id, person_id, role, 'refuses', NULL FROM consent_givers LIMIT 1
       ON CONFLICT (county, consent_id, person_id) DO UPDATE SET stance = 'refuses', refusal_reason = NULL`],
    ['an invitation with neither place nor video link',
      `UPDATE invitations SET place = NULL, video_link = NULL WHERE id = (SELECT id FROM invitations LIMIT 1)`],
    ['a meeting attendee with no unit, person or name',
      `UPDATE meeting_attendance SET unit_id = NULL, person_id = NULL, staff_id = NULL, name = NULL WHERE id = (SELECT id FROM meeting_attendance LIMIT 1)`],
    ['a relative with neither person nor name',
      `INSERT INTO plan_participants (county, id, plan_id, kind, name) SELECT county, uuid_v7(), plan_id, 'relative', NULL FROM plan_participants LIMIT 1`],
  ];
  for (const [what, sql] of cases) {
    it(`refuses ${what}`, async () => {
      expect(await attemptSql(sql)).toMatchObject({ code: '23514' });
    });
  }
});

describe('append-only tables', () => {
  it('audit_events has rows and plan_versions has rows to refuse changes to', async () => {
    const [a] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    const [v] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_versions');
    expect(a!.n).toBeGreaterThan(0);
    expect(v!.n).toBeGreaterThan(0);
  });

  it.each([
    ['UPDATE', `UPDATE audit_events SET detail = '{"altered": true}' WHERE county = '${SKANE}' AND seq = 1`],
    ['DELETE', `DELETE FROM audit_events WHERE county = '${SKANE}' AND seq = 1`],
    ['DELETE', 'DELETE FROM audit_events'],
    ['TRUNCATE', 'TRUNCATE audit_events'],
  ])('audit_events refuses %s (%s)', async (op, sql) => {
    expect(await attemptSql(sql)).toMatchObject({
      code: '42501', message: expect.stringMatching(new RegExp(`append-only.*${op}`)),
    });
  });

  it.each([
    ['UPDATE', "UPDATE plan_versions SET reason = 'Ändrad i efterhand'"],
    ['DELETE', 'DELETE FROM plan_versions'],
  ])('plan_versions refuses %s (%s)', async (op, sql) => {
    expect(await attemptSql(sql)).toMatchObject({
      code: '42501', message: expect.stringMatching(new RegExp(`append-only.*${op}`)),
    });
  });

  it('audit_events and plan_versions still accept INSERT (rolled back)', async () => {
    expect(await attempt((tx) => tx.query(
      `SELECT audit_append(jsonb_build_array(jsonb_build_object('county', $1::text, 'actor_kind', 'system',
         'action', 'E', 'event', 'test.insert', 'outcome', 'success')))`, [SKANE]))).toBeNull();
    expect(await attemptSql(
      `INSERT INTO plan_versions (county, plan_id, version_no, content, reason, created_by)
       SELECT county, plan_id, version_no + 100, content, 'Test', created_by FROM plan_versions LIMIT 1`)).toBeNull();
  });
});

describe('county, the Citus distribution key', () => {
  // Reference tables (the same for every county; Citus reference tables), the migrations' own, and
  // the sessions, which belong to a person signed in rather than to a county (migration 010).
  const WITHOUT_COUNTY = ['notification_kinds', 'plan_state_transitions', 'plan_states', 'schema_migrations', 'sessions'];

  it('is a column of every table but schema_migrations, sessions and the reference tables plan_states, plan_state_transitions, notification_kinds', async () => {
    const tables = await db.query<{ table_name: string; has_county: boolean }>(
      `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c
         WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'county') AS has_county
       FROM information_schema.tables t
       WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`);
    expect(tables.length).toBeGreaterThan(WITHOUT_COUNTY.length);
    const without = tables.filter((t) => !t.has_county).map((t) => t.table_name).sort();
    expect(without).toEqual(WITHOUT_COUNTY);
  });

  it('is char(2) NOT NULL wherever it appears', async () => {
    const columns = await db.query<{ table_name: string; data_type: string; length: number | null; is_nullable: string }>(
      `SELECT c.table_name, c.data_type, c.character_maximum_length AS length, c.is_nullable
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.column_name = 'county'`);
    for (const c of columns) expect(c, c.table_name).toMatchObject({ data_type: 'character', length: 2, is_nullable: 'NO' });
  });

  it('is part of every primary key and unique index of the tables that have it (Citus demands it)', async () => {
    const offending = await db.query<{ index: string }>(
      `SELECT i.indexrelid::regclass::text AS index
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute county ON county.attrelid = i.indrelid AND county.attname = 'county'
       WHERE n.nspname = current_schema() AND i.indisunique AND NOT county.attnum = ANY (i.indkey)`);
    expect(offending).toEqual([]);
  });
});

describe('the refused and rolled-back statements above', () => {
  it('left the seeded database unchanged', async () => {
    expect(await fingerprint(db)).toBe(before);
  });
});
