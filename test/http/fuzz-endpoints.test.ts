/**
 * Property-based fuzzing (fast-check) of every endpoint's inputs (issue 4, "How it is checked").
 *
 * The endpoints come from the application itself, its OpenAPI document, with each one's schema
 * for path, query and body; a new endpoint is fuzzed without anyone adding it here. Inputs are
 * schema-valid values (drawn from the real ids of a real plan where an id is expected, so that
 * requests reach the use cases) and near misses of them: wrong types, missing and extra fields,
 * long strings, unicode, NUL, negative and huge numbers, invalid ids and dates, nested objects,
 * a whole body replaced by any JSON. Each request is sent by someone allowed to act on the plan,
 * so that it gets past the access check; every route under /api/plans/{planId} gets a plan of
 * its own in the state where it means something (a rejected request must change nothing, but an
 * accepted one may, e.g. cancel the plan).
 *
 * For every request: never a 5xx; every 4xx is application/problem+json, and a 400 names the
 * offending field; and a rejected request, or any GET, changes no user data (a snapshot of every
 * table but the audit trail, sessions and the document cache, before and after).
 *
 * FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<factor> multiplies the runs for a longer search. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { changedTables, dataSnapshot, type DataSnapshot } from '../support/data-snapshot.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { swedishDate } from '../../src/services/context.ts';

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2_147_483_647;
const RUNS_FACTOR = Number(process.env.FUZZ_RUNS ?? 1);

// ---------------------------------------------------------------------------------------------
// The endpoints, as the OpenAPI document describes them.

interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
}

interface Parameter { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: Schema }
interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }

interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: Schema | null;
}

const label = (e: Endpoint) => `${e.method} ${e.path}`;

function endpointsOf(doc: { paths: Record<string, Record<string, Operation>> }): Endpoint[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops)
    .filter(([m]) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
    .map(([m, op]) => ({
      method: m.toUpperCase() as Endpoint['method'],
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query'),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })));
}

// ---------------------------------------------------------------------------------------------
// Values: schema-valid ones, and near misses.

/** Real ids and values by the name of the field or parameter that takes them. */
type Pools = Record<string, string[]>;

const NASTY_STRINGS = [
  '', ' ', '   ', '\t\n', '\u0000', 'a\u0000b', '\uD800', '\uDFFF\uD800x', '😀😀😀', 'e\u0301\u0301\u0301', '\u202Eabc', '\u200B', '𝕏𝕐', 'ﷺ', 'Åsa Öberg-Ärlig',
  "'; DROP TABLE plans; --", '" OR 1=1 --', '<script>alert(1)</script>', '../../etc/passwd', '%00', '%zz', '\\', 'null', 'true', '-1', '0', '1e309', 'NaN', 'Infinity',
  '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', '{8a0b5a3e-8f1c-4c7b-9f1e-0f0e7c4d2a11}', 'not-a-uuid', '8a0b5a3e-8f1c-4c7b-9f1e-0f0e7c4d2a1',
  '2023-02-30', '2023-13-01', '2023-00-10', '0000-01-01', '1899-12-31', '2100-01-01', '19999-01-01', '2024-02-29T25:61:00Z', '2024-01-01T00:00:00', '2024-1-1', 'tomorrow',
  '19121212-1212', '191212121212', '121212-1212', '121212+1212', '20140601-4170',
];
const HUGE_LENGTHS = [41, 101, 201, 301, 501, 2001, 4001, 8001, 270_000];
const NUMBERS = [-1, -0, 0, 0.5, -1.5, 2 ** 53 + 1, 1e21, -1e308, 1e308, 4294967296];
const WRONG_TYPES: unknown[] = [0, -1, 1.5, true, false, null, [], {}, '', 'x', [null], [[]], { a: { b: {} } }];

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_LENGTHS).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);

function nest(depth: number, asArray: boolean): unknown {
  let v: unknown = asArray ? [] : {};
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}
const nested = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.boolean()).map(([d, a]) => nest(d, a));

/** Any JSON value that is wrong where it lands. */
const anyWrong = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: nested },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const dayArb = fc.integer({ min: -400, max: 400 }).map(day);
const dateTimeArb = fc.integer({ min: -400 * 24, max: 400 * 24 }).map((h) => new Date(Date.now() + h * 3_600_000).toISOString());

