/**
 * Key figures over HTTP (issue 7 items 1, 2 and 4) against a small hand-made data set in 2024
 * (the demo's own plans are in the current year, outside it): six plans in Kristianstad, three in
 * Trelleborg. Every expected number below is worked out by hand from the rows written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { newId } from '../../src/store/ids.ts';

const C = '12';
const ANALYST = 'SE2120001290-U01';

interface Cell { figure: string; group: string; period: string; value: number | null; display: string; suppressed: boolean; numerator: number | null; denominator: number | null; n: number | null }
interface Table { groups: Array<{ key: string; label: string }>; periods: Array<{ start: string; label: string }>; cells: Cell[]; figures: Array<{ id: string; definition: string }>; unavailable: unknown[] }

describe('key figures', () => {
  let t: TestApp;
  let eva: Client, nora: Client, johan: Client, per: Client, sara: Client;
  const id: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => t.ctx.db.query(sql, params);
  const at = (day: string) => `${day}T12:00:00+01:00`;

  /** A plan through the states the database allows, on the dates given. */
  async function plan(key: string, o: { initiated: string; by: string; units: string[]; established?: string; coordinator?: string; closed?: string; nextFollowUp?: string }) {
    const pid = newId();
    const child = newId();
    id[key] = pid;
    id[`${key}.child`] = child;
    await q(`INSERT INTO persons (county, id, identity_kind, identity_number, given_name, family_name) VALUES ($1, $2, 'reservnummer', $3, 'Barn', $4)`, [C, child, `KF-${key}`, key]);
    await q(`INSERT INTO plans (county, id, plan_number, child_id, reason, initiating_unit_id, initiated_by, initiated_at)
             VALUES ($1, $2, $3, $4, 'Behov av samordning', $5, $6, $7)`, [C, pid, `KF-${key}`, child, id[o.by], id[`${o.by}.staff`], at(o.initiated)]);
    for (const u of o.units) await q(`INSERT INTO plan_participants (county, id, plan_id, kind, unit_id) VALUES ($1, $2, $3, 'unit', $4)`, [C, newId(), pid, id[u]]);
    await q(`INSERT INTO plan_participants (county, id, plan_id, kind, person_id) VALUES ($1, $2, $3, 'child', $4)`, [C, newId(), pid, child]);
    // A valid consent covering every unit, so that each participating unit may read the plan.
    await consent(key, o.initiated, o.units, { sufficient: true });
    if (o.established) {
      await q(`UPDATE plans SET state = 'invited' WHERE id = $1`, [pid]);
      await q(`UPDATE plans SET state = 'mapped' WHERE id = $1`, [pid]);
      await q(`UPDATE plans SET state = 'established', coordinator_staff_id = $2, coordinator_unit_id = $3, overall_principal_id = $4,
               plan_version = 1, established_at = $5, next_follow_up_on = $6 WHERE id = $1`,
        [pid, o.coordinator ?? id['S.staff'], id.S, id.kristianstad, at(o.established), o.nextFollowUp ?? null]);
    }
    if (o.closed) {
      await q(`UPDATE plans SET state = 'evaluated' WHERE id = $1`, [pid]);
      await q(`UPDATE plans SET state = 'closed', closed_at = $2, closure_reason = 'goals_reached' WHERE id = $1`, [pid, at(o.closed)]);
    }
  }
  async function consent(key: string, day: string, units: string[], o: { sufficient: boolean; refusedBy?: boolean; withdrawn?: string }) {
    const cid = newId();
    await q(`INSERT INTO consents (county, id, plan_id, form, given_on, valid_from, valid_until, sufficient, recorded_by, recorded_unit, recorded_at, withdrawn_at, withdrawn_by)
             VALUES ($1, $2, $3, 'written', $4, $4, '2030-12-31', $5, $6, $7, $8, $9, $10)`,
      [C, cid, id[key], day, o.sufficient, id['S.staff'], id.S, at(day), o.withdrawn ? at(o.withdrawn) : null, o.withdrawn ? id['S.staff'] : null]);
    for (const u of units) await q('INSERT INTO consent_units (county, consent_id, unit_id) VALUES ($1, $2, $3)', [C, cid, id[u]]);
    if (o.refusedBy) {
      await q(`INSERT INTO consent_givers (county, consent_id, person_id, role, stance, refusal_reason) VALUES ($1, $2, $3, 'child', 'refuses', 'Vill inte')`, [C, cid, id[`${key}.child`]]);
    }
  }
  async function meeting(key: string, day: string, o: { present: boolean; video: boolean }) {
    const mid = newId();
    id[`${key}.meeting`] = mid;
    await q(`INSERT INTO meetings (county, id, plan_id, kind, held_at, by_video, child_present, recorded_by) VALUES ($1, $2, $3, 'first', $4, $5, $6, $7)`,
      [C, mid, id[key], at(day), o.video, o.present, id['S.staff']]);
  }

  beforeAll(async () => {
    t = await startTestApp();
    id.S = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    id.K = await t.unitId('Näsby skola');
    id.B = await t.unitId('BUP Kristianstad');
    id.T = await t.unitId('Socialtjänsten barn och familj, Trelleborg');
    id['S.staff'] = await t.staffId(DEMO.socialWorkerKristianstad);
    id['K.staff'] = await t.staffId(DEMO.teacherKristianstad);
    id['B.staff'] = await t.staffId(DEMO.psychologistBup);
    id['T.staff'] = await t.staffId(DEMO.socialWorkerTrelleborg);
    id.kristianstad = (await t.ctx.db.query<{ id: string }>(`SELECT id FROM principals WHERE name = 'Kristianstads kommun'`))[0]!.id;
    id.agreement = (await t.ctx.db.query<{ id: string }>(`SELECT id FROM local_agreements WHERE name LIKE '%Kristianstad'`))[0]!.id;
    // A social worker who will leave: the coordinator of P2.
    id.xena = newId();
    await q(`INSERT INTO staff (county, id, hsa_id, name) VALUES ($1, $2, 'SE2120001290-S09', 'Xena Lind')`, [C, id.xena]);
    await q(`INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ($1, $2, $3, $4, 'staff')`, [C, newId(), id.xena, id.S]);

    // Kristianstad (all units in municipality 1290).
    await plan('P1', { initiated: '2024-01-10', by: 'K', units: ['K', 'S', 'B'], established: '2024-01-20', closed: '2024-03-25' });
    await plan('P2', { initiated: '2024-01-15', by: 'S', units: ['S', 'B'], established: '2024-02-14', coordinator: id.xena, nextFollowUp: '2024-06-10' });
    await plan('P3', { initiated: '2024-01-25', by: 'S', units: ['S'] });
    await plan('P4', { initiated: '2024-02-10', by: 'K', units: ['K', 'S'] });
    await plan('P5', { initiated: '2024-03-01', by: 'S', units: ['S'] });
    await plan('P6', { initiated: '2024-03-05', by: 'S', units: ['S'] });
    await meeting('P1', '2024-01-20', { present: true, video: true }); // 10 days
    await meeting('P2', '2024-02-14', { present: false, video: false }); // 30 days
    await meeting('P3', '2024-01-30', { present: true, video: true }); // 5 days
    await meeting('P4', '2024-03-01', { present: true, video: false }); // 20 days
    await meeting('P5', '2024-03-03', { present: true, video: true }); // 2 days
    // P1: the coordinator changes once, on 5 February.
    await q('UPDATE plans SET coordinator_staff_id = $2 WHERE id = $1', [id.P1, await t.staffId(DEMO.managerKristianstad)]);
    await q(`UPDATE plan_coordinator_changes SET changed_at = $2 WHERE plan_id = $1`, [id.P1, at('2024-02-05')]);
    // Follow-ups: P1's held before its date, P2's after it; P2's next one (10 June) was never held.
    await q(`INSERT INTO follow_ups (county, id, plan_id, due_on, held_on, next_due_on, new_version, recorded_by) VALUES
             ($1, $2, $3, '2024-03-01', '2024-02-28', '2024-05-01', 2, $5), ($1, $4, $6, '2024-03-10', '2024-03-20', '2024-06-10', 2, $5)`,
      [C, newId(), id.P1, newId(), id['S.staff'], id.P2]);
    // Interventions: the social services' done before its date, BUP's after.
    await q(`INSERT INTO interventions (county, id, plan_id, description, principal_id, unit_id, responsible_staff_id, starts_on, due_on, status, done_on, created_by) VALUES
             ($1, $2, $3, 'Stödsamtal', $4, $5, $6, '2024-01-20', '2024-02-15', 'done', '2024-02-10', $6),
             ($1, $7, $8, 'Utredning', (SELECT principal_id FROM units WHERE id = $9), $9, $10, '2024-02-14', '2024-03-01', 'done', '2024-03-05', $10)`,
      [C, newId(), id.P1, id.kristianstad, id.S, id['S.staff'], newId(), id.P2, id.B, id['B.staff']]);
    // Consent: the child of P3 refused one on 25 January; P6's was withdrawn on 20 March (a new one followed).
    await consent('P3', '2024-01-25', ['S'], { sufficient: false, refusedBy: true });
    await consent('P6', '2024-03-05', ['S'], { sufficient: true, withdrawn: '2024-03-20' });
    // P4: the social services declined an invitation on 20 February.
    const inv = newId();
    await q(`INSERT INTO invitations (county, id, plan_id, purpose, question, starts_at, ends_at, place, meeting_leader_id, sent_by, sent_at)
             VALUES ($1, $2, $3, 'Syfte', 'Fråga', $4, $5, 'Näsby skola', $6, $6, $7)`, [C, inv, id.P4, at('2024-03-01'), '2024-03-01T13:00:00+01:00', id['K.staff'], at('2024-02-15')]);
    await q(`INSERT INTO invitees (county, id, invitation_id, plan_id, unit_id, answer, decline_reason, answered_at) VALUES
             ($1, $2, $3, $4, $5, 'declined', 'Ingen handläggare', $6), ($1, $7, $3, $4, $8, 'accepted', NULL, $6)`,
      [C, newId(), inv, id.P4, id.S, at('2024-02-20'), newId(), id.K]);
    // Deviations on P1 and P2 (closed after 10 and 4 days), and one in Trelleborg still open.
    for (const [plan, unit, reported, closed] of [['P1', 'S', '2024-02-01', '2024-02-11'], ['P2', 'S', '2024-03-01', '2024-03-05'], [null, 'T', '2024-03-02', null]] as const) {
      const did = newId();
      await q(`INSERT INTO deviations (county, id, plan_id, title, description, reported_by, reported_unit_id, reported_at, updated_at) VALUES ($1, $2, $3, 'Avvikelse', 'Beskrivning', $4, $5, $6, $6)`,
        [C, did, plan ? id[plan] : null, id[`${unit}.staff`], id[unit], at(reported)]);
      await q('INSERT INTO deviation_units (county, deviation_id, unit_id) VALUES ($1, $2, $3)', [C, did, id[unit]]);
      if (closed) {
        await q(`UPDATE deviations SET status = 'investigating' WHERE id = $1`, [did]);
        await q(`UPDATE deviations SET status = 'measures_decided' WHERE id = $1`, [did]);
        await q(`UPDATE deviations SET status = 'closed', closed_at = $2, resolution = 'Löst' WHERE id = $1`, [did, at(closed)]);
      }
    }
    // The family's survey after P1's and P3's meetings.
    for (const [key, listened, clear] of [['P1', 5, 4], ['P3', 3, 2]] as const) {
      await q(`INSERT INTO meeting_surveys (county, id, plan_id, meeting_id, respondent_person_id, listened, clear_who_does_what, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [C, newId(), id[key], id[`${key}.meeting`], id[`${key}.child`], listened, clear, at('2024-02-01')]);
    }
    // Trelleborg: three plans of its social services.
    await plan('T1', { initiated: '2024-01-12', by: 'T', units: ['T'] });
    await plan('T2', { initiated: '2024-02-12', by: 'T', units: ['T'] });
    await plan('T3', { initiated: '2024-03-12', by: 'T', units: ['T'] });
    await meeting('T1', '2024-01-22', { present: false, video: false });

    eva = await t.as(DEMO.managerKristianstad);
    nora = await t.as(ANALYST);
    johan = await t.as(DEMO.socialWorkerKristianstad);
    per = await t.as(DEMO.principalAdmin);
    sara = await t.as(DEMO.psychologistBup);
  }, 60_000);
  afterAll(() => t.close());

  /** The test client has no PUT; the same request by hand. */
  const put = (c: Client, url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'PUT', url, headers: { ...c.headers, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const table = async (c: Client, query: string): Promise<Table> => {
    const res = await c.get(`/api/key-figures?from=2024-01-01&to=2024-12-31&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Table;
  };
  const cell = (tb: Table, figure: string, group: string, period: string) => {
    const c = tb.cells.find((x) => x.figure === figure && x.group === group && x.period === period);
    if (!c) throw new Error(`no cell ${figure} ${group} ${period}`);
    return c;
  };

  it('computes every figure for Kristianstad in the first quarter of 2024, as worked out by hand', async () => {
    const tb = await table(eva, 'dimension=municipality&grain=quarter');
    expect(tb.periods.map((p) => p.label)).toEqual(['2024 K1', '2024 K2', '2024 K3', '2024 K4']);
    expect(tb.groups).toEqual([{ key: '1290', label: 'Kristianstads kommun' }, { key: '1287', label: 'Trelleborgs kommun' }]);
    const v = (figure: string, period = '2024-01-01') => cell(tb, figure, '1290', period).value;
    expect(v('initiated')).toBe(6);
    expect(v('established')).toBe(2); // P1, P2
    expect(v('followed_up')).toBe(2); // P1, P2
    expect(v('closed')).toBe(1); // P1
    expect(v('initiated_by_school')).toBe(33.3); // P1, P4 of 6
    expect(v('initiated_by_social_services')).toBe(66.7); // P2, P3, P5, P6 of 6
    for (const g of ['pupil_health', 'child_psychiatry', 'primary_care', 'other']) expect(v(`initiated_by_${g}`)).toBe(0);
    // Days to the first meeting: 2, 5, 10, 20, 30. Median 10; 90th percentile 20 + 0.6 × (30 − 20) = 26.
    expect(v('days_to_first_meeting_median')).toBe(10);
    expect(v('days_to_first_meeting_p90')).toBe(26);
    // Follow-ups due in Q1: P1's on time, P2's late; in Q2 P2's next one was never held.
    expect(cell(tb, 'follow_ups_on_time', '1290', '2024-01-01')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(cell(tb, 'follow_ups_on_time', '1290', '2024-04-01')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(cell(tb, 'interventions_on_time', '1290', '2024-01-01')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(cell(tb, 'child_present', '1290', '2024-01-01')).toMatchObject({ value: 80, numerator: 4, denominator: 5 });
    expect(cell(tb, 'video_meetings', '1290', '2024-01-01')).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(v('consents_refused_or_withdrawn')).toBe(2); // P3 refused, P6 withdrawn
    expect(v('invitations_declined')).toBe(1); // P4, by the social services
    expect(v('plans_without_coordinator')).toBe(0); // a figure of today, not of 2024
    // Coordinator changes: Q1 one change over P1 and P2; Q2 none over P2 (P1 closed in March).
    expect(cell(tb, 'coordinator_changes_per_plan', '1290', '2024-01-01')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(cell(tb, 'coordinator_changes_per_plan', '1290', '2024-04-01')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(v('deviations_reported')).toBe(2);
    expect(v('deviation_days_to_resolve')).toBe(7); // 10 and 4 days
    expect(v('survey_listened')).toBe(4); // 5 and 3
    expect(v('survey_clear')).toBe(3); // 4 and 2
    expect(tb.unavailable).toEqual([]);
    // Each figure comes with its written definition.
    expect(tb.figures.every((f) => f.definition.length > 20)).toBe(true);
  });

  it('breaks the same facts down by county, unit, unit kind, principal and local agreement', async () => {
    const county = await table(eva, 'dimension=county&grain=year');
    expect(cell(county, 'initiated', '12', '2024-01-01').value).toBe(9);
    // The whole country: each county by itself, side by side.
    const national = await table(nora, 'dimension=county&grain=year&scope=national');
    expect(cell(national, 'initiated', '12', '2024-01-01').value).toBe(9);
    expect((await eva.get('/api/key-figures?dimension=unit_kind&scope=national')).statusCode).toBe(400);
    const units = await table(eva, 'dimension=unit&grain=year');
    expect(cell(units, 'initiated', id.S!, '2024-01-01').value).toBe(6);
    const kinds = await table(eva, 'dimension=unit_kind&grain=year');
    // The school takes part in P1 and P4: a count of 2 about plans Eva may not all read… she reads both.
    expect(cell(kinds, 'initiated', 'school', '2024-01-01').value).toBe(2);
    const principals = await table(eva, `dimension=principal&grain=year&groups=${id.kristianstad}`);
    expect(cell(principals, 'initiated', id.kristianstad!, '2024-01-01').value).toBe(6);
    const agreements = await table(eva, `dimension=agreement&grain=year&groups=${id.agreement}`);
    expect(cell(agreements, 'child_present', id.agreement!, '2024-01-01').value).toBe(80);
  });

  it('a figure on 3 plans shows "<5" to the analyst and the number to a participating manager', async () => {
    // January 2024 in Kristianstad: P1, P2, P3.
    const mine = await table(eva, 'dimension=municipality&grain=month&groups=1290');
    expect(cell(mine, 'initiated', '1290', '2024-01-01')).toMatchObject({ value: 3, display: '3', suppressed: false });
    const analyst = await table(nora, 'dimension=municipality&grain=month&groups=1290');
    expect(cell(analyst, 'initiated', '1290', '2024-01-01')).toMatchObject({ value: null, display: '<5', suppressed: true, numerator: null });
    // The share whose numerator is small is suppressed with it; a large count stays.
    const q1 = await table(nora, 'dimension=municipality&grain=quarter');
    expect(cell(q1, 'initiated_by_school', '1290', '2024-01-01')).toMatchObject({ display: '<5', suppressed: true, denominator: null });
    expect(cell(q1, 'initiated', '1290', '2024-01-01').value).toBe(6);
    expect(cell(q1, 'days_to_first_meeting_median', '1290', '2024-01-01').value).toBe(10);
    // Trelleborg's three plans: Eva takes part in none of them.
    const evaQ1 = await table(eva, 'dimension=municipality&grain=quarter');
    expect(cell(evaQ1, 'initiated', '1287', '2024-01-01')).toMatchObject({ display: '<5', suppressed: true });
    // The analyst's answer names no plan and no person.
    const raw = JSON.stringify(analyst);
    for (const k of ['P1', 'P2', 'P3']) expect(raw).not.toContain(id[k]!);
  });

  it('counts open plans without an active coordinator today', async () => {
    const year = String(new Date().getFullYear());
    const today = async () => ((await eva.get(`/api/key-figures?dimension=municipality&grain=year&from=${year}-01-01&to=${year}-12-31&groups=1290`)).json() as Table)
      .cells.find((c) => c.figure === 'plans_without_coordinator' && c.period === `${year}-01-01`)!;
    const before = await today();
    // P2's coordinator leaves: P2 has had its meeting and now lacks an active coordinator.
    await q('UPDATE staff SET active = false WHERE id = $1', [id.xena]);
    const after = await today();
    expect(after.numerator! - before.numerator!).toBe(1);
  });

  it('only managers, analysts, admins and the steering group read the figures', async () => {
    expect((await johan.get('/api/key-figures')).statusCode).toBe(403);
    expect((await johan.get('/api/key-figures/me')).json()).toMatchObject({ canView: false, steering: [] });
    expect((await eva.get('/api/key-figures/me')).json()).toMatchObject({ canView: true, steering: [{ id: id.agreement }] });
    expect((await per.get('/api/key-figures?grain=year')).statusCode).toBe(200);
    expect((await eva.get('/api/key-figures?dimension=nowhere')).statusCode).toBe(400);
  });

  it('the steering group sets a yearly target and a qualitative goal; the dashboard shows actual against target', async () => {
    const url = `/api/key-figures/agreements/${id.agreement}/targets/2024/child_present`;
    expect((await put(sara, url, { target: 75 })).statusCode).toBe(403);
    const created = await put(eva, url, { target: 75 });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect((await put(per, url, { target: 70 })).statusCode).toBe(428);
    expect((await put(per, url, { target: 70 }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const changed = await put(per, url, { target: 85 }, { 'if-match': '"1"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect((await put(eva, `/api/key-figures/agreements/${id.agreement}/targets/2024/nonsense`, { target: 1 })).statusCode).toBe(400);

    const goal = await eva.post(`/api/key-figures/agreements/${id.agreement}/goals`, { year: 2024, goal: 'Barnet är med på sitt eget möte.' });
    expect(goal.statusCode).toBe(201);
    const gid = goal.json().id as string;
    expect((await eva.patch(`/api/key-figures/goals/${gid}`, { followUp: 'Fyra möten av fem.' }, { 'if-match': '"9"' })).statusCode).toBe(412);
    expect((await eva.patch(`/api/key-figures/goals/${gid}`, { followUp: 'Fyra möten av fem.' }, { 'if-match': '"1"' })).statusCode).toBe(200);

    // The analyst sees the same target, its actual value suppressed (four meetings of five).
    const analystView = (await nora.get('/api/key-figures/goals?year=2024')).json() as { agreements: Array<{ id: string; canEdit: boolean; targets: Array<{ actualDisplay: string }> }> };
    expect(analystView.agreements.find((a) => a.id === id.agreement)).toMatchObject({ canEdit: false, targets: [{ actualDisplay: '<5' }] });
    const goals = (await eva.get('/api/key-figures/goals?year=2024')).json() as { agreements: Array<{ id: string; canEdit: boolean; targets: Array<{ figure: string; target: number; actual: number | null; met: boolean | null; version: number }>; goals: Array<{ goal: string; followUp: string; version: number }> }> };
    const k = goals.agreements.find((a) => a.id === id.agreement)!;
    expect(k.canEdit).toBe(true);
    // 2024: four of five meetings with the child present = 80 %, short of the target 85 %.
    expect(k.targets).toEqual([expect.objectContaining({ figure: 'child_present', target: 85, actual: 80, met: false, version: 2 })]);
    expect(k.goals).toEqual([expect.objectContaining({ goal: 'Barnet är med på sitt eget möte.', followUp: 'Fyra möten av fem.', version: 2 })]);

    const audit = await t.ctx.db.query<{ event: string; action: string }>(`SELECT event, action FROM audit_events WHERE event LIKE 'key_figures.%' ORDER BY seq`);
    expect(audit.map((a) => `${a.action} ${a.event}`)).toEqual(['C key_figures.target_set', 'U key_figures.target_set', 'C key_figures.goal_add', 'U key_figures.goal_update']);
  });

  it('exports the same numbers as CSV and Excel, and the export is audited', async () => {
    const query = 'from=2024-01-01&to=2024-03-31&dimension=municipality&grain=quarter&groups=1290,1287';
    const csv = await eva.get(`/api/key-figures/export.csv?${query}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Initierade SIP;Kristianstads kommun;2024 K1;6;6;;6;');
    expect(csv.body).toContain('Initierade SIP;Trelleborgs kommun;2024 K1;<5;');
    expect(csv.body).toContain('Möten där barnet var med;Kristianstads kommun;2024 K1;80;4;5;5;');
    const xlsx = await eva.get(`/api/key-figures/export.xlsx?${query}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('Nyckeltal')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1, 5));
    expect(rows).toContainEqual(['Initierade SIP', 'Kristianstads kommun', '2024 K1', 6]);
    expect(rows).toContainEqual(['Initierade SIP', 'Trelleborgs kommun', '2024 K1', '<5']);
    expect(rows).toContainEqual(['Dagar från initiering till första möte (90:e percentilen)', 'Kristianstads kommun', '2024 K1', 26]);
    const audit = await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE event = 'key_figures.export'`);
    expect(audit[0]!.n).toBe(2);
  });
});
