/**
 * The family's own view over HTTP (issue 5): who in a family sees which plan, what they never see,
 * that every read is audited as the citizen's, that a state change needs the CSRF token, and that
 * a consent narrowed by a guardian stops a staff member's next read at once and tells the
 * coordinator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, DEMO, type Client, type TestApp } from '../support/app.ts';
import { DEMO_PEOPLE, type DemoCitizen } from '../../src/idp/demo-people.ts';
import { DEMO_CHILDREN } from '../../src/seed/demo-plans.ts';
import { signInCitizen } from '../../src/services/auth/sign-in-citizen.ts';
import { DEFAULT_SESSION_POLICY } from '../../src/domain/session-policy.ts';
import { claimKeys, DEFAULT_DELIVERY, deliverClaimed } from '../../src/jobs/email-outbox.ts';
import type { Mailer, OutgoingMail } from '../../src/jobs/mailer.ts';
import { identityNumberOr } from '../support/identity-number-pattern.ts';

describe('the family’s own view', () => {
  let t: TestApp;
  let johan: Client;
  const plans: Record<string, string> = {};

  /** A citizen signed in with BankID (the sign-in use case itself; test/http/sessions.test.ts covers the IdP). */
  async function citizen(identityNumber: string, name: string): Promise<Client> {
    const { token, session } = await signInCitizen(t.ctx, { identityNumber, name, subject: `test:${name}`, policy: DEFAULT_SESSION_POLICY, networkAddress: '127.0.0.1' });
    const cookie = `samplan_session=${token}; samplan_csrf=${session.csrfToken}`;
    const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) => t.app.inject({
      method, url, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    return {
      cookie, csrfToken: session.csrfToken, headers: { cookie, 'x-csrf-token': session.csrfToken },
      get: (url, headers) => send('GET', url, undefined, headers),
      post: (url, body, headers) => send('POST', url, body ?? {}, headers),
      patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
      delete: (url, headers) => send('DELETE', url, undefined, headers),
      put: (url: string, body: unknown, headers?: Record<string, string>) => send('PUT', url, body, headers),
    } as Client & { put: (url: string, body: unknown, headers?: Record<string, string>) => ReturnType<Client['get']> };
  }
  const guardian = (name: string) => {
    const p = DEMO_PEOPLE.find((x): x is DemoCitizen => x.kind === 'citizen' && x.name === name)!;
    return citizen(p.identityNumber, p.name);
  };
  const child = (key: keyof typeof DEMO_CHILDREN) => citizen(DEMO_CHILDREN[key].identityNumber.replace(/\D/g, ''), `${DEMO_CHILDREN[key].givenName} ${DEMO_CHILDREN[key].familyName}`);

  beforeAll(async () => {
    t = await startTestApp();
    johan = await t.as(DEMO.socialWorkerKristianstad);
    for (const r of await t.ctx.db.query<{ id: string; given_name: string }>('SELECT p.id, ch.given_name FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id')) plans[r.given_name] = r.id;
  });
  afterAll(async () => { await t?.close(); });

  it('a guardian sees exactly the plans of the children in their care; another child’s plan is the same 404 as none', async () => {
    const sofia = await guardian('Sofia Karlsson');
    const list = await sofia.get('/api/family/plans');
    expect(list.statusCode).toBe(200);
    expect(list.json().plans.map((p: { childGivenName: string }) => p.childGivenName)).toEqual(['Elias']);
    const own = await sofia.get(`/api/family/plans/${plans.Elias}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ as: 'guardian', child: { givenName: 'Elias' }, coordinator: { name: 'Johan Berg' } });
    const other = await sofia.get(`/api/family/plans/${plans.Noah}`);
    const none = await sofia.get('/api/family/plans/0190b7e2-0000-7000-8000-000000000000');
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(none.body);
    // Staff sessions are not citizens, and citizens are not staff.
    expect((await johan.get('/api/family/plans')).statusCode).toBe(403);
    expect((await sofia.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(403);
  });

  it('every family read is audited as the citizen’s, in the plan’s county, naming the child', async () => {
    const sofia = await guardian('Sofia Karlsson');
    await sofia.get(`/api/family/plans/${plans.Elias}`);
    const [sofiaRow] = await t.ctx.db.query<{ id: string }>("SELECT id FROM persons WHERE given_name = 'Sofia' AND family_name = 'Karlsson'");
    const [row] = await t.ctx.db.query<{ actor_kind: string; actor_id: string; actor_role: string; plan_id: string; outcome: string }>(
      "SELECT actor_kind, actor_id, actor_role, plan_id, outcome FROM audit_events WHERE event = 'family.read' ORDER BY seq DESC LIMIT 1");
    expect(row).toEqual({ actor_kind: 'citizen', actor_id: sofiaRow!.id, actor_role: 'guardian', plan_id: plans.Elias, outcome: 'success' });
    await sofia.get(`/api/family/plans/${plans.Noah}`);
    const [refused] = await t.ctx.db.query<{ outcome: string; actor_id: string }>("SELECT outcome, actor_id FROM audit_events WHERE event = 'family.read' ORDER BY seq DESC LIMIT 1");
    expect(refused).toEqual({ outcome: 'denied', actor_id: sofiaRow!.id });
  });

  it('a protected address or phone number is never shown, not even to the child’s guardian', async () => {
    const jenny = await guardian('Jenny Hansson');
    const res = await jenny.get(`/api/family/plans/${plans.Alva}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/Hemlig adress|070-111|Storgatan/);
    expect(res.json().child).toEqual({ givenName: 'Alva', familyName: 'Hansson', protectedIdentity: true });
  });

  it('a young person sees their own plan only at the county’s age and when the coordinator has opened it', async () => {
    const elias = await child('elias');
    // Elias is 12; the default age is 13.
    expect((await elias.get('/api/family/plans')).json().plans).toEqual([]);
    expect((await elias.get(`/api/family/plans/${plans.Elias}`)).statusCode).toBe(404);
    await t.ctx.db.query("UPDATE counties SET young_person_access_age = 12 WHERE county = '12'");
    // Old enough now, but the coordinator has not opened it.
    expect((await elias.get(`/api/family/plans/${plans.Elias}`)).statusCode).toBe(404);
    // Only the coordinator opens it.
    const karin = await t.as(DEMO.teacherKristianstad);
    const v = Number(String((await johan.get(`/api/plans/${plans.Elias}`)).headers.etag).replace(/"/g, ''));
    const put = await t.app.inject({ method: 'POST', url: `/api/plans/${plans.Elias}/young-person-access`, headers: { ...karin.headers, 'content-type': 'application/json', 'if-match': `"${v}"` }, payload: { enabled: true } });
    expect(put.statusCode).toBe(403);
    const opened = await t.app.inject({ method: 'POST', url: `/api/plans/${plans.Elias}/young-person-access`, headers: { ...johan.headers, 'content-type': 'application/json', 'if-match': `"${v}"` }, payload: { enabled: true } });
    expect(opened.statusCode).toBe(200);
    const own = await elias.get(`/api/family/plans/${plans.Elias}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().as).toBe('child');
    // Back to 13: Elias is below it again.
    await t.ctx.db.query("UPDATE counties SET young_person_access_age = 13 WHERE county = '12'");
    expect((await elias.get(`/api/family/plans/${plans.Elias}`)).statusCode).toBe(404);
  });

  it('the demo young person: Ebba sees her own plan and not her sister’s; Maja, below the age, sees none; their mother sees both', async () => {
    const ebba = await child('ebba');
    const maja = await child('maja');
    const linda = await guardian('Linda Johansson');
    expect((await ebba.get('/api/family/plans')).json().plans).toEqual([expect.objectContaining({ id: plans.Ebba, childGivenName: 'Ebba', as: 'child' })]);
    expect((await ebba.get(`/api/family/plans/${plans.Ebba}`)).json()).toMatchObject({ as: 'child', child: { givenName: 'Ebba' }, coordinator: { name: 'Erik Persson' } });
    expect((await ebba.get(`/api/family/plans/${plans.Maja}`)).statusCode).toBe(404);
    expect((await ebba.get(`/api/family/plans/${plans.Elias}`)).statusCode).toBe(404);
    expect((await maja.get('/api/family/plans')).json().plans).toEqual([]);
    expect((await maja.get(`/api/family/plans/${plans.Maja}`)).statusCode).toBe(404);
    expect((await linda.get('/api/family/plans')).json().plans.map((p: { childGivenName: string; as: string }) => [p.childGivenName, p.as])).toEqual([['Ebba', 'guardian'], ['Maja', 'guardian']]);
    // The coordinator closes it again: at once, Ebba sees nothing; her mother still does.
    const erik = await t.as(DEMO.socialWorkerTrelleborg);
    const v = Number(String((await erik.get(`/api/plans/${plans.Ebba}`)).headers.etag).replace(/"/g, ''));
    const closed = await t.app.inject({ method: 'POST', url: `/api/plans/${plans.Ebba}/young-person-access`, headers: { ...erik.headers, 'content-type': 'application/json', 'if-match': `"${v}"` }, payload: { enabled: false } });
    expect(closed.statusCode).toBe(200);
    expect((await ebba.get('/api/family/plans')).json().plans).toEqual([]);
    expect((await ebba.get(`/api/family/plans/${plans.Ebba}`)).statusCode).toBe(404);
    expect((await linda.get(`/api/family/plans/${plans.Ebba}`)).statusCode).toBe(200);
  });

  it('before a coordinator is named, the staff member who initiated the plan is told of the family’s consent', async () => {
    const linda = await guardian('Linda Johansson');
    const soc = await t.unitId('Socialtjänsten barn och familj, Trelleborg');
    const given = await linda.post(`/api/family/plans/${plans.Maja}/consent/units/${soc}/give`);
    expect(given.statusCode).toBe(201);
    const fatima = (await (await t.as(DEMO.nurseTrelleborg)).get('/api/notifications')).json();
    expect((fatima.items ?? fatima.notifications).filter((n: { kind: string; planId?: string }) => n.kind === 'family_consent_changed'))
      .toEqual([expect.objectContaining({ title: expect.stringMatching(/^Familjen har gett samtycke i /), link: `/planer/${plans.Maja}/samtycke` })]);
    const [mail] = await t.ctx.db.query<{ subject: string }>(
      `SELECT o.subject FROM email_outbox o JOIN notifications n ON n.county = o.county AND n.id = o.notification_id WHERE n.plan_id = $1 AND n.kind = 'family_consent_changed'`, [plans.Maja]);
    expect(mail?.subject).toMatch(/^Familjen har gett samtycke i /);
  });

  it('the child’s voice: written by the family, shown to staff, never writable by staff (the database refuses)', async () => {
    const sofia = await guardian('Sofia Karlsson') as Client & { put: (u: string, b: unknown, h?: Record<string, string>) => Promise<{ statusCode: number; json(): any; headers: Record<string, unknown> }> };
    const url = `/api/family/plans/${plans.Elias}/voice/my_goals`;
    // No CSRF token: refused before anything else.
    const forged = await t.app.inject({ method: 'PUT', url, headers: { cookie: sofia.cookie, 'content-type': 'application/json', 'if-match': '"0"' }, payload: { text: 'x' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('csrf');
    expect((await sofia.put(url, { text: '' }, { 'if-match': '"0"' })).statusCode).toBe(400);
    const first = await sofia.put(url, { text: 'Jag vill orka gå till skolan.' }, { 'if-match': '"0"' });
    expect(first.statusCode).toBe(200);
    const stale = await sofia.put(url, { text: 'Något annat' }, { 'if-match': '"0"' });
    expect(stale.statusCode).toBe(412);
    const plan = (await johan.get(`/api/plans/${plans.Elias}`)).json();
    expect(plan.familyVoice).toEqual([expect.objectContaining({ kind: 'my_goals', text: 'Jag vill orka gå till skolan.', writtenRole: 'guardian' })]);
    const refused = await t.ctx.db.transaction(async (tx) => tx.query("UPDATE family_voice SET text = 'Skrivet av personal'").then(() => null, (e: Error) => e.message)).catch((e: Error) => e.message);
    expect(refused).toMatch(/only the child or a guardian/);
  });

  it('bad input names the field and changes nothing', async () => {
    const sofia = await guardian('Sofia Karlsson');
    const meeting = (await t.ctx.db.query<{ id: string }>('SELECT id FROM meetings WHERE plan_id = $1', [plans.Elias]))[0]!.id;
    const bad = await sofia.post(`/api/family/plans/${plans.Elias}/meetings/${meeting}/survey`, { listened: 7, clearWhoDoesWhat: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems[0].field).toBe('/listened');
    expect((await t.ctx.db.query('SELECT 1 FROM meeting_surveys')).length).toBe(0);
    const ok = await sofia.post(`/api/family/plans/${plans.Elias}/meetings/${meeting}/survey`, { listened: 4, clearWhoDoesWhat: 5, comment: 'Bra möte.' });
    expect(ok.statusCode).toBe(201);
    const [row] = await t.ctx.db.query<{ listened: number; clear_who_does_what: number }>('SELECT listened, clear_who_does_what FROM meeting_surveys');
    expect(row).toEqual({ listened: 4, clear_who_does_what: 5 });
  });

  it('a guardian answers a kallelse and downloads it as a calendar file with the video link', async () => {
    const anna = await guardian('Anna Eriksson');
    const view = (await anna.get(`/api/family/plans/${plans.Noah}`)).json();
    const inv = view.invitations.find((i: { upcoming: boolean }) => i.upcoming);
    expect(inv.myAnswer).toBeNull();
    const answered = await anna.post(`/api/family/plans/${plans.Noah}/invitations/${inv.id}/answer`, { answer: 'accepted' }, { 'if-match': '"0"' });
    expect(answered.statusCode).toBe(200);
    expect((await anna.get(`/api/family/plans/${plans.Noah}`)).json().invitations.find((i: { id: string }) => i.id === inv.id).myAnswer.answer).toBe('accepted');
    const ics = await anna.get(`/api/family/plans/${plans.Noah}/invitations/${inv.id}/calendar.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    expect(ics.body.replace(/\r\n /g, '')).toContain(`URL:${inv.videoLink}`);
    expect(ics.body).not.toContain('Noah');
  });

  it('a guardian approves the latest version and staff see it', async () => {
    const daniel = await guardian('Daniel Karlsson');
    const view = (await daniel.get(`/api/family/plans/${plans.Elias}`)).json();
    expect(view.approval).toMatchObject({ versionNo: 1, mine: null });
    expect((await daniel.post(`/api/family/plans/${plans.Elias}/approvals`, { versionNo: 2, decision: 'approved' })).statusCode).toBe(412);
    expect((await daniel.post(`/api/family/plans/${plans.Elias}/approvals`, { versionNo: 1, decision: 'approved' })).statusCode).toBe(201);
    expect((await daniel.post(`/api/family/plans/${plans.Elias}/approvals`, { versionNo: 1, decision: 'approved' })).statusCode).toBe(409);
    expect((await johan.get(`/api/plans/${plans.Elias}`)).json().approvals).toEqual([expect.objectContaining({ versionNo: 1, decision: 'approved', role: 'guardian' })]);
  });

  it('narrowing consent stops the unit’s very next read, tells the coordinator, and the access log names who read before', async () => {
    const sofia = await guardian('Sofia Karlsson');
    const soc = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    expect((await johan.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(200);
    const narrowed = await sofia.post(`/api/family/plans/${plans.Elias}/consent/units/${soc}/withdraw`);
    expect(narrowed.statusCode).toBe(200);
    // At once, without waiting for any cache: the read rule checks consent in SQL.
    const refused = await johan.get(`/api/plans/${plans.Elias}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('no_consent');
    // The other units still read it.
    expect((await (await t.as(DEMO.psychologistBup)).get(`/api/plans/${plans.Elias}`)).statusCode).toBe(200);
    // Narrowing it again: the unit is no longer covered.
    expect((await sofia.post(`/api/family/plans/${plans.Elias}/consent/units/${soc}/withdraw`)).json().problems[0].field).toBe('/unitId');
    const inbox = (await johan.get('/api/notifications')).json();
    expect(inbox.items ?? inbox.notifications).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'family_consent_changed', link: `/planer/${plans.Elias}/samtycke` })]));
    // And by e-mail, through the outbox in the same transaction: the plan number and the unit, never the child.
    const queued = await t.ctx.db.query<{ county: string; id: string }>(
      `SELECT o.county, o.id FROM email_outbox o JOIN notifications n ON n.county = o.county AND n.id = o.notification_id
        WHERE n.kind = 'family_consent_changed' AND n.plan_id = $1 AND o.recipient_id = $2`, [plans.Elias, await t.staffId(DEMO.socialWorkerKristianstad)]);
    expect(queued).toHaveLength(1);
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { from: 'samplan@example.se', send: async (m) => { sent.push(m); }, close: () => {} };
    const now = () => t.ctx.clock.now();
    for (const mail of await claimKeys(t.ctx.db, queued, now(), DEFAULT_DELIVERY.leaseMs)) {
      expect(await deliverClaimed(t.ctx.db, mailer, mail, now, { ...DEFAULT_DELIVERY, publicUrl: 'https://samplan.example.se' })).toBe('sent');
    }
    expect(sent).toEqual([expect.objectContaining({ to: 'johan.berg@example.se', subject: expect.stringMatching(/^Familjen har begränsat samtycket i /) })]);
    expect(sent[0]!.text).toContain('omfattar inte längre Socialtjänsten barn och familj, Kristianstad');
    expect(sent[0]!.text).toContain(`https://samplan.example.se/planer/${plans.Elias}/samtycke`);
    expect(sent[0]!.text).not.toMatch(identityNumberOr('Elias', 'Karlsson'));
    const view = (await sofia.get(`/api/family/plans/${plans.Elias}`)).json();
    expect(view.units.find((u: { id: string }) => u.id === soc).covered).toBe(false);
    const log = (await sofia.get(`/api/family/plans/${plans.Elias}/access-log`)).json().entries;
    expect(log).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'read', staffName: 'Johan Berg', unitName: 'Socialtjänsten barn och familj, Kristianstad', principalName: expect.stringMatching(/Kristianstad/), outcome: 'success' }),
      expect.objectContaining({ kind: 'read', staffName: 'Johan Berg', outcome: 'denied' }),
    ]));
  });

  it('consent given digitally: one guardian of two is not enough; with both, the unit reads again; a whole withdrawal needs its version', async () => {
    const sofia = await guardian('Sofia Karlsson');
    const daniel = await guardian('Daniel Karlsson');
    const soc = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    const first = await sofia.post(`/api/family/plans/${plans.Elias}/consent/units/${soc}/give`);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ sufficient: false, waitingFor: ['guardian_missing'] });
    expect((await johan.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(403);
    expect((await sofia.post(`/api/family/plans/${plans.Elias}/consent/units/${soc}/give`)).statusCode).toBe(409);
    expect((await daniel.get(`/api/family/plans/${plans.Elias}`)).json().units.find((u: { id: string }) => u.id === soc).pending).toEqual({ iGave: false });
    const second = await daniel.post(`/api/family/plans/${plans.Elias}/consent/units/${soc}/give`);
    expect(second.json()).toMatchObject({ sufficient: true, waitingFor: [] });
    expect((await johan.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(200);
    const [recorded] = await t.ctx.db.query<{ form: string; recorded_by: string | null }>("SELECT form, recorded_by FROM consents WHERE form = 'digital'");
    expect(recorded).toEqual({ form: 'digital', recorded_by: null });

    // The whole first consent, withdrawn by Daniel: a stale version is 412 and changes nothing.
    const consent = (await daniel.get(`/api/family/plans/${plans.Elias}`)).json().consents.find((c: { active: boolean; unitNames: string[] }) => c.active && c.unitNames.includes('BUP Kristianstad'));
    const url = `/api/family/plans/${plans.Elias}/consents/${consent.id}/withdraw`;
    expect((await daniel.post(url, {}, { 'if-match': `"${consent.version + 5}"` })).statusCode).toBe(412);
    const sara = await t.as(DEMO.psychologistBup);
    expect((await sara.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(200);
    expect((await daniel.post(url, {}, { 'if-match': `"${consent.version}"` })).statusCode).toBe(200);
    expect((await sara.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(403);
    // Social services' own digital consent still stands.
    expect((await johan.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(200);
  });

  it('a new coordinator: the family is told on their page who took over from whom', async () => {
    const johan = await t.as(DEMO.socialWorkerKristianstad);
    const plan = await johan.get(`/api/plans/${plans.Elias}`);
    const social = plan.json().coordinator.unitId;
    const eva = await t.staffId(DEMO.managerKristianstad);
    const before = (await (await guardian('Sofia Karlsson')).get(`/api/family/plans/${plans.Elias}`)).json();
    expect(before.coordinator.newSince).toBeNull();
    expect((await johan.patch(`/api/plans/${plans.Elias}`, { coordinator: { staffId: eva, unitId: social } }, { 'if-match': String(plan.headers.etag) })).statusCode).toBe(200);
    const after = (await (await guardian('Sofia Karlsson')).get(`/api/family/plans/${plans.Elias}`)).json();
    expect(after.coordinator).toMatchObject({ name: 'Eva Andersson', newSince: { formerName: 'Johan Berg' } });
    // After 90 days the contact person is no longer new.
    t.clock.offsetMs = 91 * 86_400_000;
    try {
      expect((await (await guardian('Sofia Karlsson')).get(`/api/family/plans/${plans.Elias}`)).json().coordinator.newSince).toBeNull();
    } finally {
      t.clock.offsetMs = 0;
    }
  });

  it('the whole consent, taken back in one step: no unit reads the plan any more, and the coordinator is told once', async () => {
    const sofia = await guardian('Sofia Karlsson');
    const sara = await t.as(DEMO.psychologistBup);
    // What still stands from the tests before: social services' digital consent.
    expect((await johan.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(200);
    const eva = await t.as(DEMO.managerKristianstad);
    const before = (await eva.get('/api/notifications')).json();
    const count = (inbox: { items?: Array<{ kind: string }>; notifications?: Array<{ kind: string }> }) => (inbox.items ?? inbox.notifications)!.filter((n) => n.kind === 'family_consent_changed').length;
    const res = await sofia.post(`/api/family/plans/${plans.Elias}/consents/withdraw-all`);
    expect(res.statusCode).toBe(200);
    expect(res.json().withdrawn).toBeGreaterThanOrEqual(1);
    for (const staff of [sara, johan, await t.as(DEMO.teacherKristianstad)]) expect((await staff.get(`/api/plans/${plans.Elias}`)).statusCode).toBe(403);
    expect((await sofia.get(`/api/family/plans/${plans.Elias}`)).json().consents.every((c: { active: boolean }) => !c.active)).toBe(true);
    // Eva coordinates the plan since the test before: one notice for the one step.
    const after = (await eva.get('/api/notifications')).json();
    expect(count(after)).toBe(count(before) + 1);
    expect((after.items ?? after.notifications)[0]).toMatchObject({ kind: 'family_consent_changed', title: expect.stringMatching(/^Familjen har återkallat hela samtycket i /) });
    // Nothing left to take back.
    expect((await sofia.post(`/api/family/plans/${plans.Elias}/consents/withdraw-all`)).json().problems[0].code).toBe('no_consent');
  });
});
