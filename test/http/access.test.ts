/**
 * Who may see and touch a plan, over HTTP, as the users and an auditor would notice it:
 * participation, consent (OSL 25/26/23 kap: information crosses secrecy only to the units a
 * consent covers), withdrawal with immediate effect, protected identity, the analyst role, and
 * identity numbers never in a URL or a response. Every refusal is checked in audit_events.
 *
 * The situation is built over HTTP: the Kristianstad school registers a child with two guardians,
 * initiates a SIP with social services and BUP Kristianstad, and both guardians consent for the
 * school and social services only. BUP then takes part but is not covered.
 *
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { DEMO_CHILDREN, testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { swedishDate } from '../../src/services/context.ts';

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
const etag = (res: LightMyRequestResponse) => String(res.headers.etag);
const SKANE = '12';

/** The ids a plan route's path and body are made from. */
interface Ids {
  planId: string;
  needId: string;
  goalId: string;
  interventionId: string;
  measureId: string;
  invitationId: string;
  participantId: string;
  consentId: string;
  versionNo: string;
  /** A unit and a staff member for bodies that name them. */
  unitId: string;
  staffId: string;
  otherUnitId: string;
}

type Permission = 'plan.read' | 'plan.write' | 'plan.consent' | 'plan.end';

interface PlanRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document, ids in braces. */
  path: string;
  permission: Permission;
  /** The audit event the service writes. */
  event: string;
  body?: (x: Ids) => unknown;
  /** Beyond the permission, only the initiating or coordinating unit may (cancel). */
  ownerOnly?: true;
}

const route = (method: PlanRoute['method'], path: string, permission: Permission, event: string, body?: (x: Ids) => unknown, extra: Partial<PlanRoute> = {}): PlanRoute =>
  ({ method, path, permission, event, ...(body ? { body } : {}), ...extra });

/**
 * Every route under /api/plans/{planId}, one line each; a test checks the list against the
 * OpenAPI document, so a new plan route that is missing here fails. Bodies are schema-valid,
 * so the request reaches the access check; every edit carries a stale If-Match ("99"), so that
 * nothing could change even if a gate let it through.
 */
const PLAN_ROUTES: PlanRoute[] = [
  route('GET', '/api/plans/{planId}', 'plan.read', 'plan.read'),
  route('PATCH', '/api/plans/{planId}', 'plan.write', 'plan.update', () => ({ nextFollowUpOn: day(30) })),
  route('POST', '/api/plans/{planId}/participants', 'plan.write', 'participant.add', (x) => ({ kind: 'unit', unitId: x.otherUnitId })),
  route('DELETE', '/api/plans/{planId}/participants/{participantId}', 'plan.write', 'participant.remove'),
  route('POST', '/api/plans/{planId}/establish', 'plan.write', 'plan.establish'),
  route('POST', '/api/plans/{planId}/follow-ups', 'plan.write', 'plan.follow_up', () => ({ heldOn: day(0), nextFollowUpOn: day(60) })),
  route('POST', '/api/plans/{planId}/evaluations', 'plan.write', 'plan.evaluate', (x) => ({ final: false, evaluations: [{ goalId: x.goalId, outcome: 'reached' }] })),
  route('POST', '/api/plans/{planId}/close', 'plan.write', 'plan.close', () => ({ reason: 'goals_reached' })),
  route('POST', '/api/plans/{planId}/cancel', 'plan.end', 'plan.cancel', () => ({ reason: 'Försök att avbryta.' }), { ownerOnly: true }),
  route('GET', '/api/plans/{planId}/versions/{versionNo}', 'plan.read', 'plan.read_version'),
  route('GET', '/api/plans/{planId}/timeline', 'plan.read', 'plan.read_timeline'),
  route('GET', '/api/plans/{planId}/pdf', 'plan.read', 'plan.print'),
  route('POST', '/api/plans/{planId}/consents', 'plan.consent', 'consent.record', () => ({ form: 'oral', givenOn: day(0), validFrom: day(0), validUntil: day(30), givers: [], unitIds: [] })),
  route('POST', '/api/plans/{planId}/consents/{consentId}/withdraw', 'plan.end', 'consent.withdraw', () => ({ note: 'Försök att återkalla.' })),
  route('POST', '/api/plans/{planId}/invitations', 'plan.write', 'invitation.send', () => ({ invitees: [] })),
  route('POST', '/api/plans/{planId}/invitations/{invitationId}/answer', 'plan.read', 'invitation.answer', () => ({ answer: 'accepted' })),
  route('PATCH', '/api/plans/{planId}/invitations/{invitationId}', 'plan.write', 'invitation.change', () => ({ place: 'Ett annat rum' })),
  route('POST', '/api/plans/{planId}/invitations/{invitationId}/cancel', 'plan.write', 'invitation.cancel'),
  route('POST', '/api/plans/{planId}/mapping/complete', 'plan.write', 'plan.complete_mapping'),
  route('POST', '/api/plans/{planId}/meetings', 'plan.write', 'meeting.record', () => ({ kind: 'first', heldAt: new Date().toISOString(), childPresent: true, attendance: [] })),
  route('POST', '/api/plans/{planId}/needs', 'plan.write', 'need.add', () => ({ lifeArea: 'safe', description: 'Ett behov.' })),
  route('PATCH', '/api/plans/{planId}/needs/{needId}', 'plan.write', 'need.update', () => ({ description: 'Ändrat behov.' })),
  route('POST', '/api/plans/{planId}/goals', 'plan.write', 'goal.add', () => ({ professionalWording: 'Ett mål.' })),
  route('PATCH', '/api/plans/{planId}/goals/{goalId}', 'plan.write', 'goal.update', () => ({ childWords: 'Mina ord.' })),
  route('POST', '/api/plans/{planId}/interventions', 'plan.write', 'intervention.add', (x) => ({ description: 'En insats.', unitId: x.unitId, responsibleStaffId: x.staffId, startsOn: day(0), dueOn: day(30) })),
  route('PATCH', '/api/plans/{planId}/interventions/{interventionId}', 'plan.write', 'intervention.update', () => ({ status: 'ongoing' })),
  route('POST', '/api/plans/{planId}/interventions/{interventionId}/reports', 'plan.write', 'intervention.report', () => ({ status: 'ongoing', note: 'Det går bra.' })),
  route('POST', '/api/plans/{planId}/measures', 'plan.write', 'measure.add', () => ({ actor: 'Föreningen', description: 'En åtgärd.' })),
  route('PATCH', '/api/plans/{planId}/measures/{measureId}', 'plan.write', 'measure.update', () => ({ removed: true })),
  route('POST', '/api/plans/{planId}/young-person-access', 'plan.write', 'plan.young_person_access', () => ({ enabled: true })),
];

