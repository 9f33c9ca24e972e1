/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a new database created on that PostgreSQL server and dropped afterwards.
 * The same integration suite thus runs on both.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { migrate } from '../../src/store/migrate.ts';

export interface TestDatabase {
  db: Database;
  /** postgres://… of this test's own database, or undefined on PGlite. */
  url: string | undefined;
  drop(): Promise<void>;
}

/** `migrateBefore`: stop before that migration, as a database made by an earlier release. */
export async function createTestDatabase(options: { migrateBefore?: string } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({});
    await migrate(db, { before: options.migrateBefore });
    return { db, url: undefined, drop: () => db.close() };
  }
  const name = `samplan_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 8 });
  await migrate(db, { before: options.migrateBefore });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A fingerprint of every row of every table (audit trail included): equal before and after means
 * the database is unchanged.
 */
export async function fingerprint(db: Database): Promise<string> {
  const tables = await db.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const parts: string[] = [];
  for (const { t } of tables) {
    const [row] = await db.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${t} x`);
    parts.push(`${t}:${row!.n}:${row!.h}`);
  }
  const [seq] = await db.query<{ v: number }>('SELECT last_value AS v FROM plan_number_seq');
  return parts.join('\n') + `\nseq:${seq!.v}`;
}
