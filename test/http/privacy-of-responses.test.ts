/**
 * What leaves the server besides the answer: plan answers are never kept in a cache, and a search
 * text (a user may type a personal identity number into the search field) never reaches the log.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { DEMO } from '../support/app.ts';
import type { FastifyInstance } from 'fastify';

describe('privacy of responses and logs', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const lines: string[] = [];
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const ctx = { db: database.db, clock: { now: () => new Date() } };
    await seedDemo(ctx);
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    app = await buildApp({ ctx, secret: 'test-secret-test-secret-test-secret', devSignIn: true, logger: { level: 'debug', stream } });
    const res = await app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { hsaId: DEMO.socialWorkerKristianstad } });
    cookie = `samplan_session=${res.cookies.find((c) => c.name === 'samplan_session')!.value}; samplan_csrf=${res.json().csrfToken}`;
  });
  afterAll(async () => { await app.close(); await database.drop(); });

  it('a plan, the worklist and a search are answered with Cache-Control: no-store', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/plans?q=Elias', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const planId = list.json().items[0].id;
    for (const url of ['/api/worklist', `/api/plans/${planId}`, '/api/plans?q=Elias']) {
      expect((await app.inject({ method: 'GET', url, headers: { cookie } })).headers['cache-control']).toBe('no-store');
    }
  });

  it('a search for an identity number leaves no trace of it in the log', async () => {
    const number = testIdentityNumber('2014-06-01', '417');
    lines.length = 0;
    const res = await app.inject({ method: 'GET', url: `/api/plans?q=${number}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const log = lines.join('');
    expect(log).toContain('/api/plans');
    expect(log).not.toContain(number);
    expect(log).not.toContain(number.slice(2));
  });
});
