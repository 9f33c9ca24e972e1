/**
 * The access matrix (issue 4, "How it is checked"): every role, every standing of a unit toward a
 * plan, every consent state and every plan resource, tried over HTTP and compared with the
 * expected allow or refuse. The expectation comes from a small oracle written here from the rules
 * (SIP.md §2, the README's "Who sees what"), not from the server's own decision function, so that
 * a wrong rule in the server cannot agree with itself.
 *
 * The rules, as the oracle states them:
 * - a unit sees a plan when it takes part AND a valid consent covers it: every guardian consents,
 *   not withdrawn, today within its period; until the first consent is recorded, the initiating
 *   unit sees its own open draft;
 * - recording or withdrawing a consent needs participation only (the family may tell any unit
 *   that takes part), and cancelling needs participation and being the initiating or coordinating unit;
 * - the analyst sees no plan and no person; a log extract is the principal admin's; nothing
 *   crosses a county.
 * - A refusal to someone who cannot see the plan is answered exactly as a request about a plan
 *   that does not exist, so that nobody can probe which children have plans.
 *
 * Every write is a probe that passes the schema but cannot change anything once past the access
 * check (a stale If-Match, an unknown id, an end before the start), so that an allowed request is
 * visible as a 4xx from the use case itself rather than from the gate, and the plans stay as they
 * were built for every row. The whole run is checked to have changed no user data.
 *
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { changedTables, dataSnapshot, type DataSnapshot } from '../support/data-snapshot.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { swedishDate } from '../../src/services/context.ts';

const SKANE = '12';
const KRONOBERG = '07';
const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
/** Never a version anything has: an edit that passes the gate stops at 412 and changes nothing. */
const STALE = '"99999"';

type UnitKey = 'skola' | 'socK' | 'ehK' | 'bupK' | 'vc' | 'bupT' | 'socM' | 'bupX';
type Role = 'staff' | 'manager' | 'principal_admin' | 'analyst';

const UNITS: Record<UnitKey, { name: string; short: string; principal: string; county: string }> = {
  skola: { name: 'Näsby skola', short: 'Näsby skola', principal: 'Kristianstads kommun', county: SKANE },
  socK: { name: 'Socialtjänsten barn och familj, Kristianstad', short: 'Soc Kristianstad', principal: 'Kristianstads kommun', county: SKANE },
  ehK: { name: 'Elevhälsan Kristianstad', short: 'Elevhälsan Kristianstad', principal: 'Kristianstads kommun', county: SKANE },
  bupK: { name: 'BUP Kristianstad', short: 'BUP Kristianstad', principal: 'Region Skåne', county: SKANE },
  vc: { name: 'Vårdcentralen Näsby', short: 'VC Näsby', principal: 'Region Skåne', county: SKANE },
  bupT: { name: 'BUP Trelleborg', short: 'BUP Trelleborg', principal: 'Region Skåne', county: SKANE },
  socM: { name: 'Socialtjänsten barn och familj, Malmö', short: 'Soc Malmö', principal: 'Malmö stad', county: SKANE },
  bupX: { name: 'BUP Växjö', short: 'BUP Växjö (Kronoberg)', principal: 'Region Kronoberg', county: KRONOBERG },
};

/** A staff member of another county, added to the demo for this file (the demo is all Skåne). */
const KRONOBERG_STAFF = { hsaId: 'SE2321000065-B01', name: 'Ingrid Sjöberg' };

interface ActorDef { key: string; hsaId: string; name: string; role: Role; unit: UnitKey }

