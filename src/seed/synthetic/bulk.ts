import type { Queryable } from '../../store/database.ts';

/** Columns of a table as [name, PostgreSQL type]. */
export type Columns = ReadonlyArray<readonly [string, string]>;

/**
 * Inserts many rows in one statement: one array parameter per column, unnested by the server.
 * Any number of rows (no 65,535-parameter limit of a VALUES list), one parse, one round trip: the
 * COPY-like path on both PostgreSQL and PGlite.
 */
export async function bulkInsert(tx: Queryable, table: string, columns: Columns, rows: ReadonlyArray<readonly unknown[]>, chunk = 20_000): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const arrays = columns.map((_, i) => part.map((r) => r[i] ?? null));
    await tx.query(
      `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})`,
      arrays);
  }
}
