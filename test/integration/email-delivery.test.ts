/**
 * Mail as the receiver gets it: a real SMTP server in the test process (smtp-server on a free
 * port) captures every mail, parsed with mailparser. The delivery worker is the production one:
 * pg-boss on PostgreSQL (DATABASE_URL set), the in-process loop on PGlite.
 *
 * Checked: recipients, subject and text (the plan number, never an identity number or the
 * child's name), the calendar file of a kallelse and how a change and a cancellation update the
 * same event, a refused send retried once at the outbox's time (on both paths), a worker that dies
 * after claiming, a pg-boss job that is lost, and a crash after the SMTP server accepted a mail
 * (sent again, with the same Message-ID).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { startTestSmtp, type CapturedMail, type TestSmtp } from '../support/smtp.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { smtpMailer, type Mailer, type OutgoingMail } from '../../src/jobs/mailer.ts';
import { startEmailDelivery, type EmailDelivery } from '../../src/jobs/email-delivery.ts';
import { claimDue, DEFAULT_DELIVERY, messageIdOf } from '../../src/jobs/email-outbox.ts';
import { swedishDate } from '../../src/services/context.ts';
import { runSweep } from '../../src/services/notifications/run-sweep.ts';
import { parseCalendar } from '../../src/services/notifications/icalendar.ts';

const DAY = 86_400_000;
const PUBLIC_URL = 'https://samplan.example.se';

describe('email over SMTP', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let real: Mailer;
  /** What the next send does wrong: fail before the server accepts, or after. */
  let fault: 'refuse' | 'crash_after_accept' | null = null;
  let delivery: EmailDelivery;
  let karin: Client;

  const mailer: Mailer = {
    get from() { return real.from; },
    async send(mail: OutgoingMail) {
      const f = fault;
      fault = null;
      if (f === 'refuse') throw Object.assign(new Error('421 4.3.2 Service not available, try again later'), { responseCode: 421 });
      await real.send(mail);
      if (f === 'crash_after_accept') throw new Error('the worker died after the server accepted the mail');
    },
    close: () => real.close(),
  };
  const start = (m: Mailer = mailer, leaseMs?: number) => startEmailDelivery(t.ctx, {
    mailer: m, publicUrl: PUBLIC_URL, databaseUrl: t.database.url, pollMs: 200,
    ...(leaseMs ? { leaseMs } : {}), log: () => undefined,
  });
  const outbox = () => t.ctx.db.query<{ id: string; notification_id: string; status: string; attempts: number; message_id: string | null; email: string;
    next_attempt_at: Date; queued_at: Date | null }>(
    `SELECT o.id, o.notification_id, o.status, o.attempts, o.message_id, s.email, o.next_attempt_at, o.queued_at FROM email_outbox o
     JOIN staff s ON s.county = o.county AND s.id = o.recipient_id ORDER BY o.id`);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** What a receiver reads of a mail, decoded: subject, sender and recipient, text, and every attachment (the calendar file). */
  const readable = (mail: CapturedMail) => [mail.parsed.subject ?? '', mail.parsed.from?.text ?? '', [mail.parsed.to ?? []].flat().map((a) => a.text).join(', '),
    mail.parsed.text ?? '', ...mail.parsed.attachments.map((a) => a.content.toString('utf8'))].join('\n');
  const calendarOf = (mail: CapturedMail) => {
    const ics = mail.parsed.attachments.find((a) => a.filename === 'kallelse.ics');
    expect(ics, 'a kallelse.ics attachment').toBeDefined();
    const props = parseCalendar(ics!.content.toString('utf8'));
    const value = (name: string) => props.find((p) => p.name === name)?.value;
    return { props, value };
  };
  /** Every identity number in the database, in both the stored and the displayed form. */
  const identityNumbers = async () => (await t.ctx.db.query<{ n: string }>('SELECT identity_number AS n FROM persons'))
    .flatMap(({ n }) => [n, `${n.slice(0, 8)}-${n.slice(8)}`, `${n.slice(2, 8)}-${n.slice(8)}`]);

  beforeAll(async () => {
    t = await startTestApp();
    smtp = await startTestSmtp();
    real = smtpMailer(smtp.config);
    delivery = await start();
    karin = await t.as(DEMO.teacherKristianstad);
  });
  afterAll(async () => {
    await delivery?.stop();
    real?.close();
    await smtp?.close();
    await t?.close();
  });

  it('the kallelser of the demo reach the invited units, each once, with a Message-ID from its notice', async () => {
    await delivery.settle();
    const rows = await outbox();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(smtp.mails).toHaveLength(rows.length);
    for (const r of rows) {
      const [mail, ...more] = smtp.mails.filter((m) => m.parsed.messageId === messageIdOf(r.notification_id, real.from));
      expect(more).toEqual([]);
      expect(mail!.envelopeTo).toEqual([r.email]);
      expect(r.message_id).toBe(mail!.parsed.messageId);
    }
    const audited = await t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE event = 'notification.email' AND actor_kind = 'system'");
    expect(audited[0]!.n).toBe(rows.length);
  });

  describe('a kallelse and its calendar event', () => {
    let planId: string, planNumber: string, invitationId: string;
    const child = testIdentityNumber('2014-06-01', '417');
    /** The mails to `who` about this plan whose subject matches `kind`. */
    const mailsTo = (who: string, kind: RegExp) => smtp.to(who).filter((m) => kind.test(m.parsed.subject ?? '') && m.parsed.subject!.includes(planNumber));

    it('is mailed to the invited units with the plan number, the time and the video link, never the child', async () => {
      const person = await karin.post('/api/persons', {
        person: { identityNumber: child, givenName: 'Ella', familyName: 'Berg' },
        guardians: [{ identityNumber: testIdentityNumber('1985-02-03', '512'), givenName: 'Petra', familyName: 'Berg' }],
      });
      expect(person.statusCode).toBe(201);
      const units = { social: await t.unitId('Socialtjänsten barn och familj, Kristianstad'), bup: await t.unitId('BUP Kristianstad') };
      const plan = await karin.post('/api/plans', { childId: person.json().id, reason: 'Ella Berg har slutat gå till skolan.', unitIds: [units.social, units.bup] });
      ({ id: planId, planNumber } = plan.json());
      const startsAt = new Date(Date.now() + 5 * DAY);
      startsAt.setUTCHours(7, 0, 0, 0); // 08.00 or 09.00 Swedish time
      const res = await karin.post(`/api/plans/${planId}/invitations`, {
        purpose: 'Samordna stödet kring Ella Berg (född 2014-06-01).', question: 'Hur hjälper vi Ella tillbaka till skolan?',
        startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
        place: null, videoLink: 'https://mote.example.se/sip/7f3k-42', meetingLeaderId: await t.staffId(DEMO.teacherKristianstad), noteTakerId: null,
        invitees: [{ unitId: units.social }, { unitId: units.bup }],
      }, { 'if-match': `"${plan.json().version}"` });
      expect(res.statusCode).toBe(201);
      invitationId = res.json().id;
      delivery.kick();
      await delivery.settle();

      // BUP has no manager: its staff member; social services: its manager, who decides who goes.
      const [sara, ...moreSara] = mailsTo('sara.holm@example.se', /^Kallelse/);
      const [eva, ...moreEva] = mailsTo('eva.andersson@example.se', /^Kallelse/);
      expect(moreSara).toEqual([]);
      expect(moreEva).toEqual([]);
      expect(sara!.parsed.subject).toMatch(new RegExp(`^Kallelse till SIP-möte för ${planNumber} \\d{4}-\\d{2}-\\d{2} kl\\. \\d{2}\\.00–\\d{2}\\.30$`));
      expect(eva).toBeDefined();
      // The sender is not told about her own kallelse.
      expect(smtp.to('karin.ek@example.se').filter((m) => m.parsed.subject!.includes(planNumber))).toEqual([]);
      const text = sara!.parsed.text!;
      expect(text).toContain(`planen ${planNumber}`);
      expect(text).toContain('Videolänk: https://mote.example.se/sip/7f3k-42');
      expect(text).toContain(`Öppna i Samplan: ${PUBLIC_URL}/planer/${planId}/moten`);
      expect(sara!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
      // Nothing that identifies the child, anywhere in the mail (body, headers, calendar file): the
      // purpose and the question name her, the place and the video link (the one free text that
      // is mailed, written by staff who are told never to name the child there) do not. Checked
      // decoded, in any case: an encoding may break a name across lines.
      for (const mail of [sara!, eva!]) {
        for (const n of await identityNumbers()) expect(mail.raw).not.toContain(n);
        expect(readable(mail)).not.toMatch(/ella|berg|2014-06-01|20140601/i);
      }

      const { value, props } = calendarOf(sara!);
      expect(value('METHOD')).toBe('REQUEST');
      expect(value('UID')).toBe(`${invitationId}@samplan`);
      expect(value('SEQUENCE')).toBe('0');
      expect(value('STATUS')).toBe('CONFIRMED');
      expect(value('DTSTART')).toBe(startsAt.toISOString().replace(/[-:]/g, '').replace('.000', ''));
      expect(value('URL')).toBe('https://mote.example.se/sip/7f3k-42');
      expect(value('LOCATION')).toBe('https://mote.example.se/sip/7f3k-42');
      expect(value('SUMMARY')).toBe(`SIP-möte ${planNumber}`);
      expect(props.find((p) => p.name === 'ATTENDEE')!.value).toBe('mailto:sara.holm@example.se');
      expect(props.find((p) => p.name === 'ORGANIZER')!.value).toBe('mailto:karin.ek@example.se');
      // The calendar part is also there as text/calendar with its method, for calendar programs.
      expect(sara!.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    });

    it('a new time updates the same event (same UID, higher SEQUENCE); a cancellation removes it', async () => {
      const later = new Date(Date.now() + 6 * DAY);
      later.setUTCHours(12, 0, 0, 0);
      const moved = await karin.patch(`/api/plans/${planId}/invitations/${invitationId}`, {
        startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 3_600_000).toISOString(),
      }, { 'if-match': '"1"' });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().version).toBe(2);
      // A stale version changes nothing.
      expect((await karin.post(`/api/plans/${planId}/invitations/${invitationId}/cancel`, undefined, { 'if-match': '"1"' })).statusCode).toBe(412);
      delivery.kick();
      await delivery.settle();
      const [changed, ...more] = mailsTo('sara.holm@example.se', /^Ändrad kallelse/);
      expect(more).toEqual([]);
      expect(changed!.parsed.subject).toContain(planNumber);
      const c1 = calendarOf(changed!);
      expect([c1.value('METHOD'), c1.value('UID'), c1.value('SEQUENCE')]).toEqual(['REQUEST', `${invitationId}@samplan`, '1']);
      expect(c1.value('DTSTART')).toBe(later.toISOString().replace(/[-:]/g, '').replace('.000', ''));

      const cancelled = await karin.post(`/api/plans/${planId}/invitations/${invitationId}/cancel`, undefined, { 'if-match': '"2"' });
      expect(cancelled.statusCode).toBe(200);
      delivery.kick();
      await delivery.settle();
      const [gone] = mailsTo('sara.holm@example.se', /^Inställt/);
      const c2 = calendarOf(gone!);
      expect([c2.value('METHOD'), c2.value('UID'), c2.value('SEQUENCE'), c2.value('STATUS')]).toEqual(['CANCEL', `${invitationId}@samplan`, '2', 'CANCELLED']);
      expect(gone!.raw).toMatch(/method=CANCEL/i);
      // Cancelled once is cancelled: 409, and no further mail.
      expect((await karin.post(`/api/plans/${planId}/invitations/${invitationId}/cancel`, undefined, { 'if-match': '"3"' })).statusCode).toBe(409);
      // The inbox has the three notices, newest first.
      const sara = await t.as(DEMO.psychologistBup);
      const kinds = (await sara.get('/api/notifications?limit=100')).json().items.filter((n: any) => n.planId === planId).map((n: any) => n.kind);
      expect(kinds).toEqual(['invitation_cancelled', 'invitation_changed', 'invitation_received']);
    });
  });

  it('deadline mails say what is due, for which plan, by when and what to do, with a link and without the child', async () => {
    const elias = (await t.ctx.db.query<{ id: string; plan_number: string; next_follow_up_on: string }>(
      "SELECT p.id, p.plan_number, p.next_follow_up_on::text FROM plans p JOIN persons c ON c.id = p.child_id WHERE c.given_name = 'Elias'"))[0]!;
    const before = smtp.mails.length;
    const swept = await runSweep(t.ctx);
    delivery.kick();
    await delivery.settle();
    expect(smtp.mails.length - before).toBe(swept.emails);
    const [followUp] = smtp.to('johan.berg@example.se').filter((m) => m.parsed.subject === `Uppföljning av ${elias.plan_number} senast ${elias.next_follow_up_on}`);
    expect(followUp!.parsed.text).toContain(`Planen ${elias.plan_number} ska följas upp senast ${elias.next_follow_up_on}. Kalla deltagarna`);
    expect(followUp!.parsed.text).toContain(`${PUBLIC_URL}/planer/${elias.id}/uppfoljning`);
    expect(followUp!.parsed.attachments).toEqual([]);
    const [late] = smtp.to('sara.holm@example.se').filter((m) => m.parsed.subject === `Insats i ${elias.plan_number} är försenad`);
    expect(late!.parsed.text).toContain('Rapportera läget (aktivitetsuppföljning)');
    const numbers = await identityNumbers();
    for (const mail of smtp.mails.slice(before)) {
      for (const n of numbers) expect(mail.raw).not.toContain(n);
      expect(mail.raw).not.toMatch(/Elias|Karlsson|Noah|Eriksson|Maja|Alva|Hansson/);
    }
  });

  it('a mail the server refuses once waits for the outbox\'s next time, on either path, and is then sent exactly once', async () => {
    const before = smtp.mails.length;
    const swept = await sweepUntilMail(55);
    fault = 'refuse';
    delivery.kick();
    await delivery.settle();
    // The refused mail is pending again until its next time (30 s after the refusal), no longer
    // queued; the others went out. pg-boss does not retry it on a clock of its own meanwhile.
    const [refused, ...moreRefused] = (await outbox()).filter((r) => r.status !== 'sent');
    expect(moreRefused).toEqual([]);
    expect(refused).toMatchObject({ status: 'pending', attempts: 1, queued_at: null });
    expect(refused!.next_attempt_at.getTime() - t.clock.now().getTime()).toBeGreaterThan(20_000);
    await sleep(1_500);
    expect((await outbox()).find((r) => r.id === refused!.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(smtp.mails.length - before).toBe(swept.emails - 1);
    t.clock.offsetMs += 60_000;
    delivery.kick();
    await delivery.settle();
    const rows = await outbox();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.filter((r) => r.attempts === 2).map((r) => r.id)).toEqual([refused!.id]);
    expect(smtp.mails.length - before).toBe(swept.emails);
    // Once, with the Message-ID of its notice.
    const messageId = messageIdOf(refused!.notification_id, real.from);
    expect(smtp.mails.filter((m) => m.parsed.messageId === messageId)).toHaveLength(1);
    expect(rows.find((r) => r.id === refused!.id)!.message_id).toBe(messageId);
    const ids = smtp.mails.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a row a dead worker left \'sending\' is taken over once its lease has run out, on either path, and goes out once', async () => {
    const before = smtp.mails.length;
    await delivery.stop();
    const swept = await sweepUntilMail(61);
    // The dead worker's claim: the rows are 'sending' under its lease, and it never sent them.
    const claimed = await claimDue(t.ctx.db, t.clock.now(), DEFAULT_DELIVERY.leaseMs, 100);
    expect(claimed).toHaveLength(swept.emails);
    delivery = await start();
    delivery.kick();
    await sleep(600);
    expect(smtp.mails.length).toBe(before); // the lease still holds
    t.clock.offsetMs += DEFAULT_DELIVERY.leaseMs + 1_000;
    delivery.kick();
    await delivery.settle();
    expect(smtp.mails.length - before).toBe(swept.emails);
    const ids = smtp.mails.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await outbox()).every((r) => r.status === 'sent' && r.attempts <= 2)).toBe(true);
  });

  it.skipIf(!process.env.DATABASE_URL)('pg-boss: a worker whose SMTP call never returns is stopped; its rows go to a healthy worker once, after their lease', async () => {
    expect(delivery.mode).toBe('pg-boss');
    const before = smtp.mails.length;
    // The worker holds its batch (every row claimed) and pg-boss fails its jobs once the lease has
    // run out; nobody retries them but the relay, from the outbox.
    await delivery.stop();
    let release: () => void = () => undefined;
    const stuck: Mailer = { from: real.from, send: () => new Promise<void>((resolve) => { release = resolve; }), close: () => undefined };
    const doomed = await start(stuck, 2_000);
    const swept = await sweepUntilMail(90);
    doomed.kick();
    const until = Date.now() + 10_000;
    while ((await outbox()).every((r) => r.status !== 'sending') && Date.now() < until) await sleep(50);
    expect((await outbox()).some((r) => r.status === 'sending')).toBe(true);
    await doomed.stop();
    delivery = await start();
    await delivery.settle(30_000);
    expect(smtp.mails.length - before).toBe(swept.emails);
    // The stuck call returning late changes nothing: the row is already sent.
    release();
    const ids = smtp.mails.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await outbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  /**
   * A sweep on day `day` that queues mail. By then the demo's own deadlines may all have been
   * told (which depends on the day the test runs); these tests are about delivery, so a follow-up
   * is moved to three days ahead, a new occurrence the sweep must tell its coordinator about.
   */
  async function sweepUntilMail(day: number) {
    t.clock.offsetMs = day * DAY;
    const dueOn = swedishDate(new Date(t.clock.now().getTime() + 3 * DAY));
    await t.ctx.db.query("UPDATE plans SET next_follow_up_on = $1 WHERE state IN ('established', 'evaluated')", [dueOn]);
    const swept = await runSweep(t.ctx);
    expect(swept.emails).toBeGreaterThan(0);
    return swept;
  }

  it('a row whose queue job was lost (pg-boss gave up on it) is queued again after a lease, and goes out once', async () => {
    const before = smtp.mails.length;
    await delivery.stop();
    const swept = await sweepUntilMail(120);
    // Marked queued, but no job exists for it any more.
    await t.ctx.db.query("UPDATE email_outbox SET queued_at = $1 WHERE status = 'pending'", [t.clock.now()]);
    delivery = await start();
    delivery.kick();
    if (delivery.mode === 'pg-boss') {
      await sleep(600);
      expect(smtp.mails.length).toBe(before); // it may still be on its way through the queue
      t.clock.offsetMs += DEFAULT_DELIVERY.leaseMs + 1_000;
      delivery.kick();
    }
    await delivery.settle();
    expect(smtp.mails.length - before).toBe(swept.emails);
    const ids = smtp.mails.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await outbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('a crash after the server accepted a mail: it is sent again with the same Message-ID (at-least-once)', async () => {
    const before = smtp.mails.length;
    const swept = await sweepUntilMail(340);
    fault = 'crash_after_accept';
    delivery.kick();
    await delivery.settle();
    t.clock.offsetMs += 60_000;
    await delivery.settle();
    const fresh = smtp.mails.slice(before);
    expect(fresh).toHaveLength(swept.emails + 1);
    const ids = fresh.map((m) => m.parsed.messageId!);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated).toHaveLength(1);
    const copies = fresh.filter((m) => m.parsed.messageId === repeated[0]);
    expect(copies[0]!.parsed.subject).toBe(copies[1]!.parsed.subject);
    // The receiver dropping duplicates by Message-ID sees each notice once; the outbox and the audit trail count it once.
    expect(new Set(ids).size).toBe(swept.emails);
    const row = (await outbox()).find((r) => r.message_id === repeated[0])!;
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const audited = await t.ctx.db.query("SELECT 1 FROM audit_events WHERE event = 'notification.email' AND detail->>'notificationId' = $1", [row.notification_id]);
    expect(audited).toHaveLength(1);
  });

  it('someone who has left gets no mail; the notice stays in the inbox', async () => {
    await delivery.stop();
    t.clock.offsetMs = 0;
    const karinId = await t.staffId(DEMO.teacherKristianstad);
    const p = await karin.post('/api/persons', {
      person: { identityNumber: testIdentityNumber('2013-01-01', '611'), givenName: 'Otto', familyName: 'Ek' },
      guardians: [{ identityNumber: testIdentityNumber('1980-01-01', '622'), givenName: 'Ulla', familyName: 'Ek' }],
    });
    const plan = (await karin.post('/api/plans', { childId: p.json().id, reason: 'Behöver stöd.', unitIds: [] })).json();
    t.clock.offsetMs = 25 * DAY;
    await runSweep(t.ctx);
    const queued = await t.ctx.db.query<{ id: string }>(
      'SELECT o.id FROM email_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.plan_id = $1 AND o.recipient_id = $2', [plan.id, karinId]);
    expect(queued.length).toBeGreaterThan(0);
    await t.ctx.db.query('UPDATE staff SET active = false WHERE id = $1', [karinId]);
    try {
      const before = smtp.to('karin.ek@example.se').length;
      delivery = await start();
      delivery.kick();
      await delivery.settle();
      expect(smtp.to('karin.ek@example.se').length).toBe(before);
      const statuses = await t.ctx.db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM email_outbox WHERE id = ANY($1::uuid[])', [queued.map((q) => q.id)]);
      expect(statuses.every((s) => s.status === 'skipped' && s.last_error === 'recipient_inactive')).toBe(true);
      expect(await t.ctx.db.query('SELECT 1 FROM notifications WHERE plan_id = $1 AND recipient_id = $2', [plan.id, karinId])).toHaveLength(queued.length);
    } finally {
      await t.ctx.db.query('UPDATE staff SET active = true WHERE id = $1', [karinId]);
    }
  });
});
