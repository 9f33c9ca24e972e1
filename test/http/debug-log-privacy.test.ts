/**
 * No personal identity number in the log, even at the most talkative level (issue 4, "How it is
 * checked"; SIP.md §7: "never put one in a URL or a log line").
 *
 * The whole core story of story.test.ts (register the child and guardians, initiate, consent,
 * invitation and answers, mapping, meeting, goals, interventions, establish, follow-up, activity
 * reports, evaluation, closure), plus searches by identity number and bad input that carries one,
 * is sent to the real application built with a pino logger at level trace that writes into memory
 * (startTestApp passes `logger` on to buildApp; a stream in the options is where pino writes).
 * The captured log must hold every request (so that the test can fail) and none of the numbers of
 * the child and guardians in any written form; the answers to the bad input must not echo them.
 *
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { luhnCheckDigit } from '../../src/domain/identity-number.ts';
import { swedishDate } from '../../src/services/context.ts';

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
const etag = (res: LightMyRequestResponse) => ({ 'if-match': String(res.headers.etag) });

const CHILD = testIdentityNumber('2013-11-23', '426');
const GUARDIAN_1 = testIdentityNumber('1984-04-04', '437');
/** A samordningsnummer (day + 60): a guardian without a Swedish personnummer. */
const GUARDIAN_2 = testIdentityNumber('1982-12-72', '448');
/** Searched for, never registered. */
const STRANGER = testIdentityNumber('2016-07-07', '459');
/** The child's number with a wrong check digit: what a mistyping user sends. */
const MISTYPED = CHILD.slice(0, 11) + String((luhnCheckDigit(CHILD.slice(2, 11)) + 1) % 10);

/** Every way a number may be written: 12 or 10 digits, with or without '-' or '+', or URL-encoded. */
function writtenForms(n: string): string[] {
  const [long, short, serial] = [n.slice(0, 8), n.slice(2, 8), n.slice(8)];
  const plain = [n, `${long}-${serial}`, `${long}+${serial}`, `${short}${serial}`, `${short}-${serial}`, `${short}+${serial}`];
  return [...new Set([...plain, ...plain.map(encodeURIComponent)])];
}
const SECRETS = [CHILD, GUARDIAN_1, GUARDIAN_2, STRANGER, MISTYPED].flatMap(writtenForms);

const found = (text: string) => SECRETS.filter((s) => text.includes(s));