function valid(schema: Schema, name: string, pools: Pools): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => valid(b, name, pools)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number': return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'array': return fc.array(valid(schema.items ?? {}, name.replace(/Ids$/, 'Id'), pools), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valid(s, k, pools)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'string': {
      const real = pools[name] ?? [];
      if (schema.format === 'uuid') return real.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
      if (schema.format === 'date') return dayArb;
      if (schema.format === 'date-time') return dateTimeArb;
      if (real.length) return fc.constantFrom(...real);
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      const min = schema.minLength ?? 0;
      const max = Math.max(min, Math.min(schema.maxLength ?? 40, 40));
      return fc.oneof(fc.string({ minLength: min, maxLength: max }).filter((s) => s.trim().length >= Math.min(min, 1)), fc.constantFrom('Ett mål.', 'Åsa går till skolan.', 'Föreningen'));
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

type Path = Array<string | number>;

function pathsOf(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...at, k]));
  return out;
}

type Mutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'drop'; pick: number }
  | { kind: 'extra'; pick: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: anyWrong }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), pick: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'county', 'version', 'role', ''), fc.string({ maxLength: 12 })), value: anyWrong }) },
);

function mutate(value: unknown, m: Mutation): unknown {
  const root = structuredClone(value);
  const candidates = m.kind === 'replace' ? pathsOf(root)
    : pathsOf(root).filter((p) => { const v = get(root, p); return m.kind === 'extra' ? isObject(v) : p.length > 0; });
  if (candidates.length === 0) return m.kind === 'drop' ? {} : root;
  const path = candidates[m.pick % candidates.length]!;
  if (m.kind === 'replace') {
    if (path.length === 0) return m.value;
    set(root, path, m.value);
  } else if (m.kind === 'drop') {
    const parent = get(root, path.slice(0, -1));
    const key = path.at(-1)!;
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Record<string, unknown>)[key];
  } else {
    // defineProperty: a key named __proto__ is an own property, as JSON.parse on the server makes it.
    Object.defineProperty(get(root, path), m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  }
  return root;
}
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const get = (v: unknown, p: Path): unknown => p.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], v);
const set = (v: unknown, p: Path, x: unknown) => { (get(v, p.slice(0, -1)) as Record<string | number, unknown>)[p.at(-1)!] = x; };

function nearMiss(schema: Schema, name: string, pools: Pools): fc.Arbitrary<unknown> {
  return fc.tuple(valid(schema, name, pools), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([v, ms]) => ms.reduce(mutate, v));
}

/** A lone surrogate cannot be percent-encoded; a browser would send U+FFFD for it. */
const encode = (s: string) => encodeURIComponent(s.toWellFormed());

/** A path segment: the real id, another valid id, or something else, raw or encoded. */
function segment(name: string, schema: Schema, pools: Pools): fc.Arbitrary<{ raw: boolean; value: string }> {
  const real = pools[name] ?? [];
  return fc.oneof(
    { weight: real.length ? 8 : 0, arbitrary: fc.constantFrom(...(real.length ? real : ['-'])).map((value) => ({ raw: false, value })) },
    { weight: 2, arbitrary: (schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.uuid()).map((value) => ({ raw: false, value })) },
    // What the router itself refuses (malformed escapes, segments over 100 characters) has a
    // test of its own below; here the segments reach the route.
    { weight: 2, arbitrary: nastyString.filter((s) => s.length > 0 && encode(s).length <= 100).map((value) => ({ raw: false, value })) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%2e%2e', '..', '.', '%2F', '%E2%80%AE', '%F0%9F%98%80').map((value) => ({ raw: true, value })) },
  );
}

/** A query parameter's value: valid, wrong, or repeated (which arrives as an array). */
function queryValue(p: Parameter, pools: Pools): fc.Arbitrary<string | string[]> {
  const ok = valid(p.schema, p.name, pools).map(String);
  return fc.oneof(
    { weight: 6, arbitrary: ok },
    { weight: 2, arbitrary: nastyString.filter((s) => s.length < 5000) },
    { weight: 1, arbitrary: fc.tuple(ok, ok).map(([a, b]) => [a, b]) },
  );
}

const IF_MATCH_MALFORMED = ['', '*', 'W/"1"', '"-1"', '"1", "2"', '"999999999999"', '"1.5"', '1', '"abc"', '"', '""', '" 1 "', '"0"'];

interface Input {
  segments: Record<string, { raw: boolean; value: string }>;
  query: Record<string, string | string[] | undefined>;
  body: unknown;
  /** undefined: no If-Match; 'current': the plan's version now; otherwise the header as sent. */
  ifMatch: string | undefined;
}

function inputs(e: Endpoint, pools: Pools): fc.Arbitrary<Input> {
  const queryModel = Object.fromEntries(e.queryParams.map((p) => [p.name, queryValue(p, pools)]));
  return fc.record({
    segments: fc.record(Object.fromEntries(e.pathParams.map((p) => [p.name, segment(p.name, p.schema, pools)]))),
    query: fc.tuple(fc.record(queryModel, { requiredKeys: [] }), fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })), { freq: 6 }))
      .map(([q, extra]) => (extra && !(extra[0] in q) ? { ...q, [extra[0]]: extra[1] } : q)),
    body: e.body ? fc.oneof({ weight: 1, arbitrary: valid(e.body, '', pools) }, { weight: 3, arbitrary: nearMiss(e.body, '', pools) }) : fc.constant(undefined),
    ifMatch: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: fc.constant('current') },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => `"${n}"`) },
      { weight: 2, arbitrary: fc.constantFrom(...IF_MATCH_MALFORMED) },
    ),
  });
}

