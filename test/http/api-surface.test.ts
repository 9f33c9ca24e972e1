/**
 * The parts of the API a staff member meets every morning (the worklist, search with pages),
 * the log extract a family may ask for, and the API's own documentation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from '../support/app.ts';

describe('worklist, search, log extract, documentation', () => {
  let t: TestApp;
  const planOf = async (givenName: string) =>
    (await t.ctx.db.query<{ id: string; plan_number: string; child_id: string }>(
      'SELECT p.id, p.plan_number, p.child_id FROM plans p JOIN persons c ON c.id = p.child_id WHERE c.given_name = $1', [givenName]))[0]!;

  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t.close());

  it('the worklist (Att göra) shows each person what waits for them, and nothing else', async () => {
    const elias = await planOf('Elias');
    const noah = await planOf('Noah');
    const maja = await planOf('Maja');
    // The BUP psychologist: Noah's invitation to answer; Elias's assessment is three days late.
    const sara = (await (await t.as(DEMO.psychologistBup)).get('/api/worklist')).json();
    expect(sara.invitations.map((i: any) => i.planId)).toEqual([noah.id]);
    expect(sara.overdueInterventions).toHaveLength(1);
    expect(sara.overdueInterventions[0]).toMatchObject({ planId: elias.id, description: 'Neuropsykiatrisk utredning.', overdue: true });
    expect(sara.drafts).toEqual([]);
    // The coordinator of Elias's plan: its follow-up is due within 14 days.
    const johan = (await (await t.as(DEMO.socialWorkerKristianstad)).get('/api/worklist')).json();
    expect(johan.followUps.map((f: any) => f.planId)).toEqual([elias.id]);
    expect(johan.followUps[0].overdue).toBe(false);
    // Pupil health in Trelleborg: Maja's draft, waiting for consent.
    const fatima = (await (await t.as(DEMO.nurseTrelleborg)).get('/api/worklist')).json();
    expect(fatima.drafts.map((d: any) => d.planId)).toEqual([maja.id]);
    // The primary care nurse is invited to Noah's meeting and covered by the consent: the invitation shows.
    const ahmed = (await (await t.as(DEMO.nursePrimaryCare)).get('/api/worklist')).json();
    expect(ahmed.invitations.map((i: any) => i.planId)).toEqual([noah.id]);
    // Nobody's worklist shows a plan their unit may not read (Malmö sees only Alva).
    const fredrik = (await (await t.as(DEMO.socialWorkerMalmo)).get('/api/worklist')).json();
    const seen = new Set(Object.values(fredrik).flat().map((i: any) => i.planId));
    expect([...seen]).toEqual([(await planOf('Alva')).id]);
  });

  it('search pages through the plans the unit may read', async () => {
    const johan = await t.as(DEMO.socialWorkerKristianstad);
    const all = (await johan.get('/api/plans')).json();
    expect(all.total).toBe(2);
    const page1 = (await johan.get('/api/plans?pageSize=1&page=1')).json();
    const page2 = (await johan.get('/api/plans?pageSize=1&page=2')).json();
    expect(page1.items).toHaveLength(1);
    expect(page2.items).toHaveLength(1);
    expect(page1.total).toBe(2);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    expect(new Set([page1.items[0].id, page2.items[0].id])).toEqual(new Set(all.items.map((i: any) => i.id)));
    const byName = (await johan.get('/api/plans?q=elias')).json();
    expect(byName.items.map((i: any) => i.childName)).toEqual(['Elias Karlsson']);
    const byState = (await johan.get('/api/plans?state=invited')).json();
    expect(byState.items.map((i: any) => i.childName)).toEqual(['Noah Eriksson']);
  });

  it('the log extract (loggutdrag) names who read the child\'s plan, for which unit and principal, and is itself logged', async () => {
    const elias = await planOf('Elias');
    const sara = await t.as(DEMO.psychologistBup);
    expect((await sara.get(`/api/plans/${elias.id}`)).statusCode).toBe(200);
    const admin = await t.as(DEMO.principalAdmin);
    const res = await admin.get(`/api/persons/${elias.child_id}/log-extract`);
    expect(res.statusCode).toBe(200);
    const entries = res.json().entries as Array<Record<string, string>>;
    expect(entries.some((e) => e.staffName === 'Sara Holm' && e.unitName === 'BUP Kristianstad' && e.principalName === 'Region Skåne' && e.event === 'plan.read' && e.planNumber === elias.plan_number)).toBe(true);
    expect(entries.some((e) => e.staffName === 'Karin Ek' && e.event === 'plan.initiate')).toBe(true);
    const times = entries.map((e) => Date.parse(e.at!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(res.body).not.toContain('20140315'); // no identity number in the extract
    const logged = await t.ctx.db.query("SELECT 1 FROM audit_events WHERE event = 'person.log_extract' AND person_id = $1", [elias.child_id]);
    expect(logged).toHaveLength(1);
    // Staff who are not principal administrators cannot take one.
    expect((await sara.get(`/api/persons/${elias.child_id}/log-extract`)).statusCode).toBe(403);
  });

  it('documents itself: OpenAPI at /api/openapi.json and a browsable UI at /api/docs', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/api/plans', '/api/plans/{planId}', '/api/plans/{planId}/establish', '/api/plans/{planId}/consents', '/api/worklist', '/api/persons/lookup']) {
      expect(Object.keys(spec.paths), path).toContain(path);
    }
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    // Swagger UI sets inline styles, so its pages, and only they, may.
    expect(ui.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('every answer carries the strict security headers: a plan, an error, the web app', async () => {
    const johan = await t.as(DEMO.socialWorkerKristianstad);
    const plan = await johan.get(`/api/plans/${(await planOf('Elias')).id}`);
    const missing = await johan.get('/api/plans/00000000-0000-4000-8000-000000000000');
    const page = await t.app.inject({ method: 'GET', url: '/' });
    for (const res of [plan, missing, page]) {
      const csp = String(res.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) expect(csp).toContain(directive);
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
    expect(plan.statusCode).toBe(200);
    expect(plan.headers['cache-control']).toBe('no-store');
  });
});
