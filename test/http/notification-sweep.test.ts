/**
 * The deadline sweep under a controlled clock: every deadline kind reaches the inbox of the
 * person who can act on it, once per stage, read over HTTP as that person would. Lotsmodellen
 * and "utan dröjsmål" are checked across Easter and midsummer 2027. Then idempotency: a sweep run
 * twice, and a sweep that dies half-way and is run again, leave each notice exactly once.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { runSweep } from '../../src/services/notifications/run-sweep.ts';
import { addCalendarDays } from '../../src/domain/working-days.ts';
import { swedishDate } from '../../src/services/context.ts';

const DAY = 86_400_000;

describe('the sweep puts each deadline in the right inbox', () => {
  let t: TestApp;
  let johan: Client, sara: Client, karin: Client, eva: Client, ahmed: Client, lena: Client, fredrik: Client, anna: Client;
  const plan = async (givenName: string) => (await t.ctx.db.query<{ id: string; plan_number: string; next_follow_up_on: string }>(
    `SELECT p.id, p.plan_number, p.next_follow_up_on::text FROM plans p JOIN persons c ON c.county = p.county AND c.id = p.child_id
     WHERE c.given_name = $1`, [givenName]))[0]!;
  /** The client's inbox, newest first. */
  const inbox = async (c: Client) => {
    const res = await c.get('/api/notifications?limit=100');
    expect(res.statusCode).toBe(200);
    return res.json().items as Array<{ id: string; kind: string; stage: string; planId: string; planNumber: string; title: string; body: string; link: string; dueOn: string }>;
  };
  const of = async (c: Client, planId: string, kind: string) => (await inbox(c)).filter((n) => n.planId === planId && n.kind === kind);
  /** Moves the clock `days` from the real now. */
  const days = (n: number) => { t.clock.offsetMs = n * DAY; };
  /** Puts the clock at 09:00 Swedish time on `day`. */
  const at = (day: string) => { t.clock.offsetMs = Date.parse(`${day}T09:00:00+01:00`) - Date.now(); };
  const sweep = () => runSweep(t.ctx);

  let serial = 600;
  /** Registers a child with one guardian and lets `client` initiate a plan for it; the plan's id and number. */
  const newPlan = async (client: Client, givenName: string, unitIds: string[]) => {
    const person = await client.post('/api/persons', {
      person: { identityNumber: testIdentityNumber('2015-04-04', String(serial++)), givenName, familyName: 'Test' },
      guardians: [{ identityNumber: testIdentityNumber('1985-05-05', String(serial++)), givenName: 'Vera', familyName: 'Test' }],
    });
    expect(person.statusCode).toBe(201);
    const res = await client.post('/api/plans', { childId: person.json().id, reason: 'Behöver samordnat stöd.', unitIds });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; planNumber: string; version: number };
  };

  beforeAll(async () => {
    t = await startTestApp();
    johan = await t.as(DEMO.socialWorkerKristianstad);
    sara = await t.as(DEMO.psychologistBup);
    karin = await t.as(DEMO.teacherKristianstad);
    eva = await t.as(DEMO.managerKristianstad);
    ahmed = await t.as(DEMO.nursePrimaryCare);
    lena = await t.as(DEMO.curatorKristianstad, await t.unitId('Näsby skola'));
    fredrik = await t.as(DEMO.socialWorkerMalmo);
    anna = await t.as(DEMO.headteacherKristianstad);
  });
  afterAll(() => t.close());

  it('follow-up: the coordinator is reminded within the fortnight, and told again once it is late', async () => {
    const elias = await plan('Elias');
    days(0);
    await sweep();
    const [reminder, ...more] = await of(johan, elias.id, 'follow_up');
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({ stage: 'reminder', dueOn: elias.next_follow_up_on, planNumber: elias.plan_number, link: `/planer/${elias.id}/uppfoljning` });
    expect(reminder!.title).toBe(`Uppföljning av ${elias.plan_number} senast ${elias.next_follow_up_on}`);
    // Others in the plan are not told about the coordinator's task.
    expect(await of(sara, elias.id, 'follow_up')).toEqual([]);
    days(10);
    await sweep();
    expect((await of(johan, elias.id, 'follow_up')).map((n) => n.stage).sort()).toEqual(['overdue', 'reminder']);
    expect((await of(johan, elias.id, 'follow_up')).find((n) => n.stage === 'overdue')!.title).toBe(`Uppföljningen av ${elias.plan_number} är försenad`);
  });

  it('intervention due: the person responsible, a week ahead and once late', async () => {
    const elias = await plan('Elias');
    days(0);
    await sweep();
    // The seed made BUP's assessment three days late.
    const late = await of(sara, elias.id, 'intervention_due');
    expect(late.map((n) => n.stage)).toEqual(['overdue']);
    expect(late[0]!.body).toContain('skulle ha varit klar senast');
    // The school's intervention is due in 60 days: nothing yet, a reminder from 53 days, late from 61.
    expect(await of(karin, elias.id, 'intervention_due')).toEqual([]);
    days(55);
    await sweep();
    expect((await of(karin, elias.id, 'intervention_due')).map((n) => n.stage)).toEqual(['reminder']);
    days(61);
    await sweep();
    expect((await of(karin, elias.id, 'intervention_due')).map((n) => n.stage).sort()).toEqual(['overdue', 'reminder']);
  });

  it('an unanswered invitation is chased on its due day: the invited units and the convener', async () => {
    const noah = await plan('Noah');
    days(2);
    await sweep();
    expect(await of(sara, noah.id, 'invitation_unanswered')).toEqual([]);
    days(3);
    await sweep();
    // BUP (Sara), primary care (Ahmed) and the school through its manager (Anna Lind, the head teacher).
    for (const c of [sara, ahmed, anna]) {
      const [n, ...more] = await of(c, noah.id, 'invitation_unanswered');
      expect(more).toEqual([]);
      expect(n!.title).toBe(`Kallelse till SIP-möte för ${noah.plan_number} är obesvarad`);
      expect(n!.link).toBe(`/planer/${noah.id}/moten`);
    }
    // The school's staff are not told when the school has a manager to decide who answers.
    for (const c of [karin, lena]) expect(await of(c, noah.id, 'invitation_unanswered')).toEqual([]);
    // The convener hears once per unit that has not answered, each naming the unit.
    const convener = await of(johan, noah.id, 'invitation_unanswered');
    expect(convener.map((n) => n.title).sort()).toEqual([
      `BUP Kristianstad har inte svarat på kallelsen för ${noah.plan_number}`,
      `Näsby skola har inte svarat på kallelsen för ${noah.plan_number}`,
      `Vårdcentralen Näsby har inte svarat på kallelsen för ${noah.plan_number}`,
    ]);
    // Alva's invitation went to BUP Malmö, where nobody works in the demo: the convener still hears.
    const alva = await plan('Alva');
    expect((await of(fredrik, alva.id, 'invitation_unanswered')).map((n) => n.title)).toEqual([`BUP Malmö har inte svarat på kallelsen för ${alva.plan_number}`]);
    // After the meeting day nobody is chased any more, and one more sweep adds nothing.
    days(8);
    await sweep();
    expect(await of(sara, noah.id, 'invitation_unanswered')).toHaveLength(1);
  });

  it('consent: the owner is told a month before it ends, and again when it has run out', async () => {
    const elias = await plan('Elias');
    const [{ valid_until: validUntil }] = await t.ctx.db.query<{ valid_until: string }>('SELECT valid_until::text FROM consents WHERE plan_id = $1', [elias.id]) as [{ valid_until: string }];
    at(addCalendarDays(validUntil, -31));
    await sweep();
    expect(await of(johan, elias.id, 'consent_expiring')).toEqual([]);
    at(addCalendarDays(validUntil, -30));
    await sweep();
    const [n] = await of(johan, elias.id, 'consent_expiring');
    expect(n).toMatchObject({ stage: 'reminder', dueOn: validUntil, title: `Samtycket i ${elias.plan_number} upphör ${validUntil}`, link: `/planer/${elias.id}/samtycke` });
    at(addCalendarDays(validUntil, 1));
    await sweep();
    expect((await of(johan, elias.id, 'consent_expiring')).map((x) => x.stage).sort()).toEqual(['overdue', 'reminder']);
  });

  it('Lotsmodellen and "utan dröjsmål" across Easter 2027: 15 and 20 working days, then the manager too', async () => {
    // Initiated Monday 15 March 2027. Good Friday 26 March and Easter Monday 29 March are off:
    // 15 working days end Wednesday 7 April, 20 end Wednesday 14 April (as in test/unit/deadlines.test.ts).
    at('2027-03-15');
    const p = await newPlan(johan, 'Ebba', []);
    at('2027-03-30');
    await sweep();
    expect(await of(johan, p.id, 'lotsmodellen_meeting')).toEqual([]);
    at('2027-03-31');
    await sweep();
    expect(await of(johan, p.id, 'lotsmodellen_meeting')).toMatchObject([{ stage: 'reminder', dueOn: '2027-04-07', title: `Nätverksmötet för ${p.planNumber} ska hållas senast 2027-04-07` }]);
    expect(await of(eva, p.id, 'lotsmodellen_meeting')).toEqual([]);
    at('2027-04-07');
    await sweep();
    expect(await of(johan, p.id, 'first_meeting_delayed')).toMatchObject([{ stage: 'reminder', dueOn: '2027-04-14' }]);
    at('2027-04-08');
    await sweep();
    expect((await of(johan, p.id, 'lotsmodellen_meeting')).map((n) => n.stage).sort()).toEqual(['overdue', 'reminder']);
    // Late against the local agreement: a deviation for the manager of the initiating unit.
    expect(await of(eva, p.id, 'lotsmodellen_meeting')).toMatchObject([{ stage: 'overdue', dueOn: '2027-04-07' }]);
    expect((await of(eva, p.id, 'lotsmodellen_meeting'))[0]!.body).toContain('som chef');
    at('2027-04-15');
    await sweep();
    const statutory = await of(eva, p.id, 'first_meeting_delayed');
    expect(statutory).toMatchObject([{ stage: 'overdue', dueOn: '2027-04-14' }]);
    expect(statutory[0]!.body).toContain('utan dröjsmål (SoL 2 kap 7 §, HSL 16 kap 4 §)');
  });

  it('Lotsmodellen across midsummer 2027: initiated 14 June, the limit is Tuesday 6 July', async () => {
    at('2027-06-14');
    const p = await newPlan(johan, 'Hugo', []);
    at('2027-07-06');
    await sweep();
    expect((await of(johan, p.id, 'lotsmodellen_meeting')).map((n) => [n.stage, n.dueOn])).toEqual([['reminder', '2027-07-06']]);
    at('2027-07-07');
    await sweep();
    expect((await of(eva, p.id, 'lotsmodellen_meeting')).map((n) => [n.stage, n.dueOn])).toEqual([['overdue', '2027-07-06']]);
  });

  it('a meeting booked beyond Lotsmodellen\'s limit is flagged to its convener the day it is sent; a county without Lotsmodellen is not', async () => {
    days(0);
    const units = { bup: await t.unitId('BUP Kristianstad') };
    const invite = async (p: { id: string; version: number }) => {
      const startsAt = new Date(t.clock.now().getTime() + 40 * DAY);
      const res = await johan.post(`/api/plans/${p.id}/invitations`, {
        purpose: 'Samordna stödet.', question: 'Vem gör vad?', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        place: 'Socialkontoret', videoLink: null, meetingLeaderId: await t.staffId(DEMO.socialWorkerKristianstad), noteTakerId: null, invitees: [{ unitId: units.bup }],
      }, { 'if-match': `"${p.version}"` });
      expect(res.statusCode).toBe(201);
      return swedishDate(startsAt);
    };
    const p = await newPlan(johan, 'Iris', [units.bup]);
    const meetingOn = await invite(p);
    await sweep();
    const [n] = (await of(johan, p.id, 'lotsmodellen_meeting')).filter((x) => x.body.includes(meetingOn));
    expect(n).toMatchObject({ stage: 'overdue', title: `Mötet för ${p.planNumber} är bokat efter Lotsmodellens gräns` });
    expect(n!.body).toContain(`bokat ${meetingOn}`);

    // Skåne's local agreement without Lotsmodellen (counties.deadline_rules): no such notice.
    await t.ctx.db.query(`UPDATE counties SET deadline_rules = '{"lotsmodellenMaxWorkingDays": null}' WHERE county = '12'`);
    try {
      const q = await newPlan(johan, 'Otto', [units.bup]);
      await invite(q);
      const r = await sweep();
      expect(r.invalidRules).toEqual([]);
      expect(await of(johan, q.id, 'lotsmodellen_meeting')).toEqual([]);
    } finally {
      await t.ctx.db.query(`UPDATE counties SET deadline_rules = '{}' WHERE county = '12'`);
    }
  });

  it('no notice names the child or carries an identity number', async () => {
    const names = await t.ctx.db.query<{ given_name: string; family_name: string; identity_number: string }>('SELECT given_name, family_name, identity_number FROM persons');
    const texts = await t.ctx.db.query<{ title: string; body: string }>('SELECT title, body FROM notifications');
    expect(texts.length).toBeGreaterThan(20);
    for (const { title, body } of texts) {
      for (const p of names) {
        expect(`${title}\n${body}`).not.toContain(p.identity_number.slice(2, 8) + '-' + p.identity_number.slice(8));
        expect(`${title}\n${body}`).not.toContain(p.identity_number);
        expect(`${title}\n${body}`).not.toContain(`${p.given_name} ${p.family_name}`);
        expect(`${title}\n${body}`).not.toMatch(new RegExp(`\\b${p.given_name}\\b`));
      }
    }
  });

  it('each new notice is audited once, by the system, against the child\'s plan', async () => {
    days(0);
    const before = (await t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE event = 'notification.create'"))[0]!.n;
    const p = await newPlan(karin, 'Ines', []);
    days(25); // Lotsmodellen's limit passed, "utan dröjsmål" within its last week
    const r = await sweep();
    expect(r.created).toBeGreaterThan(0);
    const rows = await t.ctx.db.query<{ actor_kind: string; plan_id: string; detail: { notificationIds: string[] } }>(
      "SELECT actor_kind, plan_id, detail FROM audit_events WHERE event = 'notification.create' ORDER BY seq");
    expect(rows.length).toBeGreaterThan(before);
    const mine = rows.filter((a) => a.plan_id === p.id);
    expect(mine.every((a) => a.actor_kind === 'system')).toBe(true);
    const ids = (await t.ctx.db.query<{ id: string }>('SELECT id FROM notifications WHERE plan_id = $1', [p.id])).map((x) => x.id).sort();
    expect(mine.flatMap((a) => a.detail.notificationIds).sort()).toEqual(ids);
    // Notices are disclosures for the log extract, not changes in the plan's chronology.
    const timeline = await karin.get(`/api/plans/${p.id}/timeline`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().entries.map((e: { event: string }) => e.event)).toEqual(['plan.initiate']);
  });

  it('someone who has left is replaced: the coordinator\'s manager gets the follow-up', async () => {
    const elias = await plan('Elias');
    await t.ctx.db.query('UPDATE staff SET active = false WHERE hsa_id = $1', [DEMO.socialWorkerKristianstad]);
    try {
      days(20);
      await sweep();
      // Johan had reminder and overdue from the first test; his manager now gets the overdue one too.
      expect((await of(eva, elias.id, 'follow_up')).map((n) => n.stage)).toEqual(['overdue']);
      expect((await of(eva, elias.id, 'follow_up'))[0]!.body).toContain('som chef');
    } finally {
      await t.ctx.db.query('UPDATE staff SET active = true WHERE hsa_id = $1', [DEMO.socialWorkerKristianstad]);
    }
  });
});

