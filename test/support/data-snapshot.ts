/**
 * The users' data as a comparable snapshot: every table's row count and a hash of its rows, except
 * the tables that change by design when a request is merely answered. Shows that a refused request
 * (or a probe that must stop short of changing anything) changed nothing.
 */
import type { Database } from '../../src/store/database.ts';

/**
 * Written by every request, refused or not: the audit trail and its chain heads (every access is
 * logged, refusals included), the sessions (last seen, CSRF token), and the cache of built plan
 * documents that a read fills.
 */
export const NOT_USER_DATA = new Set(['audit_events', 'audit_chain_heads', 'sessions', 'plan_documents']);

export type DataSnapshot = Map<string, string>;

// One statement for all tables: a snapshot is taken around every fuzzed request.
const statements = new WeakMap<Database, string>();

export async function dataSnapshot(db: Database): Promise<DataSnapshot> {
  let sql = statements.get(db);
  if (!sql) {
    const tables = (await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
      .map((r) => r.t).filter((t) => !NOT_USER_DATA.has(t));
    sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM "${t}" x`).join('\nUNION ALL\n');
    statements.set(db, sql);
  }
  const rows = await db.query<{ t: string; n: number; h: string | null }>(sql);
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.h ?? ''}`]));
}

/** The tables whose rows differ between two snapshots, with their row counts before → after. */
export function changedTables(before: DataSnapshot, after: DataSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((t) => before.get(t) !== after.get(t))
    .map((t) => `${t} (${before.get(t)?.split(':')[0] ?? '-'} → ${after.get(t)?.split(':')[0] ?? '-'} rows)`);
}
