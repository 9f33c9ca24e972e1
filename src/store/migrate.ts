/**
 * Applies the plain SQL files in ./migrations in name order, each once and each in its own
 * transaction, recording them in schema_migrations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** `before`: apply only the migrations named before it (a test of an upgrade starts there). */
export async function migrate(db: Database, options: { before?: string } = {}): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  const applied: string[] = [];
  for (const name of readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(name)) continue;
    if (options.before !== undefined && name >= options.before) break;
    const text = readFileSync(migrationsDir + name, 'utf8');
    await db.transaction(async (tx) => {
      // A whole file as one simple-protocol statement list: pass no parameters.
      await tx.exec(text);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    });
    applied.push(name);
  }
  return applied;
}