const urlOf = (r: PlanRoute, x: Ids) => r.path.replace(/\{(\w+)\}/g, (_, k: string) => x[k as keyof Ids]);
const label = (r: PlanRoute) => `${r.method} ${r.path}`;

interface AuditRow {
  seq: number;
  actor_id: string | null;
  actor_unit_id: string | null;
  event: string;
  plan_id: string | null;
  person_id: string | null;
  outcome: string;
  protected_identity: boolean;
  reason: string | null;
  permission: string | null;
}

/** Every identity number's forms that must never leave the server: 12 digits, with dash, 10 digits. */
const forms = (n: string) => [n, `${n.slice(0, 8)}-${n.slice(8)}`, n.slice(2), `${n.slice(2, 8)}-${n.slice(8)}`];

describe('access to a plan: participation, consent, role, protected identity', () => {
  let t: TestApp;
  /** Every response body this file received, for the scan at the end. */
  const seen: Array<{ what: string; body: string }> = [];
  let teacher: Client, social: Client, bup: Client, malmo: Client, nurse: Client, analyst: Client, admin: Client;
  let units: { school: string; social: string; bup: string; hab: string };
  let staff: { teacher: string; social: string; bup: string; malmo: string; analyst: string };

  const child = { identityNumber: testIdentityNumber('2013-06-18', '512'), givenName: 'Vera', familyName: 'Lindqvist' };
  const guardians = [
    { identityNumber: testIdentityNumber('1981-09-09', '523'), givenName: 'Tove', familyName: 'Lindqvist' },
    { identityNumber: testIdentityNumber('1980-03-27', '534'), givenName: 'Oskar', familyName: 'Lindqvist' },
  ];
  let childId: string, guardianIds: string[];
  /** The plan of the story: school, social services (covered) and BUP (not covered). */
  let ids: Ids;

  const tracked = (who: string, c: Client): Client => {
    const keep = async (what: string, p: Promise<LightMyRequestResponse>) => {
      const res = await p;
      seen.push({ what: `${who} ${what} → ${res.statusCode}`, body: res.body });
      return res;
    };
    return {
      get cookie() { return c.cookie; }, get csrfToken() { return c.csrfToken; }, get headers() { return c.headers; },
      get: (url, h) => keep(`GET ${url}`, c.get(url, h)),
      post: (url, b, h) => keep(`POST ${url}`, c.post(url, b, h)),
      patch: (url, b, h) => keep(`PATCH ${url}`, c.patch(url, b, h)),
      delete: (url, h) => keep(`DELETE ${url}`, c.delete(url, h)),
    };
  };

  const send = (c: Client, r: PlanRoute, x: Ids) => {
    const url = urlOf(r, x);
    const h = { 'if-match': '"99"' };
    switch (r.method) {
      case 'GET': return c.get(url, h);
      case 'DELETE': return c.delete(url, h);
      case 'PATCH': return c.patch(url, r.body?.(x) ?? {}, h);
      case 'POST': return c.post(url, r.body?.(x), h);
    }
  };

  /** Fails with the body in the message, so that an unexpected answer explains itself. */
  const expectStatus = (res: LightMyRequestResponse, status: number) =>
    expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);

  const lastSeq = async () =>
    (await t.ctx.db.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events WHERE county = $1', [SKANE]))[0]!.seq;
  const auditSince = (seq: number) => t.ctx.db.query<AuditRow>(
    `SELECT seq::int AS seq, actor_id, actor_unit_id, event, plan_id, person_id, outcome, protected_identity,
            detail->>'reason' AS reason, detail->>'permission' AS permission
     FROM audit_events WHERE county = $1 AND seq > $2 ORDER BY seq`, [SKANE, seq]);
  /** The request, and the audit rows it left. */
  const audited = async (request: () => Promise<LightMyRequestResponse>) => {
    const before = await lastSeq();
    const res = await request();
    return { res, rows: await auditSince(before) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    teacher = tracked('teacher', await t.as(DEMO.teacherKristianstad));
    social = tracked('social', await t.as(DEMO.socialWorkerKristianstad));
    bup = tracked('bup', await t.as(DEMO.psychologistBup));
    malmo = tracked('malmo', await t.as(DEMO.socialWorkerMalmo));
    nurse = tracked('nurse', await t.as(DEMO.nursePrimaryCare));
    analyst = tracked('analyst', await t.as(DEMO.analyst));
    admin = tracked('admin', await t.as(DEMO.principalAdmin));
    units = {
      school: await t.unitId('Näsby skola'),
      social: await t.unitId('Socialtjänsten barn och familj, Kristianstad'),
      bup: await t.unitId('BUP Kristianstad'),
      hab: await t.unitId('Barn- och ungdomshabiliteringen Kristianstad'),
    };
    staff = {
      teacher: await t.staffId(DEMO.teacherKristianstad),
      social: await t.staffId(DEMO.socialWorkerKristianstad),
      bup: await t.staffId(DEMO.psychologistBup),
      malmo: await t.staffId(DEMO.socialWorkerMalmo),
      analyst: await t.staffId(DEMO.analyst),
    };

    // The school registers the child with both guardians and initiates a SIP with social services and BUP.
    const reg = await teacher.post('/api/persons', { person: child, guardians });
    expectStatus(reg, 201);
    ({ id: childId, guardianIds } = reg.json() as { id: string; guardianIds: string[] });
    const started = await teacher.post('/api/plans', { childId, reason: 'Vera är ofta borta från skolan och har svårt att sova.', unitIds: [units.social, units.bup] });
    expectStatus(started, 201);
    const planId = (started.json() as { id: string }).id;

    // Both guardians (and Vera) consent, for the school and social services only.
    const consent = await teacher.post(`/api/plans/${planId}/consents`, {
      form: 'written', givenOn: day(0), validFrom: day(0), validUntil: day(365), excludes: 'BUP:s utredning',
      givers: [...guardianIds.map((personId) => ({ personId, role: 'guardian', stance: 'consents' })), { personId: childId, role: 'child', stance: 'consents' }],
      unitIds: [units.school, units.social],
    });
    expectStatus(consent, 201);
    expect(consent.json()).toMatchObject({ sufficient: true });
    const consentId = (consent.json() as { id: string }).id;

    // Contents, so that every sub-resource route can be tried with real ids.
    const need = await teacher.post(`/api/plans/${planId}/needs`, { lifeArea: 'achieving', description: 'Frånvaro över 30 %.', childView: 'Jag är trött på morgonen.' });
    expectStatus(need, 201);
    const needId = (need.json() as { id: string }).id;
    const goal = await teacher.post(`/api/plans/${planId}/goals`, { needId, professionalWording: 'Närvaron ökar till 80 %.', childWords: 'Jag vill orka gå till skolan.' });
    expectStatus(goal, 201);
    const goalId = (goal.json() as { id: string }).id;
    const intervention = await teacher.post(`/api/plans/${planId}/interventions`, { goalId, description: 'En trygg vuxen på morgonen.', unitId: units.school, responsibleStaffId: staff.teacher, startsOn: day(0), dueOn: day(60) });
    expectStatus(intervention, 201);
    const measure = await teacher.post(`/api/plans/${planId}/measures`, { actor: 'Friluftsfrämjandet', description: 'Friluftsgrupp på lördagar.' });
    expectStatus(measure, 201);
    let plan = await teacher.get(`/api/plans/${planId}`);
    expectStatus(plan, 200);
    // Social services is the coordinator.
    const patched = await teacher.patch(`/api/plans/${planId}`, { coordinator: { staffId: staff.social, unitId: units.social } }, { 'if-match': etag(plan) });
    expectStatus(patched, 200);
    const invitation = await teacher.post(`/api/plans/${planId}/invitations`, {
      purpose: 'Samordna stödet kring Vera.', question: 'Hur får vi Vera tillbaka till skolan?',
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 7 * 86_400_000 + 3_600_000).toISOString(),
      videoLink: 'https://mote.example.se/sip/vera', meetingLeaderId: staff.teacher, invitees: [{ unitId: units.social }, { unitId: units.bup }],
    }, { 'if-match': etag(patched) });
    expectStatus(invitation, 201);
    plan = await teacher.get(`/api/plans/${planId}`);
    expectStatus(plan, 200);
    const doc = plan.json() as { participants: Array<{ id: string; kind: string; unitId: string | null }> };
    const bupParticipant = doc.participants.find((p) => p.kind === 'unit' && p.unitId === units.bup)!;

    ids = {
      planId, needId, goalId, consentId, versionNo: '1',
      interventionId: (intervention.json() as { id: string }).id,
      measureId: (measure.json() as { id: string }).id,
      invitationId: (invitation.json() as { id: string }).id,
      participantId: bupParticipant.id,
      unitId: units.bup, staffId: staff.bup, otherUnitId: units.hab,
    };
  });
  afterAll(async () => { await t?.close(); });

  it('the route table names every plan route of the API (so that the checks below cover them all)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(res, 200);
    const paths = (res.json() as { paths: Record<string, Record<string, unknown>> }).paths;
    const inApi = Object.entries(paths)
      .filter(([p]) => p.startsWith('/api/plans/{planId}'))
      .flatMap(([p, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${p}`));
    expect(PLAN_ROUTES.map(label).sort()).toEqual(inApi.sort());
  });

  /** A second plan, initiated by the school for Milo, where a consent covers social services only. */
  let draftPlanId: string;

  describe('the initiating unit sees its own draft before any consent; then the consent decides', () => {
    let planId: string;

    beforeAll(async () => {
      const reg = await teacher.post('/api/persons', {
        person: { identityNumber: testIdentityNumber('2016-11-02', '545'), givenName: 'Milo', familyName: 'Sandberg' },
        guardians: [{ identityNumber: testIdentityNumber('1986-05-05', '556'), givenName: 'Ida', familyName: 'Sandberg' }],
      });
      expectStatus(reg, 201);
      const started = await teacher.post('/api/plans', { childId: (reg.json() as { id: string }).id, reason: 'Milo är orolig och har svårt med kamrater.', unitIds: [units.social] });
      expectStatus(started, 201);
      planId = draftPlanId = (started.json() as { id: string }).id;
    });

    it('before any consent: the school reads and edits its draft and finds it in its lists; social services, taking part, is refused', async () => {
      const own = await teacher.get(`/api/plans/${planId}`);
      expectStatus(own, 200);
      expect(own.json()).toMatchObject({ id: planId, state: 'initiated', consents: [] });
      expectStatus(await teacher.post(`/api/plans/${planId}/needs`, { lifeArea: 'included', description: 'Saknar kamrater.' }), 201);
      const list = await teacher.get('/api/plans');
      expect((list.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(planId);
      const work = await teacher.get('/api/worklist');
      expect((work.json() as { drafts: Array<{ planId: string }> }).drafts.map((d) => d.planId)).toContain(planId);

      const { res, rows } = await audited(() => social.get(`/api/plans/${planId}`));
      expectStatus(res, 403);
      expect(res.json()).toMatchObject({ status: 403, code: 'no_consent' });
      expect(res.body).not.toContain('Milo');
      expect(rows).toMatchObject([{ event: 'plan.read', outcome: 'denied', reason: 'no_consent', actor_id: staff.social, plan_id: planId }]);
      const socialList = await social.get('/api/plans');
      expect((socialList.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(planId);
    });

    it('once a consent covering only social services is recorded, the school no longer reads its own draft and social services does', async () => {
      const doc = (await teacher.get(`/api/plans/${planId}`)).json() as { child: { id: string }; guardians: Array<{ id: string }> };
      const consent = await teacher.post(`/api/plans/${planId}/consents`, {
        form: 'oral', givenOn: day(0), validFrom: day(0), validUntil: day(180),
        givers: [{ personId: doc.guardians[0]!.id, role: 'guardian', stance: 'consents' }, { personId: doc.child.id, role: 'child', stance: 'consents' }],
        unitIds: [units.social],
      });
      expectStatus(consent, 201);
      expect(consent.json()).toMatchObject({ sufficient: true });

      const { res, rows } = await audited(() => teacher.get(`/api/plans/${planId}`));
      expectStatus(res, 403);
      expect(res.json()).toMatchObject({ code: 'no_consent' });
      expect(rows).toMatchObject([{ event: 'plan.read', outcome: 'denied', reason: 'no_consent', actor_id: staff.teacher }]);
      expectStatus(await teacher.post(`/api/plans/${planId}/needs`, { lifeArea: 'safe', description: 'Ännu ett behov.' }), 403);
      const list = await teacher.get('/api/plans');
      expect((list.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(planId);
      const work = await teacher.get('/api/worklist');
      expect((work.json() as { drafts: Array<{ planId: string }> }).drafts.map((d) => d.planId)).not.toContain(planId);

      const covered = await social.get(`/api/plans/${planId}`);
      expectStatus(covered, 200);
      expect(covered.json()).toMatchObject({ id: planId, child: { givenName: 'Milo' } });
      const socialList = await social.get('/api/plans');
      expect((socialList.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(planId);
    });
  });

  describe('BUP takes part but the consent does not cover it: 403 on every plan resource, each refusal audited', () => {
    let before: unknown;

    beforeAll(async () => {
      const covered = await social.get(`/api/plans/${ids.planId}`);
      expectStatus(covered, 200);
      before = covered.json();
      expect(before).toMatchObject({ state: 'invited', child: { givenName: 'Vera' } });
    });

    for (const r of PLAN_ROUTES.filter((x) => x.permission === 'plan.read' || x.permission === 'plan.write')) {
      it(`${label(r)}: 403 no_consent, and a denied row in the audit trail`, async () => {
        const { res, rows } = await audited(() => send(bup, r, ids));
        expectStatus(res, 403);
        expect(res.json()).toMatchObject({ status: 403, code: 'no_consent' });
        expect(res.body).not.toContain('Vera');
        expect(res.body).not.toContain('Lindqvist');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actor_id: staff.bup, actor_unit_id: units.bup, event: r.event, plan_id: ids.planId, person_id: childId,
          outcome: 'denied', reason: 'no_consent', permission: r.permission,
        });
      });
    }

    // Recording and withdrawing a consent need participation only (the person may tell any
    // participating unit; src/access/plan-permissions.ts): BUP passes the gate, and the request
    // then fails on its own merits (an empty consent: 400; a stale version: 412), changing nothing.
    for (const r of PLAN_ROUTES.filter((x) => (x.permission === 'plan.consent' || x.permission === 'plan.end') && !x.ownerOnly)) {
      it(`${label(r)}: participation suffices by design; BUP's bad request is answered on its merits and reveals nothing`, async () => {
        const res = await send(bup, r, ids);
        expect([400, 412]).toContain(res.statusCode);
        expect(res.body).not.toContain('Vera');
      });
    }

    // Cancelling needs participation and ownership. BUP is neither initiating nor coordinating:
    // refused with 403, but the refusal is not written to the audit trail (known bug).
    for (const r of PLAN_ROUTES.filter((x) => x.ownerOnly)) {
      it(`${label(r)}: 403 (not the owner), and a denied row in the audit trail`, async () => {
        const { res, rows } = await audited(() => send(bup, r, ids));
        expectStatus(res, 403);
        expect(res.body).not.toContain('Vera');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ actor_id: staff.bup, event: r.event, plan_id: ids.planId, outcome: 'denied' });
      });
    }

    it('none of the refused requests changed the plan, and BUP lists and worklists do not show it', async () => {
      const after = await social.get(`/api/plans/${ids.planId}`);
      expectStatus(after, 200);
      expect(after.json()).toEqual(before);
      const list = await bup.get('/api/plans');
      expect((list.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(ids.planId);
      const work = await bup.get('/api/worklist');
      expect(work.body).not.toContain(ids.planId);
    });
  });

  describe('a unit that does not take part gets the same 404 as for a plan that does not exist', () => {
    const probes: Array<[string, () => Client, string]> = [
      ['Malmö social services', () => malmo, 'not_participating'],
      ['the primary care centre (the plan has no primary care)', () => nurse, 'not_participating'],
      ['the analyst of social services Kristianstad (covered unit, but the role reads no plan)', () => analyst, 'role'],
    ];
    for (const [who, client, reason] of probes) {
      it(`${who}: every plan route answers 404 identical to a random plan id's; both attempts are audited`, async () => {
        const staffId = who.startsWith('Malmö') ? staff.malmo : who.startsWith('the analyst') ? staff.analyst : await t.staffId(DEMO.nursePrimaryCare);
        for (const r of PLAN_ROUTES) {
          const real = await audited(() => send(client(), r, ids));
          const randomId = randomUUID();
          const none = await audited(() => send(client(), r, { ...ids, planId: randomId }));
          const where = `${who}: ${label(r)}`;
          expect(real.res.statusCode, where).toBe(404);
          expect(none.res.statusCode, where).toBe(404);
          expect(real.res.json(), where).toEqual(none.res.json());
          expect(real.res.json(), where).toMatchObject({ status: 404, code: 'not_found' });
          expect(real.res.headers['content-type'], where).toBe(none.res.headers['content-type']);
          expect(real.rows, where).toMatchObject([{ actor_id: staffId, event: r.event, plan_id: ids.planId, person_id: childId, outcome: 'denied', reason }]);
          expect(none.rows, where).toMatchObject([{ actor_id: staffId, event: r.event, plan_id: randomId, person_id: null, outcome: 'not_found', reason: 'no_such_plan' }]);
        }
      });
    }
  });

  describe('the analyst sees key figures only, never a person', () => {
    it('empty plan list and worklist, though the analyst belongs to a unit that the consent covers', async () => {
      const list = await analyst.get('/api/plans');
      expectStatus(list, 200);
      expect(list.json()).toMatchObject({ items: [], total: 0 });
      const work = await analyst.get('/api/worklist');
      expectStatus(work, 200);
      expect(work.json()).toEqual({ invitations: [], followUps: [], overdueInterventions: [], drafts: [], myPlans: [] });
      // The same unit in the staff role does see the plan: the role, not the unit, shuts the analyst out.
      const socialList = await social.get('/api/plans');
      expect((socialList.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(ids.planId);
    });

    it('cannot look up or register persons, nor read a log extract', async () => {
      for (const identityNumber of [child.identityNumber, DEMO_CHILDREN.elias.identityNumber]) {
        const res = await analyst.post('/api/persons/lookup', { identityNumber });
        expect([400, 403]).toContain(res.statusCode);
        expect(res.body).not.toContain('Vera');
        expect(res.body).not.toContain('Elias');
        expect(res.body).not.toContain(childId);
      }
      const reg = await analyst.post('/api/persons', { person: { identityNumber: testIdentityNumber('2015-01-01', '567'), givenName: 'Test', familyName: 'Testsson' } });
      expect([400, 403]).toContain(reg.statusCode);
      expect(await t.ctx.db.query("SELECT 1 FROM persons WHERE given_name = 'Test'")).toEqual([]);
      expectStatus(await analyst.get(`/api/persons/${childId}/log-extract`), 403);
    });
  });

  describe('a protected identity: address and phone never leave the server', () => {
    const alvaNumber = DEMO_CHILDREN.alva.identityNumber;
    const jennyNumber = testIdentityNumber('1990-08-08', '337');
    const secrets = ['Hemlig adress', DEMO_CHILDREN.alva.phone!, DEMO_CHILDREN.alva.phone!.replace(/\D/g, '')];
    let alvaId: string, alvaPlanId: string, jennyId: string;

    it('Malmö social services reads Alva\'s plan, lists, worklist and looks her up: no address, no phone, no identity number', async () => {
      const bodies: Array<[string, LightMyRequestResponse]> = [];
      const list = await malmo.get('/api/plans');
      expectStatus(list, 200);
      bodies.push(['list', list]);
      const item = (list.json() as { items: Array<{ id: string; childName: string }> }).items.find((i) => i.childName === 'Alva Hansson');
      expect(item).toBeDefined();
      alvaPlanId = item!.id;
      bodies.push(['search', await malmo.get('/api/plans?q=Alva')]);

      const plan = await malmo.get(`/api/plans/${alvaPlanId}`);
      expectStatus(plan, 200);
      bodies.push(['plan', plan]);
      const doc = plan.json() as { child: Record<string, unknown>; guardians: Array<Record<string, unknown>> };
      alvaId = doc.child.id as string;
      expect(doc.child).toMatchObject({ givenName: 'Alva', protectedIdentity: true, address: null, phone: null, email: null });
      expect(doc.guardians).toHaveLength(1);
      expect(doc.guardians[0]).toMatchObject({ givenName: 'Jenny', protectedIdentity: true, address: null, phone: null });
      jennyId = doc.guardians[0]!.id as string;
      // Jenny's phone (the demo default) is not shown either.
      expect(plan.body).not.toContain('070-000 00 00');

      const work = await malmo.get('/api/worklist');
      expectStatus(work, 200);
      expect(work.body).toContain(alvaPlanId);
      bodies.push(['worklist', work]);

      const found = await malmo.post('/api/persons/lookup', { identityNumber: alvaNumber });
      expectStatus(found, 200);
      expect(found.json()).toMatchObject({ id: alvaId, protectedIdentity: true, identityNumberMasked: '20190220-****' });
      bodies.push(['lookup', found]);
      const guardian = await malmo.post('/api/persons/lookup', { identityNumber: jennyNumber });
      expectStatus(guardian, 200);
      bodies.push(['guardian lookup', guardian]);

      // Others who touch her data: a Kristianstad school's lookup, BUP's probe of her plan, the log extract.
      bodies.push(['teacher lookup', await teacher.post('/api/persons/lookup', { identityNumber: alvaNumber })]);
      const probe = await bup.get(`/api/plans/${alvaPlanId}`);
      expectStatus(probe, 404);
      bodies.push(['probe', probe]);
      const extract = await admin.get(`/api/persons/${alvaId}/log-extract`);
      expectStatus(extract, 200);
      bodies.push(['log extract', extract]);

      for (const [what, res] of bodies) {
        for (const s of [...secrets, ...forms(alvaNumber), ...forms(jennyNumber)]) expect(res.body, `${what} contains ${s}`).not.toContain(s);
      }
    });

    it('every audit row about Alva (her person, her guardian, her plan) is marked protected_identity', async () => {
      const rows = await t.ctx.db.query<{ event: string; outcome: string; protected_identity: boolean }>(
        `SELECT event, outcome, protected_identity FROM audit_events
         WHERE county = $1 AND (person_id = ANY($2::uuid[]) OR plan_id = $3)`, [SKANE, [alvaId, jennyId], alvaPlanId]);
      // The seed's own rows and this file's reads, lookups, probe and extract.
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.filter((r) => r.event === 'plan.read' && r.outcome === 'denied').length).toBeGreaterThan(0);
      expect(rows.filter((r) => !r.protected_identity)).toEqual([]);
    });
  });

  describe('withdrawal takes effect at once; the plan can still be ended', () => {
    let planEtag: string;

    it('a stale withdrawal changes nothing; the withdrawal itself refuses every covered unit on the very next request', async () => {
      const own = await teacher.get(`/api/plans/${ids.planId}`);
      expectStatus(own, 200);
      planEtag = etag(own);
      const read = await social.get(`/api/plans/${ids.planId}`);
      expectStatus(read, 200);
      const consent = (read.json() as { consents: Array<{ id: string; version: number; active: boolean; unitIds: string[] }> }).consents.find((c) => c.id === ids.consentId)!;
      expect(consent).toMatchObject({ active: true, version: 1 });
      expect([...consent.unitIds].sort()).toEqual([units.school, units.social].sort());

      expectStatus(await social.post(`/api/plans/${ids.planId}/consents/${ids.consentId}/withdraw`, { note: 'x' }, { 'if-match': '"7"' }), 412);
      expectStatus(await teacher.get(`/api/plans/${ids.planId}`), 200);

      // The guardians tell social services that they withdraw their consent.
      const { res, rows } = await audited(() => social.post(`/api/plans/${ids.planId}/consents/${ids.consentId}/withdraw`,
        { note: 'Vårdnadshavarna återkallar samtycket per telefon.' }, { 'if-match': `"${consent.version}"` }));
      expectStatus(res, 200);
      expect(res.json()).toEqual({ version: consent.version + 1 });
      expect(etag(res)).toBe(`"${consent.version + 1}"`);
      expect(rows).toMatchObject([{ actor_id: staff.social, event: 'consent.withdraw', outcome: 'success', plan_id: ids.planId }]);

      for (const [who, client, staffId] of [['school (initiating)', teacher, staff.teacher], ['social services (coordinator, withdrew it)', social, staff.social], ['BUP', bup, staff.bup]] as const) {
        const refused = await audited(() => client.get(`/api/plans/${ids.planId}`));
        expect(refused.res.statusCode, who).toBe(403);
        expect(refused.res.body, who).not.toContain('Vera');
        expect(refused.rows, who).toMatchObject([{ actor_id: staffId, outcome: 'denied', reason: 'no_consent' }]);
      }
      expectStatus(await teacher.post(`/api/plans/${ids.planId}/needs`, { lifeArea: 'safe', description: 'Efter återkallelsen.' }), 403);
      expectStatus(await social.patch(`/api/plans/${ids.planId}/goals/${ids.goalId}`, { childWords: 'Efter återkallelsen.' }, { 'if-match': '"1"' }), 403);
      expectStatus(await malmo.get(`/api/plans/${ids.planId}`), 404);
      for (const client of [teacher, social]) {
        expect((await client.get('/api/plans')).body).not.toContain(ids.planId);
        expect((await client.get('/api/worklist')).body).not.toContain(ids.planId);
      }
      const [row] = await t.ctx.db.query<{ withdrawn: boolean }>('SELECT withdrawn_at IS NOT NULL AS withdrawn FROM consents WHERE id = $1', [ids.consentId]);
      expect(row).toEqual({ withdrawn: true });
    });

    it('the initiating school cancels the plan with its last version and a reason; BUP, neither owner, cannot', async () => {
      const notOwner = await bup.post(`/api/plans/${ids.planId}/cancel`, { reason: 'Samtycket är återkallat.' }, { 'if-match': planEtag });
      expectStatus(notOwner, 403);
      // The coordinator passes the gate too: only its stale version stops it here.
      expectStatus(await social.post(`/api/plans/${ids.planId}/cancel`, { reason: 'Samtycket är återkallat.' }, { 'if-match': '"99"' }), 412);

      const { res, rows } = await audited(() => teacher.post(`/api/plans/${ids.planId}/cancel`, { reason: 'Samtycket är återkallat.' }, { 'if-match': planEtag }));
      expectStatus(res, 200);
      expect(res.json()).toEqual({ version: Number(planEtag.replaceAll('"', '')) + 1 });
      expect(rows).toMatchObject([{ actor_id: staff.teacher, event: 'plan.cancel', outcome: 'success', plan_id: ids.planId }]);
      const [plan] = await t.ctx.db.query<{ state: string; cancel_reason: string }>('SELECT state, cancel_reason FROM plans WHERE id = $1', [ids.planId]);
      expect(plan).toEqual({ state: 'cancelled', cancel_reason: 'Samtycket är återkallat.' });
      // Still nothing to read for anyone.
      expectStatus(await teacher.get(`/api/plans/${ids.planId}`), 403);
    });
  });

  describe('withdrawing one of two consents: the document shows it withdrawn to those still covered', () => {
    it('the school, covered by the second consent only, is refused at once; social services reads on and sees the withdrawal', async () => {
      const read = await social.get(`/api/plans/${draftPlanId}`);
      expectStatus(read, 200);
      const doc = read.json() as { child: { id: string }; guardians: Array<{ id: string }> };
      const second = await social.post(`/api/plans/${draftPlanId}/consents`, {
        form: 'written', givenOn: day(0), validFrom: day(0), validUntil: day(90),
        givers: [{ personId: doc.guardians[0]!.id, role: 'guardian', stance: 'consents' }, { personId: doc.child.id, role: 'child', stance: 'consents' }],
        unitIds: [units.social, units.school],
      });
      expectStatus(second, 201);
      const secondId = (second.json() as { id: string }).id;
      expectStatus(await teacher.get(`/api/plans/${draftPlanId}`), 200);

      const withdrawn = await teacher.post(`/api/plans/${draftPlanId}/consents/${secondId}/withdraw`, { note: 'Skolan ska inte längre ta del.' }, { 'if-match': etag(second) });
      expectStatus(withdrawn, 200);
      const refused = await audited(() => teacher.get(`/api/plans/${draftPlanId}`));
      expectStatus(refused.res, 403);
      expect(refused.rows).toMatchObject([{ actor_id: staff.teacher, outcome: 'denied', reason: 'no_consent' }]);

      const after = await social.get(`/api/plans/${draftPlanId}`);
      expectStatus(after, 200);
      const consents = (after.json() as { consents: Array<{ id: string; active: boolean; withdrawnAt: string | null; withdrawalNote: string | null }> }).consents;
      expect(consents).toHaveLength(2);
      expect(consents.find((c) => c.id === secondId)).toMatchObject({ active: false, withdrawalNote: 'Skolan ska inte längre ta del.' });
      expect(consents.find((c) => c.id === secondId)!.withdrawnAt).not.toBeNull();
      expect(consents.find((c) => c.id !== secondId)).toMatchObject({ active: true, withdrawnAt: null });
    });
  });

  describe('a personal identity number is never in a URL nor in a response', () => {
    it('no path or query parameter of the API carries an identity number; lookups take it in the body', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expectStatus(res, 200);
      const api = res.json() as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }>> };
      const names = Object.entries(api.paths).flatMap(([path, ops]) => [
        ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        ...Object.values(ops).flatMap((op) => (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query').map((p) => p.name)),
      ]);
      expect(names).toContain('planId');
      expect(names.filter((n) => /ident|personnummer|pnr|ssn|samordning|reserv/i.test(n))).toEqual([]);
      expect(JSON.stringify(api.paths['/api/persons/lookup']?.post?.requestBody)).toContain('identityNumber');
    });

    it('the plan shows the child\'s number masked (YYYYMMDD-****), never whole; nor the guardians\'', async () => {
      // Read as it was before the withdrawal: the school's reads are kept by the tracker.
      const reads = seen.filter((s) => s.what.startsWith(`teacher GET /api/plans/${ids.planId} → 200`));
      expect(reads.length).toBeGreaterThan(0);
      const doc = JSON.parse(reads.at(-1)!.body) as { child: Record<string, unknown> };
      expect(doc.child.identityNumberMasked).toBe('20130618-****');
      expect(doc.child).not.toHaveProperty('identityNumber');
      for (const n of [child.identityNumber, ...guardians.map((g) => g.identityNumber)]) {
        for (const f of forms(n)) expect(reads.at(-1)!.body).not.toContain(f);
      }
    });

    it('no response of this whole file, nor any audit detail, holds an identity number of the story', async () => {
      const numbers = [child.identityNumber, ...guardians.map((g) => g.identityNumber), testIdentityNumber('2016-11-02', '545'),
        testIdentityNumber('1986-05-05', '556'), DEMO_CHILDREN.alva.identityNumber, DEMO_CHILDREN.elias.identityNumber];
      expect(seen.length).toBeGreaterThan(100);
      const leaks = seen.flatMap((s) => numbers.flatMap(forms).filter((f) => s.body.includes(f)).map((f) => `${s.what}: ${f}`));
      expect(leaks).toEqual([]);
      const inAudit = await t.ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_events WHERE detail::text LIKE ANY($1::text[])', [numbers.flatMap(forms).map((f) => `%${f}%`)]);
      expect(inAudit[0]!.n).toBe(0);
    });
  });
});
