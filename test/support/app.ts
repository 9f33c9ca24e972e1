/**
 * The real application on a fresh database with the demo data, driven over HTTP by Fastify's
 * inject (the whole HTTP stack without a socket), and signed in as demo users.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import type { Clock, Context } from '../../src/services/context.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** A clock the test can move. */
export class TestClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: Context;
  clock: TestClock;
  database: TestDatabase;
  /** A client signed in as the demo staff member with this HSA-id (and unit id, if several). */
  as(hsaId: string, unitId?: string): Promise<Client>;
  unitId(name: string): Promise<string>;
  staffId(hsaId: string): Promise<string>;
  close(): Promise<void>;
}

export interface Client {
  cookie: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function startTestApp(options: { seed?: boolean; webRoot?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const ctx: Context = { db: database.db, clock };
  if (options.seed !== false) await seedDemo(ctx);
  const app = await buildApp({ ctx, secret: 'test-secret-test-secret-test-secret', devSignIn: true, webRoot: options.webRoot ?? null });
  await app.ready();

  const client = (cookie: string): Client => {
    const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method, url, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    return {
      cookie,
      get: (url, headers) => send('GET', url, undefined, headers),
      post: (url, body, headers) => send('POST', url, body ?? {}, headers),
      patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
      delete: (url, headers) => send('DELETE', url, undefined, headers),
    };
  };

  return {
    app, ctx, clock, database,
    async as(hsaId, unitId) {
      const res = await app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { hsaId, ...(unitId ? { unitId } : {}) } });
      if (res.statusCode !== 200) throw new Error(`sign-in as ${hsaId} failed: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === 'samplan_session')!;
      return client(`samplan_session=${set.value}`);
    },
    async unitId(name) {
      return (await database.db.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [name]))[0]!.id;
    },
    async staffId(hsaId) {
      return (await database.db.query<{ id: string }>('SELECT id FROM staff WHERE hsa_id = $1', [hsaId]))[0]!.id;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Demo staff by role in the story (HSA-ids from src/seed/demo-organisation.ts). */
export const DEMO = {
  teacherKristianstad: 'SE2120001290-K01',
  curatorKristianstad: 'SE2120001290-E01',
  socialWorkerKristianstad: 'SE2120001290-S01',
  managerKristianstad: 'SE2120001290-S02',
  psychologistBup: 'SE2321000255-B01',
  nursePrimaryCare: 'SE2321000255-V01',
  curatorBupTrelleborg: 'SE2321000255-B02',
  socialWorkerTrelleborg: 'SE2120001287-S01',
  nurseTrelleborg: 'SE2120001287-E01',
  socialWorkerMalmo: 'SE2120001280-S01',
  principalAdmin: 'SE2321000255-A01',
  analyst: 'SE2120001290-U01',
} as const;
