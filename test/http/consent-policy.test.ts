/**
 * Which consent a child's plan needs is a setting per county (SIP.md §2): every guardian, or the
 * child alone from a set age. The same consent, recorded under each setting, carries the plan or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { setConsentPolicy } from '../../src/services/counties/set-consent-policy.ts';

describe('the county decides which consent a child\'s plan needs', () => {
  let t: TestApp;
  let johan: Client;
  let sara: Client;
  let plan: { id: string; childId: string; guardianIds: string[] };
  let units: string[];

  beforeAll(async () => {
    t = await startTestApp();
    johan = await t.as(DEMO.socialWorkerKristianstad);
    sara = await t.as(DEMO.psychologistBup);
    // Noah (14) has a plan with social services, BUP, the school and primary care.
    const row = (await t.ctx.db.query<{ id: string; child_id: string }>(
      "SELECT p.id, p.child_id FROM plans p JOIN persons c ON c.id = p.child_id WHERE c.given_name = 'Noah'"))[0]!;
    const guardianIds = (await t.ctx.db.query<{ guardian_id: string }>('SELECT guardian_id FROM guardianships WHERE child_id = $1', [row.child_id])).map((g) => g.guardian_id);
    plan = { id: row.id, childId: row.child_id, guardianIds };
    units = [await t.unitId('Socialtjänsten barn och familj, Kristianstad'), await t.unitId('BUP Kristianstad')];
    // Start from no valid consent: withdraw the demo's.
    for (const c of (await johan.get(`/api/plans/${plan.id}`)).json().consents) {
      expect((await johan.post(`/api/plans/${plan.id}/consents/${c.id}/withdraw`, { note: 'Test' }, { 'if-match': `"${c.version}"` })).statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  const childAlone = () => johan.post(`/api/plans/${plan.id}/consents`, {
    form: 'oral', givenOn: new Date().toISOString().slice(0, 10), validFrom: new Date().toISOString().slice(0, 10),
    validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    givers: [{ personId: plan.childId, role: 'child', stance: 'consents' }], unitIds: units,
  });

  it('where every guardian must consent, the 14-year-old\'s own consent does not carry the plan', async () => {
    await setConsentPolicy(t.ctx.db, { county: '12', policy: 'guardians' });
    const res = await childAlone();
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ sufficient: false });
    expect(res.json().problems).toContain('guardian_missing');
    expect((await sara.get(`/api/plans/${plan.id}`)).statusCode).toBe(403);
  });

  it('where a child may consent alone from 13, the same consent carries the plan for the units it names', async () => {
    await setConsentPolicy(t.ctx.db, { county: '12', policy: 'child_from_age', age: 13 });
    const res = await childAlone();
    expect(res.json()).toMatchObject({ sufficient: true, problems: [] });
    expect((await sara.get(`/api/plans/${plan.id}`)).statusCode).toBe(200);
    // The school takes part but is not named by the child's consent.
    const school = await t.as(DEMO.teacherKristianstad);
    expect((await school.get(`/api/plans/${plan.id}`)).statusCode).toBe(403);
  });

  it('where the age is 15, the 14-year-old cannot consent alone', async () => {
    await setConsentPolicy(t.ctx.db, { county: '12', policy: 'child_from_age', age: 15 });
    const res = await childAlone();
    expect(res.json()).toMatchObject({ sufficient: false });
  });

  it('refuses an unknown county or an age outside 12–18, naming the field, and changes nothing', async () => {
    const before = await t.ctx.db.query('SELECT county, child_consent_policy, child_consent_age FROM counties ORDER BY county');
    await expect(setConsentPolicy(t.ctx.db, { county: '99', policy: 'guardians' })).rejects.toMatchObject({ status: 400, problems: [{ field: '/county' }] });
    await expect(setConsentPolicy(t.ctx.db, { county: '12', policy: 'child_from_age', age: 40 })).rejects.toMatchObject({ status: 400, problems: [{ field: '/age' }] });
    expect(await t.ctx.db.query('SELECT county, child_consent_policy, child_consent_age FROM counties ORDER BY county')).toEqual(before);
  });
});