function urlOf(e: Endpoint, input: Input): string {
  const path = e.path.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const s = input.segments[k]!;
    return s.raw ? s.value : encode(s.value);
  });
  const query = Object.entries(input.query).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(x)}`));
  return query.length ? `${path}?${query.join('&')}` : path;
}

async function send(t: TestApp, c: Client, method: Endpoint['method'], url: string, body: unknown, headers: Record<string, string>): Promise<LightMyRequestResponse> {
  if (method === 'GET') return c.get(url, headers);
  if (method === 'DELETE') return c.delete(url, headers);
  // The client has no PUT, and sends a missing or null body as {}: those go as they are.
  if (method === 'PUT' || (body !== undefined && (body === null || typeof body !== 'object'))) {
    return t.app.inject({ method, url, headers: { ...c.headers, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body ?? {}) });
  }
  return method === 'POST' ? c.post(url, body, headers) : c.patch(url, body, headers);
}

// ---------------------------------------------------------------------------------------------
// What every answer must be.

/** What must never reach a client: SQL, driver messages, stack frames, source paths. */
const LEAKS = [/\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/, /violates|relation "|syntax error|invalid input syntax|duplicate key/i, /\n\s+at |node_modules|\.ts:\d+/];
/** A 400 that is about the request as a whole, not a field of it. */
const NO_FIELD_400 = new Set(['fst_err_bad_url', 'fst_err_ctp_invalid_json_body', 'fst_err_ctp_empty_json_body']);

function checkAnswer(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${res.statusCode} as ${type || 'no content type'}, not application/problem+json: ${res.body.slice(0, 200)}`;
  let p: { status?: unknown; type?: unknown; title?: unknown; code?: unknown; problems?: Array<{ field?: unknown; code?: unknown; message?: unknown }> };
  try { p = res.json(); } catch { return `${res.statusCode} problem+json that is not JSON: ${res.body.slice(0, 200)}`; }
  if (p.status !== res.statusCode || typeof p.type !== 'string' || typeof p.title !== 'string' || typeof p.code !== 'string' || !Array.isArray(p.problems)) {
    return `${res.statusCode} problem without status, type, title, code and problems[]: ${res.body.slice(0, 300)}`;
  }
  if (res.statusCode === 400 && !NO_FIELD_400.has(p.code)) {
    if (p.problems.length === 0) return `400 ${p.code} names no field: ${res.body.slice(0, 300)}`;
    const bad = p.problems.filter((x) => typeof x.field !== 'string' || !/^(\/|If-Match$)/.test(x.field) || typeof x.code !== 'string' || typeof x.message !== 'string');
    if (bad.length) return `400 with problems that do not name a field: ${JSON.stringify(bad).slice(0, 300)}`;
  }
  const leak = LEAKS.find((re) => re.test(res.body));
  if (leak) return `${res.statusCode} leaks internals (${leak}): ${res.body.slice(0, 300)}`;
  return null;
}

const summarise = (v: unknown) => {
  const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > 60 ? `${x.slice(0, 20)}…(${x.length} chars)` : x));
  return s === undefined ? 'undefined' : s.length > 400 ? `${s.slice(0, 400)}…` : s;
};

// ---------------------------------------------------------------------------------------------

