/**
 * Deviations in cooperation over HTTP (issue 7 item 5, SIP.md §5): Karin, a teacher, reports one
 * on Elias's plan naming the social services and the health centre; their nearest managers (Eva
 * Andersson and Ahmed Hassan, made the health centre's manager here) are told, investigate and
 * decide a measure, then escalate; Kristianstad's steering group (Eva and Per Olsson) is told and
 * closes it. Every step names its version and is audited; bad input names the field and changes
 * nothing; nobody reaches a plan or a deviation through this that they could not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { allowedDeviationTransitions } from '../../src/domain/deviation-lifecycle.ts';

describe('deviations in cooperation', () => {
  let t: TestApp;
  let karin: Client, eva: Client, ahmed: Client, per: Client, johan: Client, sara: Client, nora: Client, fredrik: Client;
  let social: string, health: string, school: string, elias: { id: string; plan_number: string }, alva: string;
  let deviationId: string;
  let version = 1;
  const count = async (table: string) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const inbox = async (c: Client) => (await c.get('/api/notifications?limit=100')).json().items as Array<{ kind: string; title: string; body: string; link: string; planId: string | null; planNumber: string | null }>;
  const step = (c: Client, event: string, note?: string, v = version) => c.post(`/api/deviations/${deviationId}/status`, { event, ...(note ? { note } : {}) }, { 'if-match': `"${v}"` });

  beforeAll(async () => {
    t = await startTestApp();
    social = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    health = await t.unitId('Vårdcentralen Näsby');
    school = await t.unitId('Näsby skola');
    elias = (await t.ctx.db.query<{ id: string; plan_number: string }>("SELECT p.id, p.plan_number FROM plans p JOIN persons c ON c.id = p.child_id WHERE c.given_name = 'Elias'"))[0]!;
    alva = (await t.ctx.db.query<{ id: string }>("SELECT p.id FROM plans p JOIN persons c ON c.id = p.child_id WHERE c.given_name = 'Alva'"))[0]!.id;
    // The health centre gets a manager: Ahmed Hassan leads it (the demo has no manager there).
    await t.ctx.db.query("UPDATE memberships SET role = 'manager' WHERE staff_id = $1 AND unit_id = $2", [await t.staffId(DEMO.nursePrimaryCare), health]);
    karin = await t.as(DEMO.teacherKristianstad);
    eva = await t.as(DEMO.managerKristianstad);
    ahmed = await t.as(DEMO.nursePrimaryCare);
    per = await t.as(DEMO.principalAdmin);
    johan = await t.as(DEMO.socialWorkerKristianstad);
    sara = await t.as(DEMO.psychologistBup);
    nora = await t.as(DEMO.analyst);
    fredrik = await t.as(DEMO.socialWorkerMalmo);
  });
  afterAll(() => t.close());

  it('has the same transitions in the database as in src/domain/deviation-lifecycle.ts', async () => {
    const rows = await t.ctx.db.query<{ f: string; to: string }>('SELECT from_state AS f, to_state AS to FROM deviation_state_transitions');
    expect(rows.map((r) => `${r.f}>${r.to}`).sort()).toEqual(allowedDeviationTransitions().map((p) => p.join('>')).sort());
  });

  it('refuses bad input, naming each field, and changes nothing', async () => {
    const before = [await count('deviations'), await count('notifications'), await count('audit_events')];
    const res = await karin.post('/api/deviations', { title: ' ', description: '', occurredOn: '2999-01-01', unitIds: [social, '00000000-0000-7000-8000-000000000000'] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().problems.map((p: { field: string }) => p.field).sort()).toEqual(['/description', '/occurredOn', '/title', '/unitIds/1']);
    expect((await karin.post('/api/deviations', { title: 'X', description: 'Y', unitIds: [] })).json().problems.map((p: { field: string }) => p.field)).toEqual(['/unitIds']);
    expect((await karin.post('/api/deviations', { title: 'X', description: 'Y', unitIds: ['inte-ett-id'] })).statusCode).toBe(400);
    expect([await count('deviations'), await count('notifications'), await count('audit_events')]).toEqual(before);
  });

  it('lets a teacher tie a deviation only to a plan she can see', async () => {
    const before = await count('deviations');
    const res = await karin.post('/api/deviations', { planId: alva, title: 'Ingen kom', description: 'Mötet hölls inte.', unitIds: [social] });
    expect(res.statusCode).toBe(404);
    expect(await count('deviations')).toBe(before);
    const [denied] = await t.ctx.db.query<{ outcome: string }>("SELECT outcome FROM audit_events WHERE event = 'deviation.report' AND plan_id = $1", [alva]);
    expect(denied?.outcome).toBe('denied');
    // The analyst sees aggregates only: she reports nothing.
    expect((await nora.post('/api/deviations', { title: 'X', description: 'Y', unitIds: [social] })).statusCode).toBe(403);
  });

  it('reports a deviation on a plan and tells the nearest managers of the units involved', async () => {
    const res = await karin.post('/api/deviations', {
      planId: elias.id, title: 'Kallelsen kom för sent', occurredOn: '2026-11-02',
      description: 'Socialtjänsten och vårdcentralen fick kallelsen dagen före mötet och kunde inte komma.', unitIds: [social, health],
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    deviationId = res.json().id;
    const [eva_, ahmed_] = [await t.staffId(DEMO.managerKristianstad), await t.staffId(DEMO.nursePrimaryCare)];
    expect(res.json().notified).toEqual([eva_, ahmed_].sort());
    for (const c of [eva, ahmed]) {
      const n = (await inbox(c)).find((x) => x.kind === 'deviation_reported')!;
      expect(n).toMatchObject({ link: `/avvikelser/${deviationId}`, planId: null, title: `Ny avvikelse i samverkan (${elias.plan_number})` });
      // A notice carries no free text: the title Karin wrote may name the child.
      expect(n.body).not.toContain('Kallelsen kom för sent');
      expect(n.body).toContain('Karin Ek, Näsby skola');
    }
    expect((await inbox(johan)).some((x) => x.kind === 'deviation_reported')).toBe(false);
    expect((await eva.get('/api/deviations?scope=managed')).json().items.map((d: { id: string }) => d.id)).toEqual([deviationId]);
    expect((await karin.get('/api/deviations?scope=reported')).json().items[0]).toMatchObject({ id: deviationId, status: 'reported', planNumber: elias.plan_number, units: ['Socialtjänsten barn och familj, Kristianstad', 'Vårdcentralen Näsby'] });
  });

  it('is hidden from those with no part in it', async () => {
    expect((await sara.get(`/api/deviations/${deviationId}`)).statusCode).toBe(404);
    expect((await fredrik.get(`/api/deviations/${deviationId}`)).statusCode).toBe(404);
    expect((await sara.get('/api/deviations?scope=managed')).json().items).toEqual([]);
    // The reporter reads it but does not handle it.
    const own = await karin.get(`/api/deviations/${deviationId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().you).toMatchObject({ reporter: true, handler: null, nextEvents: [] });
    expect((await step(karin, 'investigate')).statusCode).toBe(403);
  });

  it('moves through investigation and measures with If-Match: stale 412, missing 428', async () => {
    const view = await eva.get(`/api/deviations/${deviationId}`);
    expect(view.headers.etag).toBe('"1"');
    expect(view.json().you).toMatchObject({ manager: true, handler: 'manager', nextEvents: ['investigate', 'escalate'] });
    expect((await eva.post(`/api/deviations/${deviationId}/status`, { event: 'investigate' })).statusCode).toBe(428);
    let res = await step(eva, 'investigate');
    expect(res.statusCode).toBe(200);
    version = res.json().version;
    expect(res.headers.etag).toBe(`"${version}"`);
    // Ahmed read version 1: his step is refused and changes nothing.
    expect((await step(ahmed, 'escalate', 'Ingen svarar', 1)).statusCode).toBe(412);
    // Measures first.
    expect((await step(eva, 'decide_measures')).statusCode).toBe(422);
    const johanId = await t.staffId(DEMO.socialWorkerKristianstad);
    const bad = await eva.post(`/api/deviations/${deviationId}/measures`, { description: '', ownerStaffId: johanId, dueOn: '2026-13-01' }, { 'if-match': `"${version}"` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems.map((p: { field: string }) => p.field).sort()).toEqual(['/description', '/dueOn']);
    res = await eva.post(`/api/deviations/${deviationId}/measures`, { description: 'Kallelser skickas minst tio dagar före mötet.', ownerStaffId: johanId, dueOn: '2099-01-31' }, { 'if-match': `"${version}"` });
    expect(res.statusCode).toBe(201);
    version = res.json().deviationVersion;
    const n = (await inbox(johan)).find((x) => x.kind === 'deviation_measure_assigned')!;
    expect(n.link).toBe(`/avvikelser/${deviationId}`);
    // Johan owns a measure: he reads the deviation and may mark his measure done, nothing else.
    const measure = (await johan.get(`/api/deviations/${deviationId}`)).json().measures[0];
    expect(measure).toMatchObject({ ownerName: 'Johan Berg', dueOn: '2099-01-31', doneOn: null, version: 1 });
    res = await step(ahmed, 'decide_measures');
    expect(res.statusCode).toBe(200);
    version = res.json().version;
    expect((await johan.patch(`/api/deviations/${deviationId}/measures/${measure.id}`, { doneOn: null }, { 'if-match': '"7"' })).statusCode).toBe(412);
  });

  it('escalates what the managers cannot resolve to the steering group of the local agreement', async () => {
    expect((await step(ahmed, 'escalate')).json().problems[0].field).toBe('/note');
    const res = await step(ahmed, 'escalate', 'Samma sak har hänt tre gånger; regionen och kommunen behöver en gemensam rutin.');
    expect(res.statusCode).toBe(200);
    version = res.json().version;
    const [perId, evaId] = [await t.staffId(DEMO.principalAdmin), await t.staffId(DEMO.managerKristianstad)];
    expect(res.json().notified).toEqual([perId, evaId].sort());
    expect((await inbox(per)).find((x) => x.kind === 'deviation_escalated')!.body).toContain('Kristianstad');
    const list = (await per.get('/api/deviations?scope=steering')).json().items;
    expect(list.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([[deviationId, 'escalated']]);
    expect(list[0].agreementName).toContain('Kristianstad');
    // It is the steering group's now: the health centre's manager no longer decides.
    expect((await step(ahmed, 'close', 'Löst')).statusCode).toBe(403);
    expect((await per.get(`/api/deviations/${deviationId}`)).json().you).toMatchObject({ steeringGroup: true, handler: 'steering_group', nextEvents: ['decide_measures', 'close'] });
  });

  it('is closed by the steering group with a resolution, and every step is in the audit trail', async () => {
    const perId = await t.staffId(DEMO.principalAdmin);
    let res = await per.post(`/api/deviations/${deviationId}/measures`, { description: 'Gemensam rutin för kallelser i styrgruppen.', ownerStaffId: perId, dueOn: '2099-03-01' }, { 'if-match': `"${version}"` });
    expect(res.statusCode).toBe(201);
    version = res.json().deviationVersion;
    res = await step(per, 'decide_measures');
    version = res.json().version;
    res = await step(eva, 'close', 'Rutinen för kallelser är ändrad i den lokala överenskommelsen.');
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('closed');
    const view = (await karin.get(`/api/deviations/${deviationId}`)).json();
    expect(view.status).toBe('closed');
    expect(view.resolution).toContain('Rutinen');
    expect(view.history.map((h: { to: string; byName: string }) => `${h.to}:${h.byName}`)).toEqual([
      'reported:Karin Ek', 'investigating:Eva Andersson', 'measures_decided:Ahmed Hassan', 'escalated:Ahmed Hassan', 'measures_decided:Per Olsson', 'closed:Eva Andersson',
    ]);
    const [row] = await t.ctx.db.query<{ closed: boolean; reported: boolean }>('SELECT closed_at IS NOT NULL AS closed, reported_at IS NOT NULL AS reported FROM deviations WHERE id = $1', [deviationId]);
    expect(row).toEqual({ closed: true, reported: true });
    const audit = await t.ctx.db.query<{ event: string; n: number }>(
      `SELECT event, count(*)::int AS n FROM audit_events WHERE detail->>'deviationId' = $1 AND outcome = 'success' AND action <> 'R' GROUP BY event ORDER BY event`, [deviationId]);
    expect(audit).toEqual([{ event: 'deviation.measure.add', n: 2 }, { event: 'deviation.report', n: 1 }, { event: 'deviation.status', n: 5 }]);
    const [planRows] = await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE detail->>'deviationId' = $1 AND plan_id = $2`, [deviationId, elias.id]);
    expect(planRows!.n).toBeGreaterThan(5);
  });

  it('marks a measure done by its owner, and the database refuses a skipped step', async () => {
    const view = (await johan.get(`/api/deviations/${deviationId}`)).json();
    const m = view.measures.find((x: { ownerName: string }) => x.ownerName === 'Johan Berg');
    const res = await johan.patch(`/api/deviations/${deviationId}/measures/${m.id}`, { doneOn: '2026-11-20' }, { 'if-match': `"${m.version}"` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    // A general deviation (no plan): the database lets it start only as reported and move only along the lifecycle.
    const general = await johan.post('/api/deviations', { title: 'Ingen kontaktväg till skolan', description: 'Skolan svarar inte i telefon.', unitIds: [school] });
    expect(general.statusCode).toBe(201);
    await expect(t.ctx.db.query("UPDATE deviations SET status = 'measures_decided' WHERE id = $1", [general.json().id])).rejects.toThrow(/not allowed/);
    // Näsby skola's nearest manager is its head teacher, Anna Lind.
    expect(general.json().notified).toEqual([await t.staffId(DEMO.headteacherKristianstad)]);
  });
});