describe('the whole story at log level trace: no personal identity number in the log', () => {
  let t: TestApp;
  const log: string[] = [];
  let requests = 0;
  let school: Client, social: Client, bup: Client, admin: Client;
  let units: { school: string; social: string; bup: string };
  let kristianstad: string;
  let childId: string, guardianIds: string[], planId: string;
  /** The answers to requests that carried a number, to check that none is echoed. */
  const answers: Array<[string, LightMyRequestResponse]> = [];

  /** The helper's client, counting its requests: the log must hold at least as many. */
  function counted(c: Client): Client {
    const count = <T>(request: T) => { requests++; return request; };
    return {
      get cookie() { return c.cookie; },
      get csrfToken() { return c.csrfToken; },
      get headers() { return c.headers; },
      get: (url, headers) => count(c.get(url, headers)),
      post: (url, body, headers) => count(c.post(url, body, headers)),
      patch: (url, body, headers) => count(c.patch(url, body, headers)),
      delete: (url, headers) => count(c.delete(url, headers)),
    };
  }

  const expectStatus = (res: LightMyRequestResponse, status: number) => expect(res.statusCode, res.body.slice(0, 300)).toBe(status);

  beforeAll(async () => {
    const stream = new Writable({ write(chunk, _encoding, done) { log.push(String(chunk)); done(); } });
    t = await startTestApp({ logger: { level: 'trace', stream } });
    school = counted(await t.as(DEMO.teacherKristianstad));
    social = counted(await t.as(DEMO.socialWorkerKristianstad));
    bup = counted(await t.as(DEMO.psychologistBup));
    admin = counted(await t.as(DEMO.principalAdmin));
    units = {
      school: await t.unitId('Näsby skola'),
      social: await t.unitId('Socialtjänsten barn och familj, Kristianstad'),
      bup: await t.unitId('BUP Kristianstad'),
    };
    kristianstad = (await t.ctx.db.query<{ id: string }>("SELECT id FROM principals WHERE name = 'Kristianstads kommun'"))[0]!.id;
  });
  afterAll(async () => { await t?.close(); });

  it('the application logs at trace level into memory', () => {
    expect(t.app.log.level).toBe('trace');
  });

  it('the school registers the child and the guardians, finds the child by number in every form, and initiates a SIP', async () => {
    const reg = await school.post('/api/persons', {
      person: { identityNumber: CHILD, givenName: 'Tilde', familyName: 'Loggström' },
      guardians: [
        { identityNumber: `${GUARDIAN_1.slice(0, 8)}-${GUARDIAN_1.slice(8)}`, givenName: 'Petra', familyName: 'Loggström' },
        { identityNumber: GUARDIAN_2, givenName: 'Karim', familyName: 'Loggström' },
      ],
    });
    expectStatus(reg, 201);
    answers.push(['register', reg]);
    ({ id: childId, guardianIds } = reg.json() as { id: string; guardianIds: string[] });

    for (const form of [CHILD, `${CHILD.slice(0, 8)}-${CHILD.slice(8)}`, `${CHILD.slice(2, 8)}-${CHILD.slice(8)}`, CHILD.slice(2)]) {
      const res = await school.post('/api/persons/lookup', { identityNumber: form });
      expectStatus(res, 200);
      expect(res.json()).toMatchObject({ id: childId, identityNumberMasked: `${CHILD.slice(0, 8)}-****` });
      answers.push([`lookup ${form.length} characters`, res]);
    }
    const guardian = await social.post('/api/persons/lookup', { identityNumber: GUARDIAN_2 });
    expectStatus(guardian, 200);
    answers.push(['lookup of a samordningsnummer', guardian]);
    const nobody = await school.post('/api/persons/lookup', { identityNumber: STRANGER });
    expectStatus(nobody, 404);
    answers.push(['lookup of someone not registered', nobody]);

    const started = await school.post('/api/plans', { childId, reason: 'Tilde är ofta borta från skolan.', unitIds: [units.social, units.bup] });
    expectStatus(started, 201);
    planId = (started.json() as { id: string }).id;
  });

  it('bad input that carries a number is refused without echoing it', async () => {
    const refused: Array<[string, Promise<LightMyRequestResponse>, number]> = [
      ['a wrong check digit', school.post('/api/persons/lookup', { identityNumber: MISTYPED }), 400],
      ['a wrong check digit on registration', school.post('/api/persons', { person: { identityNumber: MISTYPED, givenName: 'Fel', familyName: 'Siffra' } }), 400],
      ['the same child registered again', school.post('/api/persons', { person: { identityNumber: CHILD, givenName: 'Tilde', familyName: 'Loggström' } }), 409],
      ['a number where an id belongs', school.post('/api/plans', { childId: CHILD, reason: 'Fel fält.' }), 400],
      ['a number in a field that does not exist', school.post('/api/plans', { childId, reason: 'Okänt fält.', identityNumber: CHILD }), 400],
      ['a number as a JSON number', school.post('/api/persons/lookup', { identityNumber: Number(CHILD) }), 400],
      // With a letter in it, the text is looked up as a reservnummer, and nobody has that one.
      ['a number with trailing text', school.post('/api/persons/lookup', { identityNumber: `${CHILD} x` }), 404],
      ['a number too long for the field', school.post('/api/persons/lookup', { identityNumber: `${CHILD}${'0'.repeat(40)}` }), 400],
      ['a number in a goal where a need id belongs', school.post(`/api/plans/${planId}/goals`, { needId: CHILD, professionalWording: 'x' }), 400],
      ['a search for the number', school.get(`/api/plans?q=${CHILD}`), 200],
      ['a search for the number with a dash', school.get(`/api/plans?q=${encodeURIComponent(`${CHILD.slice(2, 8)}-${CHILD.slice(8)}`)}`), 200],
      ['the analyst looking the child up', counted(await t.as(DEMO.analyst)).post('/api/persons/lookup', { identityNumber: CHILD }), 400],
    ];
    for (const [what, request, status] of refused) {
      const res = await request;
      expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(status);
      answers.push([what, res]);
    }
    const echoed = answers.flatMap(([what, res]) => found(res.body).map((s) => `${what}: ${s}`));
    expect(echoed).toEqual([]);
  });

  it('consent, invitation and answers, mapping, meeting, contents, establishing', async () => {
    const consent = await school.post(`/api/plans/${planId}/consents`, {
      form: 'written', givenOn: day(0), validFrom: day(0), validUntil: day(365),
      givers: [...guardianIds.map((personId) => ({ personId, role: 'guardian', stance: 'consents' })), { personId: childId, role: 'child', stance: 'consents' }],
      unitIds: [units.school, units.bup, units.social],
    });
    expectStatus(consent, 201);
    expect(consent.json()).toMatchObject({ sufficient: true });

    const startsAt = new Date(`${day(3)}T12:00:00Z`);
    const invitation = await school.post(`/api/plans/${planId}/invitations`, {
      purpose: 'Samordna stödet kring Tildes skolgång.', question: 'Hur hjälper vi Tilde tillbaka till skolan?',
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      place: 'Näsby skola', meetingLeaderId: await t.staffId(DEMO.teacherKristianstad),
      invitees: [{ unitId: units.social }, { unitId: units.bup }, ...guardianIds.map((personId) => ({ personId }))],
    }, etag(await school.get(`/api/plans/${planId}`)));
    expectStatus(invitation, 201);
    const invitationId = (invitation.json() as { id: string }).id;
    for (const client of [social, bup]) {
      const worklist = (await client.get('/api/worklist')).json() as { invitations: Array<{ invitationId: string; inviteeVersion: number }> };
      const item = worklist.invitations.find((i) => i.invitationId === invitationId)!;
      expectStatus(await client.post(`/api/plans/${planId}/invitations/${invitationId}/answer`, { answer: 'accepted' }, { 'if-match': `"${item.inviteeVersion}"` }), 200);
    }

    for (const [lifeArea, description, childView] of [['achieving', 'Frånvaro 60 %.', 'Jag orkar inte matsalen.'], ['healthy', 'Sover dåligt.', null]] as const) {
      expectStatus(await social.post(`/api/plans/${planId}/needs`, { lifeArea, description, childView }), 201);
    }
    expectStatus(await school.post(`/api/plans/${planId}/mapping/complete`, undefined, etag(await school.get(`/api/plans/${planId}`))), 200);
    expectStatus(await school.post(`/api/plans/${planId}/meetings`, {
      invitationId, kind: 'first', heldAt: new Date(Date.now() - 3_600_000).toISOString(), childPresent: true,
      attendance: [{ unitId: units.school }, { unitId: units.social }, { unitId: units.bup }, { personId: childId }, ...guardianIds.map((personId) => ({ personId }))],
    }), 201);

    const refused = await school.post(`/api/plans/${planId}/establish`, undefined, etag(await school.get(`/api/plans/${planId}`)));
    expectStatus(refused, 422);
    const goal = await school.post(`/api/plans/${planId}/goals`, { professionalWording: 'Närvaron är minst 80 %.', childWords: 'Jag vill äta lunch med mina kompisar.' });
    expectStatus(goal, 201);
    const goalId = (goal.json() as { id: string }).id;
    for (const [unitId, hsaId] of [[units.school, DEMO.teacherKristianstad], [units.bup, DEMO.psychologistBup]] as const) {
      expectStatus(await school.post(`/api/plans/${planId}/interventions`, { goalId, unitId, responsibleStaffId: await t.staffId(hsaId), description: 'Anpassad skoldag.', startsOn: day(0), dueOn: day(60) }), 201);
    }
    expectStatus(await school.post(`/api/plans/${planId}/measures`, { actor: 'Försäkringskassan', description: 'Prövar omvårdnadsbidrag.' }), 201);
    const patched = await school.patch(`/api/plans/${planId}`, {
      coordinator: { staffId: await t.staffId(DEMO.socialWorkerKristianstad), unitId: units.social }, overallPrincipalId: kristianstad, nextFollowUpOn: day(30),
    }, etag(await school.get(`/api/plans/${planId}`)));
    expectStatus(patched, 200);
    const established = await school.post(`/api/plans/${planId}/establish`, undefined, etag(patched));
    expectStatus(established, 200);
  });

  it('follow-up, activity reports, timeline, PDF, evaluation, closure and the log extract', async () => {
    const before = (await school.get(`/api/plans/${planId}`)).json() as { goals: Array<{ id: string; version: number }> };
    expectStatus(await social.patch(`/api/plans/${planId}/goals/${before.goals[0]!.id}`, { childWords: 'Jag vill äta lunch i matsalen.' }, { 'if-match': `"${before.goals[0]!.version}"` }), 200);
    expectStatus(await social.post(`/api/plans/${planId}/follow-ups`, { heldOn: day(0), note: 'Närvaron har ökat.', nextFollowUpOn: day(60) }, etag(await social.get(`/api/plans/${planId}`))), 200);
    expectStatus(await bup.get(`/api/plans/${planId}/versions/1`), 200);

    const plan = (await bup.get(`/api/plans/${planId}`)).json() as { interventions: Array<{ id: string; unitId: string }> };
    const mine = plan.interventions.find((i) => i.unitId === units.bup)!;
    expectStatus(await bup.post(`/api/plans/${planId}/interventions/${mine.id}/reports`, { status: 'done', note: 'Bedömningen är klar.' }), 201);
    expectStatus(await school.get(`/api/plans/${planId}/timeline`), 200);
    expectStatus(await school.get(`/api/plans/${planId}/pdf`), 200);

    const current = await school.get(`/api/plans/${planId}`);
    const goalId = (current.json() as { goals: Array<{ id: string }> }).goals[0]!.id;
    expectStatus(await school.post(`/api/plans/${planId}/evaluations`, {
      final: true, evaluations: [{ goalId, outcome: 'reached', childView: 'Jag äter lunch varje dag.', guardianView: 'Hon går till skolan igen.' }],
    }, etag(current)), 200);
    const closed = await school.post(`/api/plans/${planId}/close`, { reason: 'goals_reached', note: 'Målen är nådda.' }, etag(await school.get(`/api/plans/${planId}`)));
    expectStatus(closed, 200);
    expect((await bup.get(`/api/plans/${planId}`)).json()).toMatchObject({ state: 'closed' });

    for (const personId of [childId, ...guardianIds]) {
      const extract = await admin.get(`/api/persons/${personId}/log-extract`);
      expectStatus(extract, 200);
      answers.push(['log extract', extract]);
    }
    expect(answers.flatMap(([what, res]) => found(res.body).map((s) => `${what}: ${s}`))).toEqual([]);
  });

  it('the log holds every request of the story, and not one identity number in any form', () => {
    const text = log.join('');
    const lines = log.flatMap((chunk) => chunk.split('\n')).filter(Boolean);
    // The log really captured the story: a line for each request, its URL included.
    expect(requests).toBeGreaterThan(50);
    expect(lines.filter((l) => l.includes('"request completed"')).length).toBeGreaterThanOrEqual(requests);
    for (const url of ['/api/persons/lookup', '/api/persons', `/api/plans/${planId}/consents`, `/api/plans/${planId}/close`]) expect(text).toContain(`"url":"${url}"`);
    expect(lines.every((l) => /^\{.*\}$/.test(l))).toBe(true);

    const leaks = lines.filter((l) => found(l).length > 0).map((l) => `${found(l).join(', ')} in ${l.slice(0, 300)}`);
    expect(leaks).toEqual([]);
  });

  it('a number that a client puts into a URL path does not reach the log either', async () => {
    log.length = 0;
    const paths = [`/api/plans/${CHILD}`, `/api/plans/${CHILD.slice(0, 8)}-${CHILD.slice(8)}`, `/api/persons/${CHILD}/log-extract`, `/api/persons/${CHILD.slice(2)}`];
    for (const path of paths) {
      const res = await admin.get(path);
      expect(res.statusCode, path).toBeGreaterThanOrEqual(400);
      expect(found(res.body), path).toEqual([]);
    }
    const lines = log.flatMap((chunk) => chunk.split('\n')).filter(Boolean);
    expect(lines.filter((l) => l.includes('"request completed"'))).toHaveLength(paths.length);
    expect(lines.filter((l) => found(l).length > 0).map((l) => `${found(l)[0]} in ${l.slice(0, 200)}`)).toEqual([]);
  });
});