describe('idempotency of the sweep', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t.close());

  const counts = async () => (await t.ctx.db.query<{ notifications: number; mails: number }>(
    'SELECT (SELECT count(*)::int FROM notifications) AS notifications, (SELECT count(*)::int FROM email_outbox) AS mails'))[0]!;

  it('a sweep run twice creates each notice once', async () => {
    t.clock.offsetMs = 30 * DAY;
    const first = await runSweep(t.ctx);
    expect(first.created).toBeGreaterThan(3);
    const after = await counts();
    const second = await runSweep(t.ctx);
    expect(second).toMatchObject({ created: 0, emails: 0, deadlines: first.deadlines });
    expect(await counts()).toEqual(after);
  });

  it('a sweep that dies half-way, run again, ends with each notice exactly once and its mail queued once', async () => {
    t.clock.offsetMs = 400 * DAY; // every consent has run out: new notices in every open plan
    const before = await counts();
    const crash = new Error('the process died');
    await expect(runSweep(t.ctx, { batchSize: 1, afterBatch: (n) => { if (n === 2) throw crash; } })).rejects.toBe(crash);
    const partial = await counts();
    expect(partial.notifications).toBeGreaterThan(before.notifications);
    const resumed = await runSweep(t.ctx, { batchSize: 1 });
    expect(resumed.created).toBeGreaterThan(0);
    const done = await counts();
    expect(done.notifications).toBe(partial.notifications + resumed.created);
    // Nothing left to do: nothing was lost.
    expect((await runSweep(t.ctx)).created).toBe(0);
    // Nothing twice, and every notice to someone with an address has exactly one mail.
    expect(await t.ctx.db.query('SELECT recipient_id, key, stage FROM notifications GROUP BY 1, 2, 3 HAVING count(*) > 1')).toEqual([]);
    expect(await t.ctx.db.query(
      `SELECT n.id FROM notifications n JOIN staff s ON s.county = n.county AND s.id = n.recipient_id
       LEFT JOIN email_outbox o ON o.county = n.county AND o.notification_id = n.id
       WHERE o.id IS NULL AND s.email IS NOT NULL`)).toEqual([]);
    expect(done.mails).toBe(done.notifications);
  });
});