const ACTORS: ActorDef[] = [
  { key: 'karin', hsaId: DEMO.teacherKristianstad, name: 'Karin Ek', role: 'staff', unit: 'skola' },
  { key: 'johan', hsaId: DEMO.socialWorkerKristianstad, name: 'Johan Berg', role: 'staff', unit: 'socK' },
  { key: 'eva', hsaId: DEMO.managerKristianstad, name: 'Eva Andersson', role: 'manager', unit: 'socK' },
  { key: 'nora', hsaId: DEMO.analyst, name: 'Nora Ali', role: 'analyst', unit: 'socK' },
  // Lena belongs to the school too; acting for pupil health, the unit she chose decides.
  { key: 'lena', hsaId: DEMO.curatorKristianstad, name: 'Lena Svensson', role: 'staff', unit: 'ehK' },
  { key: 'sara', hsaId: DEMO.psychologistBup, name: 'Sara Holm', role: 'staff', unit: 'bupK' },
  { key: 'per', hsaId: DEMO.principalAdmin, name: 'Per Olsson', role: 'principal_admin', unit: 'bupK' },
  { key: 'ahmed', hsaId: DEMO.nursePrimaryCare, name: 'Ahmed Hassan', role: 'staff', unit: 'vc' },
  // Same principal (Region Skåne) as BUP Kristianstad, but not in any plan here.
  { key: 'maria', hsaId: DEMO.curatorBupTrelleborg, name: 'Maria Nilsson', role: 'staff', unit: 'bupT' },
  { key: 'fredrik', hsaId: DEMO.socialWorkerMalmo, name: 'Fredrik Lund', role: 'staff', unit: 'socM' },
  { key: 'ingrid', hsaId: KRONOBERG_STAFF.hsaId, name: KRONOBERG_STAFF.name, role: 'staff', unit: 'bupX' },
];

/** Who starts and fills a plan for an initiating unit. */
const INITIATOR_OF: Partial<Record<UnitKey, string>> = { skola: 'karin', socK: 'johan', bupK: 'sara' };

interface ConsentDef {
  units: UnitKey[];
  /** Of the child's two guardians, how many consent (the county's policy: every guardian). */
  guardiansConsenting: 0 | 1 | 2;
  /** Days from today. */
  from: number;
  until: number;
  withdrawn?: true;
}

interface Scenario {
  key: string;
  label: string;
  initiator: UnitKey;
  others: UnitKey[];
  consent: ConsentDef | null;
  coordinator?: UnitKey;
  cancelled?: true;
  child: { givenName: string; birthDate: string; serial: string };
}

const GUARDIANS_PER_CHILD = 2;

const SCENARIOS: Scenario[] = [
  { key: 'A', label: 'consent valid', initiator: 'skola', others: ['socK', 'ehK', 'bupK', 'vc'], coordinator: 'socK',
    consent: { units: ['skola', 'socK', 'ehK', 'bupK'], guardiansConsenting: 2, from: 0, until: 180 },
    child: { givenName: 'Astrid', birthDate: '2013-04-11', serial: '611' } },
  { key: 'B', label: 'no consent yet', initiator: 'socK', others: ['bupK', 'skola'], consent: null,
    child: { givenName: 'Bruno', birthDate: '2014-05-12', serial: '622' } },
  { key: 'C', label: 'consent withdrawn', initiator: 'bupK', others: ['socK', 'skola'],
    consent: { units: ['bupK', 'socK', 'skola'], guardiansConsenting: 2, from: 0, until: 180, withdrawn: true },
    child: { givenName: 'Cornelia', birthDate: '2012-06-13', serial: '633' } },
  { key: 'D', label: 'consent of 1 of 2 guardians', initiator: 'skola', others: ['socK', 'vc'],
    consent: { units: ['skola', 'socK', 'vc'], guardiansConsenting: 1, from: 0, until: 180 },
    child: { givenName: 'Dennis', birthDate: '2015-07-14', serial: '644' } },
  { key: 'E', label: 'consent expired', initiator: 'socK', others: ['bupK', 'ehK'],
    consent: { units: ['socK', 'bupK', 'ehK'], guardiansConsenting: 2, from: -120, until: -1 },
    child: { givenName: 'Ebba', birthDate: '2011-08-15', serial: '655' } },
  { key: 'F', label: 'consent not yet valid', initiator: 'skola', others: ['bupK', 'ehK'],
    consent: { units: ['skola', 'bupK', 'ehK'], guardiansConsenting: 2, from: 10, until: 120 },
    child: { givenName: 'Frans', birthDate: '2016-09-16', serial: '666' } },
  { key: 'G', label: 'cancelled before consent', initiator: 'socK', others: ['skola'], consent: null, cancelled: true,
    child: { givenName: 'Greta', birthDate: '2013-10-17', serial: '677' } },
];

