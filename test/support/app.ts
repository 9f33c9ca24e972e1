/**
 * The real application on a fresh database with the demo data, driven over HTTP by Fastify's
 * inject (the whole HTTP stack without a socket), and signed in as demo users.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type RateLimits } from '../../src/http/app.ts';
import type { OidcSettings } from '../../src/http/oidc.ts';
import type { SessionPolicy } from '../../src/domain/session-policy.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import type { Clock, Context } from '../../src/services/context.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** A clock the test can move. */
export class TestClock implements Clock {
  private offset = 0;
  /** How many times the clock has been moved (signed-in clients sign in again after a move). */
  moves = 0;
  get offsetMs(): number { return this.offset; }
  set offsetMs(ms: number) {
    if (ms !== this.offset) this.moves++;
    this.offset = ms;
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: Context;
  clock: TestClock;
  database: TestDatabase;
  /**
   * A client signed in (development sign-in) as the demo staff member with this HSA-id (and unit
   * id, if several). It signs in again after the test clock jumps, unless `keepSession`.
   */
  as(hsaId: string, unitId?: string, options?: { keepSession?: boolean }): Promise<Client>;
  unitId(name: string): Promise<string>;
  staffId(hsaId: string): Promise<string>;
  close(): Promise<void>;
}

export interface Client {
  /** The Cookie header: the session and the CSRF cookie. */
  cookie: string;
  /** The session's CSRF token, sent as X-CSRF-Token on every request that changes something. */
  csrfToken: string;
  /** Both, for a hand-made request: { cookie, 'x-csrf-token' }. */
  headers: Record<string, string>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestAppOptions {
  seed?: boolean;
  webRoot?: string;
  /** The identity provider; without it only the development sign-in works (as `as()` uses). */
  oidc?: OidcSettings;
  sessionPolicy?: SessionPolicy;
  /** Off unless a test asks: most tests send far more requests per minute than a person would. */
  rateLimit?: RateLimits;
  logger?: object;
  /** Cookies marked Secure, as outside localhost. */
  secureCookies?: boolean;
  /** The development sign-in (on unless a test checks that production has none). */
  devSignIn?: boolean;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const ctx: Context = { db: database.db, clock };
  if (options.seed !== false) await seedDemo(ctx);
  const app = await buildApp({
    ctx, secret: 'test-secret-test-secret-test-secret', devSignIn: options.devSignIn ?? true, webRoot: options.webRoot ?? null,
    oidc: options.oidc ?? null, rateLimit: options.rateLimit ?? false, secureCookies: options.secureCookies ?? false,
    ...(options.sessionPolicy ? { sessionPolicy: options.sessionPolicy } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await app.ready();

  const signIn = async (hsaId: string, unitId?: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { hsaId, ...(unitId ? { unitId } : {}) } });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${hsaId} failed: ${res.statusCode} ${res.body}`);
    return {
      session: res.cookies.find((c) => c.name === 'samplan_session')!.value,
      csrf: res.cookies.find((c) => c.name === 'samplan_csrf')!.value,
      atMove: clock.moves,
    };
  };

  /**
   * A signed-in person. Many tests move the clock by days to reach a deadline; a session would
   * rightly have ended by then (idle timeout), and the person would sign in again: so does this
   * client, once the clock has been moved since it signed in, unless the test
   * studies sessions themselves (`keepSession`).
   */
  const client = async (hsaId: string, unitId: string | undefined, keepSession: boolean): Promise<Client> => {
    let s = await signIn(hsaId, unitId);
    const cookie = () => `samplan_session=${s.session}; samplan_csrf=${s.csrf}`;
    const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) => {
      if (!keepSession && clock.moves !== s.atMove) s = await signIn(hsaId, unitId);
      return app.inject({
        method, url,
        headers: { cookie: cookie(), ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
    };
    return {
      get cookie() { return cookie(); },
      get csrfToken() { return s.csrf; },
      get headers() { return { cookie: cookie(), 'x-csrf-token': s.csrf }; },
      get: (url, headers) => send('GET', url, undefined, headers),
      post: (url, body, headers) => send('POST', url, body ?? {}, headers),
      patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
      delete: (url, headers) => send('DELETE', url, undefined, headers),
    };
  };

  return {
    app, ctx, clock, database,
    as: (hsaId, unitId, options) => client(hsaId, unitId, options?.keepSession ?? false),
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
  headteacherKristianstad: 'SE2120001290-R01',
  psychologistBup: 'SE2321000255-B01',
  nursePrimaryCare: 'SE2321000255-V01',
  curatorBupTrelleborg: 'SE2321000255-B02',
  socialWorkerTrelleborg: 'SE2120001287-S01',
  nurseTrelleborg: 'SE2120001287-E01',
  socialWorkerMalmo: 'SE2120001280-S01',
  principalAdmin: 'SE2321000255-A01',
  adminKristianstad: 'SE2120001290-A01',
  analyst: 'SE2120001290-U01',
} as const;