type Stage = 'invited' | 'mapped' | 'established' | 'evaluated';

/** Where each plan route means something; the others get an established plan. */
const STAGE: Record<string, Stage> = {
  'POST /api/plans/{planId}/invitations': 'invited',
  'PATCH /api/plans/{planId}/invitations/{invitationId}': 'invited',
  'POST /api/plans/{planId}/invitations/{invitationId}/cancel': 'invited',
  'POST /api/plans/{planId}/invitations/{invitationId}/answer': 'invited',
  'POST /api/plans/{planId}/mapping/complete': 'invited',
  'POST /api/plans/{planId}/establish': 'mapped',
  'POST /api/plans/{planId}/close': 'evaluated',
};

/** Who sends what: someone whose role and unit let the request through to its use case. */
function senderOf(e: Endpoint): 'johan' | 'sara' | 'eva' | 'per' {
  if (e.path.endsWith('/answer')) return 'sara'; // BUP is invited; social services sent the invitation
  if (e.path.startsWith('/api/handover') || e.path.endsWith('/leave')) return 'eva'; // the manager's
  if (e.path.endsWith('/log-extract') || e.path.startsWith('/api/admin')) return 'per'; // the principal admin's
  if (e.path.startsWith('/api/directory/units/')) return 'eva'; // a unit's entry: its manager's
  if (e.path.startsWith('/api/responsibilities')) return 'per'; // the guide: a signatory's admin's
  return 'johan';
}

/** Fewer runs where there is little to vary, more where a body has many fields. */
function runsFor(e: Endpoint): number {
  const bodyFields = e.body ? Object.keys(e.body.properties ?? {}).length + (e.body.anyOf ? 4 : 0) : 0;
  return Math.round(RUNS_FACTOR * Math.min(16, 3 + 2 * e.pathParams.length + 2 * e.queryParams.length + (e.body ? 4 + bodyFields : 0)));
}