// ---------------------------------------------------------------------------------------------
// The oracle: the rules, stated once more, independently of src/access.

const participants = (s: Scenario) => [s.initiator, ...s.others];
const consentValid = (c: ConsentDef) => c.guardiansConsenting === GUARDIANS_PER_CHILD && !c.withdrawn && c.from <= 0 && 0 <= c.until;
const inCounty = (a: ActorDef) => UNITS[a.unit].county === SKANE;

/** The actor's unit may take part in the plan's process (the analyst never does). */
function takesPart(a: ActorDef, s: Scenario): boolean {
  return inCounty(a) && a.role !== 'analyst' && participants(s).includes(a.unit);
}

function sees(a: ActorDef, s: Scenario): boolean {
  if (!takesPart(a, s)) return false;
  if (s.consent && consentValid(s.consent) && s.consent.units.includes(a.unit)) return true;
  return s.initiator === a.unit && s.consent === null && !s.cancelled;
}

function owns(a: ActorDef, s: Scenario): boolean {
  return takesPart(a, s) && (s.initiator === a.unit || s.coordinator === a.unit);
}

type Need = 'see' | 'take_part' | 'own' | 'see_open' | 'log_extract' | 'find_person';

function expectedAllowed(need: Need, a: ActorDef, s: Scenario): boolean {
  switch (need) {
    case 'see': return sees(a, s);
    case 'see_open': return sees(a, s) && !s.cancelled;
    case 'take_part': return takesPart(a, s);
    case 'own': return owns(a, s);
    case 'log_extract': return inCounty(a) && a.role === 'principal_admin';
    case 'find_person': return inCounty(a) && a.role !== 'analyst';
  }
}

