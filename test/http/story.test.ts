/**
 * The whole story over HTTP: a school in Kristianstad initiates a SIP for a 12-year-old; both
 * guardians consent for the school, BUP and social services; invitation with purpose and
 * question; mapping; meeting with the child present; establishing fails with 422 listing each
 * missing statutory content, then succeeds; a follow-up revises the plan (version 2, version 1
 * still readable); evaluation; closure. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { verifyAuditChain } from '../../src/store/audit.ts';
import { swedishDate } from '../../src/services/context.ts';

// Days as the server counts them: in Sweden (between midnight in Stockholm and in UTC they differ).
const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
const etag = (res: { headers: Record<string, unknown> }) => String(res.headers.etag);

describe('a SIP from initiative to closure', () => {
  let t: TestApp;
  let school: Client, social: Client, bup: Client;
  let units: { school: string; social: string; bup: string };
  let principals: { kristianstad: string; region: string };
  let childId: string, guardianIds: string[], planId: string;
  const childNumber = testIdentityNumber('2014-06-01', '417'); // 12 years old in 2026

  beforeAll(async () => {
    t = await startTestApp();
    school = await t.as(DEMO.teacherKristianstad);
    social = await t.as(DEMO.socialWorkerKristianstad);
    bup = await t.as(DEMO.psychologistBup);
    units = {
      school: await t.unitId('Näsby skola'),
      social: await t.unitId('Socialtjänsten barn och familj, Kristianstad'),
      bup: await t.unitId('BUP Kristianstad'),
    };
    const ps = await t.ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM principals');
    principals = { kristianstad: ps.find((p) => p.name === 'Kristianstads kommun')!.id, region: ps.find((p) => p.name === 'Region Skåne')!.id };
  });
  afterAll(() => t.close());

  it('the school registers the child with both guardians', async () => {
    const res = await school.post('/api/persons', {
      person: { identityNumber: childNumber, givenName: 'Ella', familyName: 'Berg' },
      guardians: [
        { identityNumber: testIdentityNumber('1985-02-03', '512'), givenName: 'Petra', familyName: 'Berg' },
        { identityNumber: testIdentityNumber('1983-09-09', '523'), givenName: 'Jonas', familyName: 'Berg' },
      ],
    });
    expect(res.statusCode).toBe(201);
    ({ id: childId, guardianIds } = res.json());
    expect(guardianIds).toHaveLength(2);
    // Found again by identity number, sent in the body, never in the URL.
    const found = await school.post('/api/persons/lookup', { identityNumber: childNumber.slice(0, 8) + '-' + childNumber.slice(8) });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ id: childId, givenName: 'Ella', identityNumberMasked: '20140601-****' });
    expect(found.body).not.toContain(childNumber.slice(8));
  });

  it('the school initiates a SIP with social services and BUP', async () => {
    const res = await school.post('/api/plans', { childId, reason: 'Ella har slutat gå till skolan och mår dåligt.', unitIds: [units.social, units.bup] });
    expect(res.statusCode).toBe(201);
    planId = res.json().id;
    expect(res.json().planNumber).toMatch(/^SIP-\d{4}-\d{6}$/);
    const plan = (await school.get(`/api/plans/${planId}`)).json();
    expect(plan.state).toBe('initiated');
    expect(plan.participants.filter((p: any) => p.kind === 'unit').map((p: any) => p.unitId).sort()).toEqual([units.school, units.social, units.bup].sort());
    expect(plan.participants.filter((p: any) => p.kind === 'guardian')).toHaveLength(2);
    // Before consent, the other units see nothing.
    expect((await bup.get(`/api/plans/${planId}`)).statusCode).toBe(403);
  });

  it('both guardians consent for school, BUP and social services', async () => {
    const res = await school.post(`/api/plans/${planId}/consents`, {
      form: 'written', givenOn: day(0), validFrom: day(0), validUntil: day(365), excludes: 'Journalanteckningar från BUP delas inte med skolan.',
      givers: [...guardianIds.map((personId) => ({ personId, role: 'guardian', stance: 'consents' })), { personId: childId, role: 'child', stance: 'consents' }],
      unitIds: [units.school, units.bup, units.social],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().sufficient).toBe(true);
    expect((await bup.get(`/api/plans/${planId}`)).statusCode).toBe(200);
  });

  it('the school sends an invitation with purpose and question; BUP and social services accept', async () => {
    const plan = await school.get(`/api/plans/${planId}`);
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const res = await school.post(`/api/plans/${planId}/invitations`, {
      purpose: 'Samordna stödet kring Ellas skolgång.', question: 'Hur kan vi tillsammans hjälpa Ella tillbaka till skolan?',
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      place: 'Näsby skola, konferensrummet', videoLink: null, meetingLeaderId: await t.staffId(DEMO.teacherKristianstad), noteTakerId: null,
      invitees: [{ unitId: units.social }, { unitId: units.bup }, ...guardianIds.map((personId) => ({ personId }))],
    }, { 'if-match': etag(plan) });
    expect(res.statusCode).toBe(201);
    const invitationId = res.json().id;
    for (const client of [social, bup]) {
      const worklist = (await client.get('/api/worklist')).json();
      const item = worklist.invitations.find((i: any) => i.invitationId === invitationId);
      expect(item).toBeDefined();
      const answer = await client.post(`/api/plans/${planId}/invitations/${invitationId}/answer`, { answer: 'accepted' }, { 'if-match': `"${item.inviteeVersion}"` });
      expect(answer.statusCode).toBe(200);
    }
    const after = (await school.get(`/api/plans/${planId}`)).json();
    expect(after.state).toBe('invited');
    expect(after.invitations[0].invitees.filter((i: any) => i.unitId).map((i: any) => i.answer)).toEqual(['accepted', 'accepted']);
  });

  it('the needs are mapped, with the child\'s own view', async () => {
    for (const [lifeArea, description, childView] of [['achieving', 'Frånvaro 60 % i höst.', 'Jag klarar inte av matsalen.'], ['healthy', 'Sover dåligt, oro.', null]] as const) {
      expect((await social.post(`/api/plans/${planId}/needs`, { lifeArea, description, childView })).statusCode).toBe(201);
    }
    const plan = await school.get(`/api/plans/${planId}`);
    expect((await school.post(`/api/plans/${planId}/mapping/complete`, undefined, { 'if-match': etag(plan) })).statusCode).toBe(200);
    expect((await school.get(`/api/plans/${planId}`)).json().state).toBe('mapped');
  });

  it('the meeting is held with the child present', async () => {
    const plan = (await school.get(`/api/plans/${planId}`)).json();
    const res = await school.post(`/api/plans/${planId}/meetings`, {
      invitationId: plan.invitations[0].id, kind: 'first', heldAt: new Date(Date.now() - 3_600_000).toISOString(), childPresent: true,
      attendance: [{ unitId: units.school }, { unitId: units.social }, { unitId: units.bup }, { personId: childId }, ...guardianIds.map((personId) => ({ personId }))],
    });
    expect(res.statusCode).toBe(201);
    expect((await bup.get(`/api/plans/${planId}`)).json().meetings[0]).toMatchObject({ childPresent: true, kind: 'first' });
  });

  it('establishing fails with 422 naming each missing statutory content, then succeeds once they are there', async () => {
    let plan = await school.get(`/api/plans/${planId}`);
    const refused = await school.post(`/api/plans/${planId}/establish`, undefined, { 'if-match': etag(plan) });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const fields = refused.json().problems.map((p: any) => p.field).sort();
    expect(fields).toEqual(['/coordinator', '/measures_by_others', '/needed_interventions', '/next_follow_up', '/overall_responsibility', '/principal_responsibility'].sort());
    expect(refused.json().problems.find((p: any) => p.field === '/overall_responsibility').message).toContain('SoL 2 kap 7 §');
    expect((await school.get(`/api/plans/${planId}`)).json().state).toBe('mapped');

    const goal = await school.post(`/api/plans/${planId}/goals`, { professionalWording: 'Närvaron är minst 80 % i vår.', childWords: 'Jag vill kunna äta lunch med mina kompisar.' });
    const goalId = goal.json().id;
    const ints = [
      { unitId: units.school, responsibleStaffId: await t.staffId(DEMO.teacherKristianstad), description: 'Anpassad skoldag och lugn lunch.' },
      { unitId: units.bup, responsibleStaffId: await t.staffId(DEMO.psychologistBup), description: 'Bedömning av oro och sömn.' },
    ];
    for (const i of ints) {
      expect((await school.post(`/api/plans/${planId}/interventions`, { ...i, goalId, startsOn: day(0), dueOn: day(60) })).statusCode).toBe(201);
    }
    expect((await school.post(`/api/plans/${planId}/measures`, { actor: 'Försäkringskassan', description: 'Prövar omvårdnadsbidrag.' })).statusCode).toBe(201);
    plan = await school.get(`/api/plans/${planId}`);
    const patched = await school.patch(`/api/plans/${planId}`, {
      coordinator: { staffId: await t.staffId(DEMO.socialWorkerKristianstad), unitId: units.social },
      overallPrincipalId: principals.kristianstad, nextFollowUpOn: day(30),
    }, { 'if-match': etag(plan) });
    expect(patched.statusCode).toBe(200);
    const established = await school.post(`/api/plans/${planId}/establish`, undefined, { 'if-match': etag(patched) });
    expect(established.statusCode).toBe(200);
    expect(established.json().planVersion).toBe(1);
    const after = (await bup.get(`/api/plans/${planId}`)).json();
    expect(after.state).toBe('established');
    expect(after.coordinator.name).toBe('Johan Berg');
    expect(after.interventions.map((i: any) => i.principalId).sort()).toEqual([principals.kristianstad, principals.region].sort());
  });

  it('a follow-up revises the plan into version 2 and version 1 stays readable', async () => {
    const before = (await school.get(`/api/plans/${planId}`)).json();
    const goal = before.goals[0];
    const edit = await social.patch(`/api/plans/${planId}/goals/${goal.id}`, { childWords: 'Jag vill äta lunch i matsalen varje dag.' }, { 'if-match': `"${goal.version}"` });
    expect(edit.statusCode).toBe(200);
    const plan = await social.get(`/api/plans/${planId}`);
    const res = await social.post(`/api/plans/${planId}/follow-ups`, { heldOn: day(0), note: 'Närvaron har ökat.', nextFollowUpOn: day(60) }, { 'if-match': etag(plan) });
    expect(res.statusCode).toBe(200);
    expect(res.json().planVersion).toBe(2);
    const v1 = (await bup.get(`/api/plans/${planId}/versions/1`)).json();
    const v2 = (await bup.get(`/api/plans/${planId}/versions/2`)).json();
    expect(v1.content.goals[0].childWords).toBe('Jag vill kunna äta lunch med mina kompisar.');
    expect(v2.content.goals[0].childWords).toBe('Jag vill äta lunch i matsalen varje dag.');
    expect(v2.content.nextFollowUpOn).toBe(day(60));
    const after = (await school.get(`/api/plans/${planId}`)).json();
    expect(after.versions.map((v: any) => v.versionNo)).toEqual([1, 2]);
    expect(after.followUps[0]).toMatchObject({ dueOn: day(30), heldOn: day(0), heldInTime: true, newVersion: 2 });
  });

  it('each responsible unit reports on its intervention', async () => {
    const plan = (await bup.get(`/api/plans/${planId}`)).json();
    const mine = plan.interventions.find((i: any) => i.unitId === units.bup);
    const res = await bup.post(`/api/plans/${planId}/interventions/${mine.id}/reports`, { status: 'done', note: 'Bedömningen är klar; återkoppling till familjen given.' });
    expect(res.statusCode).toBe(201);
    const theirs = plan.interventions.find((i: any) => i.unitId === units.school);
    expect((await bup.post(`/api/plans/${planId}/interventions/${theirs.id}/reports`, { status: 'done', note: 'x' })).statusCode).toBe(400);
    const after = (await school.get(`/api/plans/${planId}`)).json();
    expect(after.interventions.find((i: any) => i.id === mine.id)).toMatchObject({ status: 'done', doneOn: day(0) });
  });

  it('the plan is evaluated goal by goal, then closed with a reason', async () => {
    let plan = await school.get(`/api/plans/${planId}`);
    const goalId = plan.json().goals[0].id;
    const closeTooEarly = await school.post(`/api/plans/${planId}/close`, { reason: 'goals_reached' }, { 'if-match': etag(plan) });
    expect(closeTooEarly.statusCode).toBe(409);
    const evaluated = await school.post(`/api/plans/${planId}/evaluations`, {
      final: true, evaluations: [{ goalId, outcome: 'reached', childView: 'Jag äter lunch med Sara varje dag.', guardianView: 'Hon går till skolan igen.' }],
    }, { 'if-match': etag(plan) });
    expect(evaluated.statusCode).toBe(200);
    plan = await school.get(`/api/plans/${planId}`);
    expect(plan.json().state).toBe('evaluated');
    const closed = await school.post(`/api/plans/${planId}/close`, { reason: 'goals_reached', note: 'Målen är nådda.' }, { 'if-match': etag(plan) });
    expect(closed.statusCode).toBe(200);
    const after = (await bup.get(`/api/plans/${planId}`)).json();
    expect(after.state).toBe('closed');
    expect(after.closureReason).toBe('goals_reached');
    expect(after.stateChanges.map((c: any) => c.to)).toEqual(['initiated', 'invited', 'mapped', 'established', 'established', 'evaluated', 'closed']);
    expect(after.nextSteps).toEqual([]);
  });

  it('every step left audit rows, and the chain holds', async () => {
    const events = await t.ctx.db.query<{ event: string; n: number }>(
      "SELECT event, count(*)::int AS n FROM audit_events WHERE plan_id = $1 AND outcome = 'success' GROUP BY event", [planId]);
    const byEvent = Object.fromEntries(events.map((e) => [e.event, e.n]));
    for (const e of ['plan.initiate', 'consent.record', 'invitation.send', 'invitation.answer', 'need.add', 'meeting.record', 'plan.establish', 'plan.follow_up', 'plan.evaluate', 'plan.close', 'plan.read']) {
      expect(byEvent[e], e).toBeGreaterThan(0);
    }
    const { breaks } = await verifyAuditChain(t.ctx.db);
    expect(breaks).toEqual([]);
  });
});