describe('fuzzing every endpoint: no 5xx, a problem that names the field, and a refusal changes nothing', () => {
  let t: TestApp;
  let endpoints: Endpoint[];
  const sessions: Record<'sara' | 'eva' | 'per', Client> = {} as never;
  let johan: Client;
  const units = {} as Record<'social' | 'bup' | 'school' | 'vc' | 'bupTrelleborg', string>;
  const staff = {} as Record<'johan' | 'sara' | 'karin' | 'nora' | 'ahmed' | 'maria', string>;
  let principals: string[];
  let planCount = 0;

  const ok = (res: LightMyRequestResponse, status: number, what: string) => {
    if (res.statusCode !== status) throw new Error(`fixture ${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };
  const etag = (res: LightMyRequestResponse) => ({ 'if-match': String(res.headers.etag) });

  /** A plan of social services Kristianstad with BUP and the school, up to `stage`, over HTTP. */
  async function buildPlan(c: Client, stage: Stage): Promise<Pools> {
    const n = ++planCount;
    const serial = String(n).padStart(2, '0');
    const childNumber = testIdentityNumber(`2012-${String(1 + (n % 12)).padStart(2, '0')}-1${n % 10}`, `8${serial}`);
    const reg = ok(await c.post('/api/persons', {
      person: { identityNumber: childNumber, givenName: 'Fuzz', familyName: `Nummer${n}` },
      guardians: [{ identityNumber: testIdentityNumber(`1980-03-1${n % 10}`, `9${serial}`), givenName: 'Förälder', familyName: `Nummer${n}` }],
    }), 201, 'register');
    const { id: childId, guardianIds } = reg.json() as { id: string; guardianIds: string[] };
    const planId = (ok(await c.post('/api/plans', { childId, reason: 'Fuzz.', unitIds: [units.bup, units.school] }), 201, 'initiate').json() as { id: string }).id;
    const plan = `/api/plans/${planId}`;
    ok(await c.post(`${plan}/consents`, {
      form: 'written', givenOn: day(0), validFrom: day(0), validUntil: day(365),
      givers: [{ personId: guardianIds[0], role: 'guardian', stance: 'consents' }, { personId: childId, role: 'child', stance: 'consents' }],
      unitIds: [units.social, units.bup, units.school],
    }), 201, 'consent');
    const startsAt = new Date(`${day(7)}T12:00:00Z`);
    ok(await c.post(`${plan}/invitations`, {
      purpose: 'Samordna.', question: 'Vem gör vad?', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      place: 'Rummet', meetingLeaderId: staff.johan, invitees: [{ unitId: units.bup }, { unitId: units.school }, { personId: guardianIds[0] }],
    }, etag(ok(await c.get(plan), 200, 'read'))), 201, 'invitation');
    ok(await c.post(`${plan}/needs`, { lifeArea: 'achieving', description: 'Frånvaro.', childView: 'Jag är trött.' }), 201, 'need');
    if (stage !== 'invited') {
      ok(await c.post(`${plan}/mapping/complete`, undefined, etag(ok(await c.get(plan), 200, 'read'))), 200, 'mapping');
      const doc = ok(await c.get(plan), 200, 'read').json() as { invitations: Array<{ id: string }>; needs: Array<{ id: string }> };
      ok(await c.post(`${plan}/meetings`, { invitationId: doc.invitations[0]!.id, kind: 'first', heldAt: new Date(Date.now() - 3_600_000).toISOString(), childPresent: true, attendance: [{ unitId: units.social }, { personId: childId }] }), 201, 'meeting');
      const goalId = (ok(await c.post(`${plan}/goals`, { needId: doc.needs[0]!.id, professionalWording: 'Närvaro 80 %.', childWords: 'Jag vill orka.' }), 201, 'goal').json() as { id: string }).id;
      ok(await c.post(`${plan}/interventions`, { goalId, description: 'Samtal.', unitId: units.social, responsibleStaffId: staff.johan, startsOn: day(0), dueOn: day(60) }), 201, 'intervention');
      ok(await c.post(`${plan}/measures`, { actor: 'Föreningen', description: 'Fotboll.' }), 201, 'measure');
      ok(await c.patch(plan, { coordinator: { staffId: staff.johan, unitId: units.social }, overallPrincipalId: principals[0], nextFollowUpOn: day(30) }, etag(ok(await c.get(plan), 200, 'read'))), 200, 'coordinator');
      if (stage !== 'mapped') ok(await c.post(`${plan}/establish`, undefined, etag(ok(await c.get(plan), 200, 'read'))), 200, 'establish');
      if (stage === 'evaluated') {
        ok(await c.post(`${plan}/evaluations`, { final: true, evaluations: [{ goalId, outcome: 'reached' }] }, etag(ok(await c.get(plan), 200, 'read'))), 200, 'evaluation');
      }
    }
    const doc = ok(await c.get(plan), 200, 'read').json() as Record<string, Array<{ id: string; unitId?: string | null; personId?: string | null }>>;
    const idsOf = (k: string) => (doc[k] ?? []).map((x) => x.id);
    return {
      planId: [planId], childId: [childId], personId: [childId, guardianIds[0]!],
      needId: idsOf('needs'), goalId: idsOf('goals'), interventionId: idsOf('interventions'), measureId: idsOf('measuresByOthers'),
      invitationId: idsOf('invitations'), meetingId: idsOf('meetings'), consentId: idsOf('consents'),
      // Not social services itself: a removed own unit would lock the sender out of the plan.
      participantId: (doc.participants ?? []).filter((p) => p.unitId !== units.social).map((p) => p.id),
      identityNumber: [childNumber, `${childNumber.slice(0, 8)}-${childNumber.slice(8)}`, testIdentityNumber('2016-02-02', '991')],
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    for (const [key, name] of [['social', 'Socialtjänsten barn och familj, Kristianstad'], ['bup', 'BUP Kristianstad'], ['school', 'Näsby skola'],
      ['vc', 'Vårdcentralen Näsby'], ['bupTrelleborg', 'BUP Trelleborg']] as const) units[key] = await t.unitId(name);
    for (const [key, hsa] of [['johan', DEMO.socialWorkerKristianstad], ['sara', DEMO.psychologistBup], ['karin', DEMO.teacherKristianstad], ['nora', DEMO.analyst],
      ['ahmed', DEMO.nursePrimaryCare], ['maria', DEMO.curatorBupTrelleborg]] as const) staff[key] = await t.staffId(hsa);
    principals = (await t.ctx.db.query<{ id: string }>("SELECT id FROM principals WHERE name IN ('Kristianstads kommun', 'Region Skåne') ORDER BY name")).map((r) => r.id);
    sessions.sara = await t.as(DEMO.psychologistBup);
    sessions.eva = await t.as(DEMO.managerKristianstad);
    sessions.per = await t.as(DEMO.principalAdmin);
    johan = await t.as(DEMO.socialWorkerKristianstad);
    const doc = await johan.get('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    endpoints = endpointsOf(doc.json() as { paths: Record<string, Record<string, Operation>> });
  });
  afterAll(async () => { await t?.close(); });

  it('the OpenAPI document names the endpoints to fuzz, each with a schema for every parameter', () => {
    expect(endpoints.length).toBeGreaterThan(40);
    const withoutSchema = endpoints.flatMap((e) => [...e.pathParams, ...e.queryParams].filter((p) => !p.schema).map((p) => `${label(e)} ${p.name}`));
    expect(withoutSchema).toEqual([]);
    // Every path parameter is declared: a template without its schema would go unfuzzed.
    const undeclared = endpoints.flatMap((e) => [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((n) => !e.pathParams.some((p) => p.name === n)).map((n) => `${label(e)} ${n}`));
    expect(undeclared).toEqual([]);
  });

  it('every endpoint, fed valid and nearly valid input: never a 5xx, a problem naming the field, and a refusal changes nothing', async () => {
    const failures: string[] = [];
    const report: string[] = [];
    let totalRuns = 0;
    // Last the administration (it may end memberships and units), and after it sign-in and
    // sign-out (they end or replace sessions).
    const late = (e: Endpoint) => (/sign|assignment/.test(e.path) ? 2 : e.path.startsWith('/api/admin') ? 1 : 0);
    const ordered = [...endpoints].sort((a, b) => late(a) - late(b));
    const started = Date.now();
    // Routes outside a plan share one: what they do to it does not matter to the next.
    let shared: Pools | undefined;
    for (const [i, e] of ordered.entries()) {
      const numRuns = runsFor(e);
      const who = senderOf(e);
      const isPlanRoute = e.path.startsWith('/api/plans/{planId}');
      // Sign-out ends the session it is sent with: it gets one of its own.
      const client = /sign-out/.test(e.path) ? await t.as(DEMO.socialWorkerKristianstad) : who === 'johan' ? johan : sessions[who];
      shared ??= await buildPlan(johan, 'established');
      const planPools = isPlanRoute ? await buildPlan(johan, STAGE[label(e)] ?? 'established') : shared;
      const notifications = (await t.ctx.db.query<{ id: string }>('SELECT id FROM notifications WHERE recipient_id = $1 LIMIT 3', [staff.johan])).map((r) => r.id);
      const admin = e.path.startsWith('/api/admin');
      // Whom the administration may end or move: staff and units that no other endpoint here needs.
      const memberships = admin ? (await t.ctx.db.query<{ id: string }>('SELECT id FROM memberships WHERE staff_id = ANY($1::uuid[])', [[staff.ahmed, staff.maria]])).map((r) => r.id) : [];
      const pools: Pools = {
        ...planPools,
        unitId: admin ? [units.vc, units.bupTrelleborg] : [units.social, units.bup, units.school],
        // The leave endpoint ends the membership of whoever it names: only the analyst, whom no other endpoint here needs.
        staffId: e.path.endsWith('/leave') ? [staff.nora] : admin ? [staff.ahmed, staff.maria] : [staff.johan, staff.sara, staff.karin],
        membershipId: memberships,
        responsibleStaffId: [staff.johan, staff.sara], meetingLeaderId: [staff.johan], noteTakerId: [staff.karin],
        overallPrincipalId: principals, notificationId: notifications, before: notifications,
        hsaId: [DEMO.socialWorkerKristianstad, DEMO.teacherKristianstad], versionNo: ['1', '2'],
      };
      const planId = planPools.planId![0]!;
      const statuses = new Map<number, number>();
      let current: DataSnapshot | null = null;

      const property = fc.asyncProperty(inputs(e, pools), async (input) => {
        current ??= await dataSnapshot(t.ctx.db);
        const version = (await t.ctx.db.query<{ version: number }>('SELECT version FROM plans WHERE id = $1', [planId]))[0]?.version;
        const headers: Record<string, string> = input.ifMatch === undefined ? {} : { 'if-match': input.ifMatch === 'current' ? `"${version}"` : input.ifMatch };
        const url = urlOf(e, input);
        const res = await send(t, client, e.method, url, input.body, headers);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const request = `${e.method} ${url.length > 200 ? `${url.slice(0, 200)}…` : url} If-Match: ${headers['if-match'] ?? '-'} body: ${summarise(input.body)}`;
        const wrong = checkAnswer(res);
        if (wrong) throw new Error(`${wrong}\n    request: ${request}`);
        if (res.statusCode >= 400 || e.method === 'GET') {
          const after = await dataSnapshot(t.ctx.db);
          const changed = changedTables(current, after);
          current = after;
          if (changed.length) throw new Error(`${res.statusCode} ${e.method === 'GET' ? 'read' : 'refusal'} changed ${changed.join(', ')}\n    request: ${request}\n    answer: ${res.body.slice(0, 200)}`);
        } else {
          // Accepted: it may change data; the next run compares against what is there now.
          current = null;
        }
      });
      const result = await fc.check(property, { numRuns, seed: SEED + i });
      totalRuns += result.numRuns;
      if (result.failed) {
        const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
        failures.push(`${label(e)} (as ${who}, seed ${result.seed}, path ${result.counterexamplePath}, after ${result.numShrinks} shrinks): ${error}`);
      }
      report.push(`${label(e).padEnd(66)} ${who.padEnd(6)} ${String(result.numRuns).padStart(3)} runs  ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}${result.failed ? '   ← FAILED' : ''}`);
    }
    console.log(`\nFuzzing (seed ${SEED}): ${endpoints.length} endpoints, ${totalRuns} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n${report.join('\n')}\n`);
    expect(failures).toEqual([]);
  }, 90_000 * RUNS_FACTOR);

  it('a path the router cannot take (a malformed escape, invalid UTF-8, a segment too long) is refused with a problem, like any other bad input', async () => {
    // A session of its own: the fuzzing above signed in and out.
    const c = await t.as(DEMO.socialWorkerKristianstad);
    const wrong: string[] = [];
    for (const e of endpoints.filter((x) => x.pathParams.length > 0 && !/sign/.test(x.path))) {
      for (const bad of ['%', '%zz', '%C0%AF', 'x'.repeat(101)]) {
        const url = e.path.replace(/\{(\w+)\}/, bad).replace(/\{(\w+)\}/g, () => randomUUID());
        const res = await send(t, c, e.method, url, e.body ? {} : undefined, {});
        const problem = checkAnswer(res) ?? (res.statusCode < 400 ? `${res.statusCode}: accepted` : null);
        if (problem) wrong.push(`${bad.length > 20 ? `a segment of ${bad.length} characters` : bad}: ${problem.split('\n')[0]!.replace(/\{"error".*/, '').trim()} ${/"code":"(\w+)"/.exec(res.body)?.[1] ?? ''}`);
      }
    }
    // One line per kind of answer: the cause is the same on every route.
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('a deeply nested body is refused with a problem on every endpoint that takes one, and changes nothing', async () => {
    const byAnswer = new Map<string, string[]>();
    const c = await t.as(DEMO.socialWorkerKristianstad);
    const pools = await buildPlan(c, 'established');
    const before = await dataSnapshot(t.ctx.db);
    for (const e of endpoints.filter((x) => x.body && x.method !== 'GET' && !/sign|assignment/.test(x.path))) {
      const url = e.path.replace(/\{(\w+)\}/g, (_m, k: string) => pools[k]?.[0] ?? randomUUID());
      // Sent as text: JSON.stringify in this process would itself overflow its stack on the deepest.
      for (const [depth, open, close] of [[100, '[', ']'], [5_000, '[', ']'], [100_000, '[', ']'], [20_000, '{"a":', '}']] as const) {
        const payload = open.repeat(depth) + (open === '[' ? '' : '1') + close.repeat(depth);
        const res = await t.app.inject({ method: e.method, url, headers: { ...c.headers, 'content-type': 'application/json', 'if-match': '"1"' }, payload });
        const wrong = checkAnswer(res) ?? (res.statusCode < 400 ? `${res.statusCode}: accepted` : null);
        if (!wrong) continue;
        const key = `${open === '[' ? 'arrays' : 'objects'} nested ${depth} deep (${payload.length} bytes): ${wrong.split('\n')[0]!.slice(0, 120)}`;
        byAnswer.set(key, [...(byAnswer.get(key) ?? []), label(e)]);
      }
    }
    const failures = [...byAnswer].map(([answer, where]) => `${answer} — on ${where.length} endpoints, e.g. ${where.slice(0, 3).join(', ')}`);
    expect(changedTables(before, await dataSnapshot(t.ctx.db))).toEqual([]);
    expect(failures).toEqual([]);
  });
});