function standing(a: ActorDef, s: Scenario): string {
  if (!inCounty(a)) return 'another county';
  if (!participants(s).includes(a.unit)) {
    return `not taking part${participants(s).some((u) => UNITS[u].principal === UNITS[a.unit].principal) ? ' (own principal does)' : ''}`;
  }
  const parts = [s.initiator === a.unit ? 'initiated' : 'takes part'];
  if (s.coordinator === a.unit) parts.push('coordinates');
  if (!s.consent) parts.push('no consent');
  else if (!s.consent.units.includes(a.unit)) parts.push('not named by consent');
  else parts.push(consentValid(s.consent) ? 'covered' : 'named, consent invalid');
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// The resources: every route under /api/plans/{planId}, and the lists and person resources that
// show a plan or its child.

/** The ids a request is made of. */
interface Ids {
  planId: string;
  childId: string;
  childNumber: string;
  childName: string;
  needId: string;
  goalId: string;
  interventionId: string;
  measureId: string;
  invitationId: string;
  /** A unit and staff member for bodies that name them. */
  unitId: string;
  staffId: string;
}

interface Resource {
  key: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document. */
  path: string;
  need: Need;
  body?: (x: Ids) => unknown;
  /** How the answer shows that the request was let through. Default: not a refusal (403/404). */
  allowedBy?: (res: LightMyRequestResponse, x: Ids) => boolean;
  /** A list: it leaves out what the actor may not see rather than refusing. */
  listing?: true;
}

const r = (key: string, method: Resource['method'], path: string, need: Need, body?: Resource['body'], extra: Partial<Resource> = {}): Resource =>
  ({ key, method, path, need, ...(body ? { body } : {}), ...extra });

const RESOURCES: Resource[] = [
  r('read', 'GET', '/api/plans/{planId}', 'see'),
  r('tline', 'GET', '/api/plans/{planId}/timeline', 'see'),
  r('pdf', 'GET', '/api/plans/{planId}/pdf', 'see'),
  // No plan here is established: an allowed read of version 1 is a 400 "no such version".
  r('ver', 'GET', '/api/plans/{planId}/versions/{versionNo}', 'see'),
  r('edit', 'PATCH', '/api/plans/{planId}', 'see', () => ({ nextFollowUpOn: day(30) })),
  r('part+', 'POST', '/api/plans/{planId}/participants', 'see', () => ({ kind: 'unit', unitId: randomUUID() })),
  r('part-', 'DELETE', '/api/plans/{planId}/participants/{participantId}', 'see'),
  r('estab', 'POST', '/api/plans/{planId}/establish', 'see'),
  r('fup', 'POST', '/api/plans/{planId}/follow-ups', 'see', () => ({ heldOn: day(0), nextFollowUpOn: day(60) })),
  r('eval', 'POST', '/api/plans/{planId}/evaluations', 'see', () => ({ final: false, evaluations: [{ goalId: randomUUID(), outcome: 'reached' }] })),
  r('close', 'POST', '/api/plans/{planId}/close', 'see', () => ({ reason: 'goals_reached' })),
  r('cancl', 'POST', '/api/plans/{planId}/cancel', 'own', () => ({ reason: 'Prov.' })),
  r('cons+', 'POST', '/api/plans/{planId}/consents', 'take_part', () => ({ form: 'oral', givenOn: day(0), validFrom: day(0), validUntil: day(30), givers: [], unitIds: [] })),
  r('cons-', 'POST', '/api/plans/{planId}/consents/{consentId}/withdraw', 'take_part', () => ({ note: 'Prov.' })),
  r('inv+', 'POST', '/api/plans/{planId}/invitations', 'see', () => ({ invitees: [] })),
  r('invEd', 'PATCH', '/api/plans/{planId}/invitations/{invitationId}', 'see', () => ({ place: 'Ett annat rum' })),
  r('invX', 'POST', '/api/plans/{planId}/invitations/{invitationId}/cancel', 'see'),
  r('answr', 'POST', '/api/plans/{planId}/invitations/{invitationId}/answer', 'see', () => ({ answer: 'accepted' })),
  r('map', 'POST', '/api/plans/{planId}/mapping/complete', 'see'),
  r('meet', 'POST', '/api/plans/{planId}/meetings', 'see', () => ({ kind: 'first', heldAt: '2090-01-01T10:00:00Z', childPresent: true, attendance: [] })),
  // A blank text passes the schema (minLength 1) and is refused by the database's own check.
  r('need+', 'POST', '/api/plans/{planId}/needs', 'see', () => ({ lifeArea: 'safe', description: '   ' })),
  r('need~', 'PATCH', '/api/plans/{planId}/needs/{needId}', 'see', () => ({ description: 'Ändrat.' })),
  r('goal+', 'POST', '/api/plans/{planId}/goals', 'see', () => ({ needId: randomUUID(), professionalWording: 'Ett mål.' })),
  r('goal~', 'PATCH', '/api/plans/{planId}/goals/{goalId}', 'see', () => ({ childWords: 'Mina ord.' })),
  r('int+', 'POST', '/api/plans/{planId}/interventions', 'see', (x) => ({ description: 'En insats.', unitId: x.unitId, responsibleStaffId: x.staffId, startsOn: day(10), dueOn: day(0) })),
  r('int~', 'PATCH', '/api/plans/{planId}/interventions/{interventionId}', 'see', () => ({ status: 'ongoing' })),
  r('rept', 'POST', '/api/plans/{planId}/interventions/{interventionId}/reports', 'see', () => ({ status: 'ongoing', note: '   ' })),
  r('meas+', 'POST', '/api/plans/{planId}/measures', 'see', () => ({ actor: '   ', description: 'En åtgärd.' })),
  r('meas~', 'PATCH', '/api/plans/{planId}/measures/{measureId}', 'see', () => ({ removed: true })),
  r('young', 'POST', '/api/plans/{planId}/young-person-access', 'see', () => ({ enabled: true })),
  r('list', 'GET', '/api/plans?q={childName}', 'see', undefined, { listing: true, allowedBy: (res, x) => res.statusCode === 200 && (res.json() as { items: Array<{ id: string }> }).items.some((i) => i.id === x.planId) }),
  r('work', 'GET', '/api/worklist', 'see_open', undefined, { listing: true, allowedBy: (res, x) => res.statusCode === 200 && res.body.includes(x.planId) }),
  r('logx', 'GET', '/api/persons/{childId}/log-extract', 'log_extract', undefined, { allowedBy: (res) => res.statusCode === 200 }),
  r('find', 'POST', '/api/persons/lookup', 'find_person', (x) => ({ identityNumber: x.childNumber }), { allowedBy: (res, x) => res.statusCode === 200 && (res.json() as { id: string }).id === x.childId }),
];

const isPlanRoute = (res: Resource) => res.path.startsWith('/api/plans/{planId}');

function urlOf(res: Resource, x: Ids): string {
  const values: Record<string, string> = {
    planId: x.planId, childId: x.childId, childName: encodeURIComponent(x.childName), needId: x.needId, goalId: x.goalId,
    interventionId: x.interventionId, measureId: x.measureId, invitationId: x.invitationId,
    // Probes: never a real participant or consent, so that nothing is removed or withdrawn.
    participantId: randomUUID(), consentId: randomUUID(), versionNo: '1',
  };
  return res.path.replace(/\{(\w+)\}/g, (_m, k: string) => values[k]!);
}

function send(c: Client, res: Resource, x: Ids): Promise<LightMyRequestResponse> {
  const url = urlOf(res, x);
  const h = { 'if-match': STALE };
  switch (res.method) {
    case 'GET': return c.get(url, h);
    case 'DELETE': return c.delete(url, h);
    case 'PATCH': return c.patch(url, res.body?.(x) ?? {}, h);
    case 'POST': return c.post(url, res.body?.(x), h);
  }
}

/** What a refusal looks like to the client: everything but the headers that differ per request. */
const answerOf = (res: LightMyRequestResponse) => ({ status: res.statusCode, contentType: String(res.headers['content-type']), body: res.body });

interface Cell {
  allowed: boolean;
  expected: boolean;
  status: number;
  /** A refusal to someone who cannot see the plan, answered unlike a plan that does not exist. */
  revealing: boolean;
  detail: string;
}

interface Row { actor: ActorDef; scenario: Scenario; cells: Cell[] }

function printMatrix(rows: Row[]): string {
  const labels = rows.map((row) => [
    `${row.actor.role} ${row.actor.name} @ ${UNITS[row.actor.unit].short}`,
    `${row.scenario.key} ${row.scenario.label}`,
    standing(row.actor, row.scenario),
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...labels.map((l) => l[i]!.length), ['actor @ unit', 'plan: consent state', 'the unit\'s standing'][i]!.length));
  const colWidth = RESOURCES.map((res) => Math.max(res.key.length, 3));
  const line = (cols: string[], cells: string[]) =>
    cols.map((c, i) => c.padEnd(widths[i]!)).join(' │ ') + ' │ ' + cells.map((c, i) => c.padEnd(colWidth[i]!)).join(' ');
  const header = line(['actor @ unit', 'plan: consent state', 'the unit\'s standing'], RESOURCES.map((res) => res.key));
  const out = [header, '─'.repeat(header.length)];
  rows.forEach((row, i) => {
    out.push(line(labels[i]!, row.cells.map((c) => (c.allowed ? '✓' : '✗') + (c.allowed !== c.expected ? '≠' : '') + (c.revealing ? '‡' : ''))));
  });
  out.push('', '✓ let through   ✗ refused   ≠ not what the rules say   ‡ refused unlike a plan that does not exist (probing possible)', '');
  out.push(...RESOURCES.map((res) => `${res.key.padEnd(6)} ${res.method} ${res.path}`));
  return out.join('\n');
}

describe('the access matrix: role × unit × consent state × resource, over HTTP', () => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  const staffIds = new Map<string, string>();
  const unitIds = {} as Record<UnitKey, string>;
  const ids = new Map<string, Ids>();
  let before: DataSnapshot;
  let rows: Row[] | undefined;
  /** Per actor and resource: the answer about a plan (or person) that does not exist. */
  const nothing = new Map<string, ReturnType<typeof answerOf>>();

  const client = (key: string) => clients.get(key)!;
  const ok = (res: LightMyRequestResponse, status: number, what: string) => expect(res.statusCode, `${what}: ${res.body}`).toBe(status);

  /** The story of one plan up to its consent state, made over HTTP by the initiating unit. */
  async function buildPlan(s: Scenario): Promise<Ids> {
    const initiatorKey = INITIATOR_OF[s.initiator]!;
    const c = client(initiatorKey);
    const initiatorStaff = staffIds.get(initiatorKey)!;
    const childNumber = testIdentityNumber(s.child.birthDate, s.child.serial);
    const n = SCENARIOS.indexOf(s);
    const reg = await c.post('/api/persons', {
      person: { identityNumber: childNumber, givenName: s.child.givenName, familyName: 'Matrisson' },
      guardians: [
        { identityNumber: testIdentityNumber(`1980-01-1${n}`, `7${n}1`), givenName: 'Vårdnadshavare', familyName: 'Ett' },
        { identityNumber: testIdentityNumber(`1982-02-1${n}`, `8${n}2`), givenName: 'Vårdnadshavare', familyName: 'Två' },
      ],
    });
    ok(reg, 201, `${s.key} register`);
    const { id: childId, guardianIds } = reg.json() as { id: string; guardianIds: string[] };
    const started = await c.post('/api/plans', { childId, reason: 'Behöver samordnat stöd.', unitIds: s.others.map((u) => unitIds[u]) });
    ok(started, 201, `${s.key} initiate`);
    const planId = (started.json() as { id: string }).id;

    // Contents while the draft is the initiating unit's own, so that every sub-resource is real.
    const need = await c.post(`/api/plans/${planId}/needs`, { lifeArea: 'healthy', description: 'Sover dåligt.' });
    ok(need, 201, `${s.key} need`);
    const needId = (need.json() as { id: string }).id;
    const goal = await c.post(`/api/plans/${planId}/goals`, { needId, professionalWording: 'Sover hela nätter.', childWords: 'Jag vill orka.' });
    ok(goal, 201, `${s.key} goal`);
    const goalId = (goal.json() as { id: string }).id;
    const intervention = await c.post(`/api/plans/${planId}/interventions`, {
      goalId, description: 'Samtal varje vecka.', unitId: unitIds[s.initiator], responsibleStaffId: initiatorStaff, startsOn: day(0), dueOn: day(60) });
    ok(intervention, 201, `${s.key} intervention`);
    const measure = await c.post(`/api/plans/${planId}/measures`, { actor: 'Idrottsföreningen', description: 'Fotboll på lördagar.' });
    ok(measure, 201, `${s.key} measure`);
    let plan = await c.get(`/api/plans/${planId}`);
    ok(plan, 200, `${s.key} read`);
    const startsAt = new Date(`${day(7)}T12:00:00Z`);
    const invitation = await c.post(`/api/plans/${planId}/invitations`, {
      purpose: 'Samordna stödet.', question: 'Vem gör vad?', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      place: 'Konferensrummet', meetingLeaderId: initiatorStaff, invitees: s.others.map((u) => ({ unitId: unitIds[u] })),
    }, { 'if-match': String(plan.headers.etag) });
    ok(invitation, 201, `${s.key} invitation`);

    if (s.consent) {
      const k = s.consent;
      const recorded = await c.post(`/api/plans/${planId}/consents`, {
        form: 'written', givenOn: day(Math.min(k.from, 0)), validFrom: day(k.from), validUntil: day(k.until),
        givers: [...guardianIds.slice(0, k.guardiansConsenting).map((personId) => ({ personId, role: 'guardian', stance: 'consents' })), { personId: childId, role: 'child', stance: 'consents' }],
        unitIds: k.units.map((u) => unitIds[u]),
      });
      ok(recorded, 201, `${s.key} consent`);
      if (k.withdrawn) {
        const consentId = (recorded.json() as { id: string }).id;
        ok(await c.post(`/api/plans/${planId}/consents/${consentId}/withdraw`, { note: 'Familjen återkallar.' }, { 'if-match': String(recorded.headers.etag) }), 200, `${s.key} withdraw`);
      }
    }
    if (s.coordinator) {
      plan = await c.get(`/api/plans/${planId}`);
      ok(plan, 200, `${s.key} read before coordinator`);
      const coordinatorKey = INITIATOR_OF[s.coordinator]!;
      ok(await c.patch(`/api/plans/${planId}`, { coordinator: { staffId: staffIds.get(coordinatorKey)!, unitId: unitIds[s.coordinator] } }, { 'if-match': String(plan.headers.etag) }), 200, `${s.key} coordinator`);
    }
    if (s.cancelled) {
      plan = await c.get(`/api/plans/${planId}`);
      ok(plan, 200, `${s.key} read before cancel`);
      ok(await c.post(`/api/plans/${planId}/cancel`, { reason: 'Familjen vill inte.' }, { 'if-match': String(plan.headers.etag) }), 200, `${s.key} cancel`);
    }
    return {
      planId, childId, childNumber, childName: s.child.givenName, needId, goalId,
      interventionId: (intervention.json() as { id: string }).id, measureId: (measure.json() as { id: string }).id,
      invitationId: (invitation.json() as { id: string }).id, unitId: unitIds[s.initiator], staffId: initiatorStaff,
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    // Another county: Region Kronoberg with one unit and one member of staff.
    const [principal, unit, staff] = [randomUUID(), randomUUID(), randomUUID()];
    await t.ctx.db.query("INSERT INTO principals (county, id, kind, name) VALUES ($1, $2, 'region', 'Region Kronoberg')", [KRONOBERG, principal]);
    await t.ctx.db.query("INSERT INTO units (county, id, principal_id, kind, name, municipality_code) VALUES ($1, $2, $3, 'child_psychiatry', 'BUP Växjö', '0780')", [KRONOBERG, unit, principal]);
    await t.ctx.db.query('INSERT INTO staff (county, id, hsa_id, name) VALUES ($1, $2, $3, $4)', [KRONOBERG, staff, KRONOBERG_STAFF.hsaId, KRONOBERG_STAFF.name]);
    await t.ctx.db.query("INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ($1, $2, $3, $4, 'staff')", [KRONOBERG, randomUUID(), staff, unit]);
    unitIds.bupX = unit;
    for (const key of Object.keys(UNITS) as UnitKey[]) if (key !== 'bupX') unitIds[key] = await t.unitId(UNITS[key].name);

    for (const a of ACTORS) {
      const c = await t.as(a.hsaId, unitIds[a.unit]);
      // The oracle's idea of who this is must be the server's: same unit, same role.
      const me = await c.get('/api/me');
      ok(me, 200, `${a.key} /api/me`);
      expect(me.json(), a.key).toMatchObject({ unitId: unitIds[a.unit], role: a.role });
      clients.set(a.key, c);
      staffIds.set(a.key, (me.json() as { staffId: string }).staffId);
    }
    for (const s of SCENARIOS) ids.set(s.key, await buildPlan(s));
    before = await dataSnapshot(t.ctx.db);
  });
  afterAll(async () => { await t?.close(); });

  it('the resources are every route under /api/plans/{planId} of the OpenAPI document', async () => {
    const res = await client('johan').get('/api/openapi.json');
    ok(res, 200, 'openapi');
    const paths = (res.json() as { paths: Record<string, Record<string, unknown>> }).paths;
    const inApi = Object.entries(paths).filter(([p]) => p.startsWith('/api/plans/{planId}'))
      .flatMap(([p, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${p}`));
    expect(RESOURCES.filter(isPlanRoute).map((res) => `${res.method} ${res.path}`).sort()).toEqual(inApi.sort());
  });

  it('a plan or a child that does not exist gets one and the same 404 from every route, for everyone', async () => {
    const stranger: Ids = {
      ...ids.get('A')!, planId: randomUUID(), childId: randomUUID(), childName: 'Ingen',
      childNumber: testIdentityNumber('2015-03-03', '999'),
    };
    const answers = new Set<string>();
    for (const a of ACTORS) {
      for (const res of RESOURCES) {
        if (res.listing) continue;
        // A fresh random id each time: no id is special.
        const x = { ...stranger, planId: randomUUID(), childId: randomUUID() };
        const answer = answerOf(await send(client(a.key), res, x));
        nothing.set(`${a.key} ${res.key}`, answer);
        if (isPlanRoute(res)) answers.add(JSON.stringify(answer));
      }
    }
    expect([...answers].map((s) => JSON.parse(s) as ReturnType<typeof answerOf>)).toEqual([
      { status: 404, contentType: 'application/problem+json; charset=utf-8', body: expect.stringContaining('"code":"not_found"') },
    ]);
  });

  it('every combination, tried over HTTP, is let through or refused as the rules say', async () => {
    expect(nothing.size, 'the answers about nothing are gathered first').toBeGreaterThan(0);
    const matrix: Row[] = [];
    for (const s of SCENARIOS) {
      const x = ids.get(s.key)!;
      for (const a of ACTORS) {
        const cells: Cell[] = [];
        for (const res of RESOURCES) {
          const answer = await send(client(a.key), res, x);
          const allowed = res.allowedBy ? res.allowedBy(answer, x) : ![403, 404].includes(answer.statusCode);
          const expected = expectedAllowed(res.need, a, s);
          // A unit that takes part in the plan already knows it exists: it was invited, and is
          // listed in the plan. Refusing it (no consent covers it yet, or an action only the
          // initiator may take) may say why, so that the school knows to ask for consent
          // (docs/decisions/0007). Everyone else must get the answer of a plan that does not
          // exist; and a refused person resource never says whether the person exists.
          const mustLookAbsent = !allowed && !res.listing && (!isPlanRoute(res) || !takesPart(a, s));
          const absent = nothing.get(`${a.key} ${res.key}`);
          const revealing = mustLookAbsent && absent !== undefined && JSON.stringify(answerOf(answer)) !== JSON.stringify(absent);
          cells.push({ allowed, expected, status: answer.statusCode, revealing, detail: answer.body.slice(0, 160) });
        }
        matrix.push({ actor: a, scenario: s, cells });
      }
    }
    rows = matrix;
    console.log(`\nAccess matrix: ${matrix.length} rows (actor @ unit × plan) × ${RESOURCES.length} resources = ${matrix.length * RESOURCES.length} requests\n\n${printMatrix(matrix)}\n`);

    const wrong = matrix.flatMap((row) => row.cells.flatMap((c, i) => c.allowed === c.expected ? [] : [
      `${row.actor.key} (${row.actor.role} @ ${row.actor.unit}) on plan ${row.scenario.key} (${row.scenario.label}): ${RESOURCES[i]!.key} ${c.allowed ? 'let through' : 'refused'}, expected ${c.expected ? 'let through' : 'refused'} — ${c.status} ${c.detail}`]));
    expect(wrong).toEqual([]);
  });

  it('a refusal to someone who does not take part in the plan is answered exactly as for a plan that does not exist', () => {
    expect(rows, 'the matrix ran').toBeDefined();
    // Grouped by the answer given, so that one cause reads as one line, with a few examples.
    const byAnswer = new Map<string, { standings: Set<string>; routes: Set<string>; examples: string[] }>();
    for (const row of rows!) {
      row.cells.forEach((c, i) => {
        if (!c.revealing) return;
        const code = /"code":"(\w+)"/.exec(c.detail)?.[1] ?? '?';
        const group = byAnswer.get(`${c.status} ${code}`) ?? { standings: new Set(), routes: new Set(), examples: [] };
        group.standings.add(standing(row.actor, row.scenario).replace(/^(initiated|takes part), /, ''));
        group.routes.add(RESOURCES[i]!.key);
        if (group.examples.length < 3) group.examples.push(`${row.actor.name} (${row.actor.role} @ ${UNITS[row.actor.unit].name}) on plan ${row.scenario.key}: ${RESOURCES[i]!.method} ${RESOURCES[i]!.path}`);
        byAnswer.set(`${c.status} ${code}`, group);
      });
    }
    const revealing = [...byAnswer].map(([answer, g]) =>
      `${answer} instead of the 404 of a plan that does not exist, to units outside the plan (${[...g.standings].join('; ')}), on ${g.routes.size} routes (${[...g.routes].join(' ')}); e.g. ${g.examples.join(' | ')}`);
    expect(revealing).toEqual([]);
  });

  it('no request of the matrix changed any user data', async () => {
    expect(rows, 'the matrix ran').toBeDefined();
    expect(changedTables(before, await dataSnapshot(t.ctx.db))).toEqual([]);
  });
});
