/**
 * The reference server of the benchmark: the ceiling of this machine for an audited read. Same
 * stack as the app (Fastify + pg, a pool of the same size: SAMPLAN_POOL_SIZE, 16 by default), but
 * per request exactly one SQL statement: a CTE that reads one plans row by (county, id) and
 * inserts one row into a simple `bench_audit` table. Not part of the product.
 *
 *   GET /ref/:county/plans/:id  →  200 {id, planNumber, state, version, childId} | 404
 *
 * Environment: DATABASE_URL (required), PORT (default 3901), HOST (default 127.0.0.1).
 */
import Fastify from 'fastify';
import pg from 'pg';
import { resolve } from 'node:path';
import { readConfig } from '../src/config.ts';

const READ_AND_AUDIT = `
WITH p AS (
  SELECT county, id, plan_number, state, version, child_id FROM plans WHERE county = $1 AND id = $2
), a AS (
  INSERT INTO bench_audit (county, plan_id) SELECT county, id FROM p RETURNING 1
)
SELECT id, plan_number, state, version, child_id FROM p`;

export async function startReferenceServer(o: { url: string; port: number; host?: string; poolSize?: number }): Promise<{ close(): Promise<void> }> {
  // The app's pool size, from the app's own configuration (a dummy secret keeps it from touching ./data).
  const poolSize = o.poolSize ?? readConfig({ ...process.env, SAMPLAN_SECRET: 'reference' }).poolSize;
  const pool = new pg.Pool({ connectionString: o.url, max: poolSize });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_audit (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    county char(2) NOT NULL,
    plan_id uuid NOT NULL,
    at timestamptz NOT NULL DEFAULT now())`);
  const app = Fastify({ logger: false });
  app.get('/ref/:county/plans/:id', async (request, reply) => {
    const { county, id } = request.params as { county: string; id: string };
    const row = (await pool.query<{ id: string; plan_number: string; state: string; version: number; child_id: string }>(READ_AND_AUDIT, [county, id])).rows[0];
    if (!row) return reply.status(404).send({ error: 'not_found' });
    return { id: row.id, planNumber: row.plan_number, state: row.state, version: row.version, childId: row.child_id };
  });
  app.get('/health', async () => ({ ok: true }));
  await app.listen({ port: o.port, host: o.host ?? '127.0.0.1' });
  return {
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

// Run as a program: `node bench/reference-server.ts` (bench/run.ts starts it so, as a child process).
if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('reference-server: DATABASE_URL is required');
    process.exit(2);
  }
  const server = await startReferenceServer({ url, port: Number(process.env.PORT ?? 3901), host: process.env.HOST ?? '127.0.0.1' });
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
