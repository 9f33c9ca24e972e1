/**
 * The database: PostgreSQL through `pg` when DATABASE_URL is set, otherwise PGlite (PostgreSQL
 * compiled to WebAssembly) embedded in the process with its files under ./data/.
 * Both speak the same SQL and are reached through the same two calls, `query` and `transaction`,
 * so that services, migrations and tests cannot tell them apart.
 * See docs/decisions/0001-thin-sql-layer.md for why this is not Kysely.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /**
   * How many coalesced batches of reads may run at once (src/store/coalesce.ts): about the cores
   * the database server can give to them. 1 on PGlite, which runs one statement at a time.
   */
  readonly readBatches: number;
  /**
   * Runs `work` in one transaction. A thrown error rolls back, unless it carries
   * `commitBeforeThrow` (a refusal whose audit row must be kept): then the transaction commits
   * and the error is thrown after the commit.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Errors that must not undo what the transaction wrote before them (the audit of a refusal). */
export interface CommitBeforeThrow {
  commitBeforeThrow: true;
}

function mustCommit(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Partial<CommitBeforeThrow>).commitBeforeThrow === true;
}

// The same JavaScript types from both drivers: bigint counts as numbers (they stay far below
// 2^53), dates as 'YYYY-MM-DD' strings (a date has no time zone), timestamps as Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseNumber = (value: string): number => Number(value);
const keepText = (value: string): string => value;

export interface OpenOptions {
  /** postgres://… ; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string | undefined;
  /** Connections in the pool (PostgreSQL only). */
  poolSize?: number;
  /** Coalesced read batches running at once (PostgreSQL only; see Database.readBatches). */
  readBatches?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 16, options.readBatches ?? 2) : openPglite(options.dataDir);
}

function openPostgres(url: string, poolSize: number, readBatches: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8 || oid === NUMERIC) return parseNumber;
        if (oid === DATE) return keepText;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection ended by the server (restart, failover) must not crash the process; the
  // pool replaces it on the next checkout.
  pool.on('error', () => undefined);
  // Parameterised statements are prepared once per connection (named by a hash of their text):
  // the whole-plan query takes longer to plan than to run.
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = 'q' + createHash('sha1').update(text).digest('hex').slice(0, 20)));
    return name;
  };
  const run = async <R>(client: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[]): Promise<R[]> =>
    (await (params === undefined
      ? client.query(text)
      : client.query({ name: nameOf(text), text, values: params as unknown[] }))).rows as R[];
  return {
    kind: 'postgres',
    readBatches: Math.max(1, Math.min(readBatches, poolSize)),
    query: (text, params) => run(pool, text, params),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        let result;
        try {
          result = await work({
            query: (text, params) => run(client, text, params),
            exec: async (script) => void (await client.query(script)),
          });
        } catch (error) {
          await client.query(mustCommit(error) ? 'COMMIT' : 'ROLLBACK');
          throw error;
        }
        await client.query('COMMIT');
        return result;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8]: parseNumber, [NUMERIC]: parseNumber, [DATE]: keepText },
  });
  // PGlite is one connection. Every statement outside a transaction and every whole transaction
  // takes this lock, so that two requests never interleave inside one transaction.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = tail.then(fn, fn);
    tail = result.catch(() => undefined);
    return result;
  };
  const run = async <R>(text: string, params?: readonly unknown[]): Promise<R[]> =>
    (await db.query<R>(text, params as unknown[])).rows;
  return {
    kind: 'pglite',
    readBatches: 1,
    query: (text, params) => exclusive(() => run(text, params)),
    exec: (script) => exclusive(async () => void (await db.exec(script))),
    transaction: (work) =>
      exclusive(async () => {
        await db.exec('BEGIN');
        let result;
        try {
          result = await work({ query: run, exec: async (script) => void (await db.exec(script)) });
        } catch (error) {
          await db.exec(mustCommit(error) ? 'COMMIT' : 'ROLLBACK');
          throw error;
        }
        await db.exec('COMMIT');
        return result;
      }),
    close: () => db.close(),
  };
}
