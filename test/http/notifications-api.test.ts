/**
 * The inbox over HTTP, signed in as demo staff: each person sees their own notices with the
 * number unread, pages through them, marks them read (only their own), and chooses which kinds
 * also come by email, with the version rules of every other edit (428, 412).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { runSweep } from '../../src/services/notifications/run-sweep.ts';
import { NOTIFICATION_KINDS } from '../../src/domain/notifications.ts';
import type { Queryable } from '../../src/store/database.ts';

interface Item { id: string; kind: string; stage: string; planId: string; planNumber: string; title: string; body: string; link: string; dueOn: string | null; createdAt: string; readAt: string | null }

describe('the inbox API', () => {
  let t: TestApp;
  let sara: Client, karin: Client, anna: Client;
  let saraId: string;
  const put = (c: Client, url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'PUT', url, headers: { ...c.headers, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const inbox = async (c: Client, query = '') => {
    const res = await c.get(`/api/notifications${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Item[]; unread: number; nextBefore: string | null };
  };

  beforeAll(async () => {
    t = await startTestApp();
    sara = await t.as(DEMO.psychologistBup);
    karin = await t.as(DEMO.teacherKristianstad);
    anna = await t.as(DEMO.headteacherKristianstad);
    saraId = await t.staffId(DEMO.psychologistBup);
    await runSweep(t.ctx);
  });
  afterAll(() => t.close());

  it('the kinds the database accepts are the kinds the code knows', async () => {
    const kinds = (await t.ctx.db.query<{ kind: string }>('SELECT kind FROM notification_kinds ORDER BY kind')).map((r) => r.kind);
    expect(kinds).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it('asks who you are', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('shows your own notices, newest first, with the number unread and a link into the plan', async () => {
    const box = await inbox(sara);
    // The seed invited BUP Kristianstad twice (Elias, Noah); the sweep found Elias's assessment late.
    expect(box.items.map((n) => n.kind).sort()).toEqual(['intervention_due', 'invitation_received', 'invitation_received']);
    expect(box.unread).toBe(3);
    expect(box.items[0]!.kind).toBe('intervention_due');
    const ids = box.items.map((n) => n.id);
    expect(ids).toEqual([...ids].sort().reverse());
    for (const n of box.items) {
      expect(n.link).toMatch(new RegExp(`^/planer/${n.planId}/(moten|plan)$`));
      expect(n.title).toContain(n.planNumber);
      expect(n.readAt).toBeNull();
    }
    const mine = new Set((await t.ctx.db.query<{ id: string }>('SELECT id FROM notifications WHERE recipient_id = $1', [saraId])).map((r) => r.id));
    expect(new Set(ids)).toEqual(mine);
    // Karin's inbox holds none of Sara's.
    expect((await inbox(karin)).items.some((n) => mine.has(n.id))).toBe(false);
  });

  it('each plan shown in the inbox leaves an audit row', async () => {
    const count = async () => (await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE event = 'notification.list' AND actor_id = $1", [saraId]))[0]!.n;
    const before = await count();
    const plans = new Set((await inbox(sara)).items.map((n) => n.planId));
    expect(await count()).toBe(before + plans.size);
    const rows = await t.ctx.db.query<{ plan_id: string }>(
      "SELECT plan_id FROM audit_events WHERE event = 'notification.list' AND actor_id = $1 ORDER BY seq DESC LIMIT $2", [saraId, plans.size]);
    expect(new Set(rows.map((r) => r.plan_id))).toEqual(plans);
  });

  it('pages with limit and before', async () => {
    const all = (await inbox(sara)).items;
    const first = await inbox(sara, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual(all.slice(0, 2).map((n) => n.id));
    expect(first.nextBefore).toBe(all[1]!.id);
    const second = await inbox(sara, `?limit=2&before=${first.nextBefore}`);
    expect(second.items.map((n) => n.id)).toEqual(all.slice(2).map((n) => n.id));
    expect(second.nextBefore).toBeNull();
    expect((await sara.get('/api/notifications?limit=0')).statusCode).toBe(400);
    expect((await sara.get('/api/notifications?before=not-a-uuid')).statusCode).toBe(400);
  });

  it('marks one read: once, only your own, and the count follows', async () => {
    const [first] = (await inbox(sara)).items;
    const res = await sara.post(`/api/notifications/${first!.id}/read`);
    expect(res.statusCode).toBe(200);
    const readAt = res.json().readAt;
    expect(readAt).toBeTruthy();
    const box = await inbox(sara);
    expect(box.unread).toBe(2);
    // The header's count says the same, and reading it is no audited read of a plan.
    const audited = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))[0]!.n;
    const before = await audited();
    expect((await sara.get('/api/notifications/unread-count')).json()).toEqual({ unread: 2 });
    expect(await audited()).toBe(before);
    expect(box.items.find((n) => n.id === first!.id)!.readAt).toBe(readAt);
    expect((await inbox(sara, '?unread=true')).items.map((n) => n.id)).not.toContain(first!.id);
    // Reading again keeps the first time.
    t.clock.offsetMs = 3_600_000;
    expect((await sara.post(`/api/notifications/${first!.id}/read`)).json().readAt).toBe(readAt);
    t.clock.offsetMs = 0;
    // Someone else's notice, or one that does not exist: 404, and nothing changes.
    const [other] = (await inbox(anna)).items;
    expect((await sara.post(`/api/notifications/${other!.id}/read`)).statusCode).toBe(404);
    expect((await inbox(anna)).items.find((n) => n.id === other!.id)!.readAt).toBeNull();
    expect((await sara.post('/api/notifications/00000000-0000-7000-8000-000000000000/read')).statusCode).toBe(404);
  });

  it('marks all read', async () => {
    const res = await sara.post('/api/notifications/read-all');
    expect(res.json()).toEqual({ updated: 2 });
    expect((await inbox(sara)).unread).toBe(0);
    expect((await inbox(anna)).unread).toBeGreaterThan(0);
  });

  it('email preferences: all kinds by default; a change names the version it was made against', async () => {
    const res = await sara.get('/api/notifications/preferences');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"0"');
    expect(res.json()).toEqual({ version: 0, email: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) });
    const choice: Record<string, boolean> = { ...Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])), intervention_due: false, invitation_received: false };
    expect((await put(sara, '/api/notifications/preferences', { email: choice })).statusCode).toBe(428);
    const saved = await put(sara, '/api/notifications/preferences', { email: choice }, { 'if-match': '"0"' });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(saved.json()).toEqual({ version: 1, email: choice });
    expect((await put(sara, '/api/notifications/preferences', { email: choice }, { 'if-match': '"0"' })).statusCode).toBe(412);
    // Every kind must be named, and only known kinds.
    const { follow_up: _omitted, ...missing } = choice;
    expect((await put(sara, '/api/notifications/preferences', { email: missing }, { 'if-match': '"1"' })).statusCode).toBe(400);
    expect((await put(sara, '/api/notifications/preferences', { email: { ...choice, gossip: true } }, { 'if-match': '"1"' })).statusCode).toBe(400);
    // Karin's choices are her own.
    expect((await karin.get('/api/notifications/preferences')).json().version).toBe(0);
  });

  it('two first saves at once, both against version 0: one is kept, the other is told it is stale (412)', async () => {
    const eva = await t.as(DEMO.managerKristianstad);
    const all = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true]));
    const choices = [{ ...all, follow_up: false }, { ...all, consent_expiring: false }];
    // Each save's first statement on the settings waits (up to a second) until the other save has
    // reached its own, so that neither has committed when the other checks its version. (PGlite
    // runs one transaction at a time: there the two are simply one after the other.)
    const db = t.ctx.db;
    const original = db.transaction;
    const transaction = original.bind(db);
    let arrived: Array<() => void> = [];
    const meet = () => new Promise<void>((resolve) => {
      arrived.push(resolve);
      if (arrived.length === 2) {
        for (const go of arrived) go();
        arrived = [];
      } else {
        setTimeout(() => {
          arrived = arrived.filter((go) => go !== resolve);
          resolve();
        }, 1_000);
      }
    });
    db.transaction = <T>(work: (tx: Queryable) => Promise<T>): Promise<T> => transaction((tx) => {
      let first = true;
      return work({
        exec: (script) => tx.exec(script),
        async query<R>(text: string, params?: readonly unknown[]) {
          if (first && text.includes('notification_settings')) {
            first = false;
            await meet();
          }
          return tx.query<R>(text, params);
        },
      });
    });
    let answers;
    try {
      answers = await Promise.all(choices.map((email) => put(eva, '/api/notifications/preferences', { email }, { 'if-match': '"0"' })));
    } finally {
      db.transaction = original;
    }
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
    const kept = answers.find((a) => a.statusCode === 200)!;
    expect(kept.json().version).toBe(1);
    expect(answers.find((a) => a.statusCode === 412)!.json()).toMatchObject({ code: 'stale_version', currentVersion: 1 });
    // What is stored is what the winner was told.
    expect((await eva.get('/api/notifications/preferences')).json()).toEqual(kept.json());
  });

  it('a kind switched off still reaches the inbox, but queues no mail', async () => {
    const planId = (await t.ctx.db.query<{ plan_id: string }>(
      "SELECT plan_id FROM notifications WHERE recipient_id = $1 AND kind = 'intervention_due'", [saraId]))[0]!.plan_id;
    // A new occurrence: BUP's assessment gets a new due date, in five days.
    await t.ctx.db.query(`UPDATE interventions SET due_on = current_date + 5 WHERE plan_id = $1 AND responsible_staff_id = $2`, [planId, saraId]);
    await runSweep(t.ctx);
    const fresh = (await inbox(sara, '?unread=true')).items.filter((n) => n.kind === 'intervention_due');
    expect(fresh.map((n) => n.stage)).toEqual(['reminder']);
    expect(await t.ctx.db.query('SELECT 1 FROM email_outbox WHERE notification_id = $1', [fresh[0]!.id])).toEqual([]);
    // The coordinator, who kept email on, still gets mail for the same sweep's follow-up notices.
    const mailed = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM email_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.kind = 'follow_up'");
    expect(mailed[0]!.n).toBeGreaterThan(0);
  });
});
