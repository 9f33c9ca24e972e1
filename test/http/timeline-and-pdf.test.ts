/**
 * The plan's chronology (tidslinje) and the plan as a PDF for the family, over HTTP, as the users
 * would notice them: the timeline lists each change in order with who made it and for which unit;
 * it is read and audited like any other plan read, and refused with the same 404. The PDF is a
 * real PDF named by plan number only, says in plain Swedish whose plan it is, who the coordinator
 * is and what the child said, and never holds an identity number.
 *
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { pdfText } from '../support/pdf.ts';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { swedishDate } from '../../src/services/context.ts';
import { renderPlanPdf, winAnsi, type PlanDocumentForPdf } from '../../src/services/plans/render-plan-pdf.ts';

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
const etag = (res: LightMyRequestResponse) => String(res.headers.etag);
const expectStatus = (res: LightMyRequestResponse, status: number) => expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);
/** Every form of an identity number that must never leave the server. */
const forms = (n: string) => [n, `${n.slice(0, 8)}-${n.slice(8)}`, n.slice(2), `${n.slice(2, 8)}-${n.slice(8)}`, `${n.slice(0, 8)}-****`];
/** "tisdag 12 mars 2026", computed here independently of the code under test. */
const spoken = (isoDay: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
  .format(new Date(`${isoDay}T12:00:00Z`));

describe('the chronology and the family\'s PDF', () => {
  let t: TestApp;
  let school: Client, social: Client, bup: Client, malmo: Client;
  let units: { school: string; social: string; bup: string };
  let staff: { teacher: string; social: string; bup: string; malmo: string };
  let kristianstad: string;
  let planId: string, planNumber: string, goalId: string;

  const child = { identityNumber: testIdentityNumber('2015-04-21', '618'), givenName: 'Märta', familyName: 'Åström' };
  const guardians = [
    { identityNumber: testIdentityNumber('1984-07-07', '629'), givenName: 'Sofia', familyName: 'Åström' },
    { identityNumber: testIdentityNumber('1982-12-12', '631'), givenName: 'Anders', familyName: 'Åström' },
  ];
  const numbers = [child.identityNumber, ...guardians.map((g) => g.identityNumber)];
  const childWords = 'Jag vill kunna äta lunch med mina kompisar.';
  const professionalWording = 'Närvaron i skolan är minst 80 procent under våren.';
  const followUpOn = day(30);

  const lastSeq = async () => (await t.ctx.db.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events'))[0]!.seq;
  const auditSince = (seq: number) => t.ctx.db.query<{ actor_id: string; event: string; action: string; plan_id: string | null; outcome: string; reason: string | null }>(
    "SELECT actor_id, event, action, plan_id, outcome, detail->>'reason' AS reason FROM audit_events WHERE seq > $1 ORDER BY seq", [seq]);

  beforeAll(async () => {
    t = await startTestApp();
    school = await t.as(DEMO.teacherKristianstad);
    social = await t.as(DEMO.socialWorkerKristianstad);
    bup = await t.as(DEMO.psychologistBup);
    malmo = await t.as(DEMO.socialWorkerMalmo);
    units = { school: await t.unitId('Näsby skola'), social: await t.unitId('Socialtjänsten barn och familj, Kristianstad'), bup: await t.unitId('BUP Kristianstad') };
    staff = {
      teacher: await t.staffId(DEMO.teacherKristianstad), social: await t.staffId(DEMO.socialWorkerKristianstad),
      bup: await t.staffId(DEMO.psychologistBup), malmo: await t.staffId(DEMO.socialWorkerMalmo),
    };
    kristianstad = (await t.ctx.db.query<{ id: string }>("SELECT id FROM principals WHERE name = 'Kristianstads kommun'"))[0]!.id;

    // A sequence of changes by three people in three units of two principals.
    const reg = await school.post('/api/persons', { person: child, guardians });
    expectStatus(reg, 201);
    const { id: childId, guardianIds } = reg.json() as { id: string; guardianIds: string[] };
    const started = await school.post('/api/plans', { childId, reason: 'Märta är ofta borta från skolan.', unitIds: [units.social, units.bup] });
    expectStatus(started, 201);
    ({ id: planId, planNumber } = started.json() as { id: string; planNumber: string });
    expectStatus(await school.post(`/api/plans/${planId}/consents`, {
      form: 'written', givenOn: day(0), validFrom: day(0), validUntil: day(365),
      givers: [...guardianIds.map((personId) => ({ personId, role: 'guardian', stance: 'consents' })), { personId: childId, role: 'child', stance: 'consents' }],
      unitIds: [units.school, units.social, units.bup],
    }), 201);
    expectStatus(await social.post(`/api/plans/${planId}/needs`, { lifeArea: 'achieving', description: 'Frånvaro över 40 procent.', childView: 'Matsalen är för stökig.' }), 201);
    const goal = await bup.post(`/api/plans/${planId}/goals`, { professionalWording, childWords });
    expectStatus(goal, 201);
    goalId = (goal.json() as { id: string }).id;
    expectStatus(await school.post(`/api/plans/${planId}/interventions`, { goalId, description: 'Lugn lunch i ett mindre rum.', unitId: units.school, responsibleStaffId: staff.teacher, startsOn: day(0), dueOn: day(60) }), 201);
    expectStatus(await bup.post(`/api/plans/${planId}/interventions`, { goalId, description: 'Samtal om oro, varannan vecka.', unitId: units.bup, responsibleStaffId: staff.bup, startsOn: day(7), dueOn: day(90) }), 201);
    expectStatus(await school.post(`/api/plans/${planId}/measures`, { actor: 'Friluftsfrämjandet', description: 'Märta går i en friluftsgrupp på lördagar.' }), 201);
    const plan = await school.get(`/api/plans/${planId}`);
    const patched = await school.patch(`/api/plans/${planId}`, {
      coordinator: { staffId: staff.social, unitId: units.social }, overallPrincipalId: kristianstad, nextFollowUpOn: followUpOn,
    }, { 'if-match': etag(plan) });
    expectStatus(patched, 200);
    const startsAt = new Date(Date.now() + 5 * 86_400_000);
    expectStatus(await school.post(`/api/plans/${planId}/invitations`, {
      purpose: 'Samordna stödet kring Märtas skolgång.', question: 'Hur hjälper vi Märta tillbaka till skolan?',
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      place: 'Näsby skola, konferensrummet', videoLink: 'https://mote.example.se/sip/marta', meetingLeaderId: staff.teacher,
      invitees: [{ unitId: units.social }, { unitId: units.bup }, ...guardianIds.map((personId) => ({ personId }))],
    }, { 'if-match': etag(patched) }), 201);
    // Reads in between: they belong in a log extract, not in the chronology.
    expectStatus(await bup.get(`/api/plans/${planId}`), 200);
  });
  afterAll(async () => { await t?.close(); });

  describe('the timeline (tidslinje)', () => {
    it('lists every change in the order it was made, with the name of who did it, the unit and the principal', async () => {
      const res = await social.get(`/api/plans/${planId}/timeline`);
      expectStatus(res, 200);
      const { entries } = res.json() as { entries: Array<{ at: string; event: string; actorName: string; unitId: string; unitName: string; principalName: string; role: string; detail: Record<string, unknown> }> };
      expect(entries.map((e) => [e.event, e.actorName, e.unitName])).toEqual([
        ['plan.initiate', 'Karin Ek', 'Näsby skola'],
        ['consent.record', 'Karin Ek', 'Näsby skola'],
        ['need.add', 'Johan Berg', 'Socialtjänsten barn och familj, Kristianstad'],
        ['goal.add', 'Sara Holm', 'BUP Kristianstad'],
        ['intervention.add', 'Karin Ek', 'Näsby skola'],
        ['intervention.add', 'Sara Holm', 'BUP Kristianstad'],
        ['measure.add', 'Karin Ek', 'Näsby skola'],
        ['plan.update', 'Karin Ek', 'Näsby skola'],
        ['invitation.send', 'Karin Ek', 'Näsby skola'],
      ]);
      const times = entries.map((e) => Date.parse(e.at));
      expect(times.every((x) => Number.isFinite(x))).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(entries.find((e) => e.event === 'goal.add')).toMatchObject({ unitId: units.bup, principalName: 'Region Skåne', role: 'staff', detail: { goalId } });
      expect(entries[0]).toMatchObject({ unitId: units.school, principalName: 'Kristianstads kommun' });
      // The invitation moved the plan on: the state change is in the row's detail.
      expect(entries.at(-1)!.detail).toMatchObject({ from: 'initiated', to: 'invited' });
      // Names of staff only; never the child's identity number nor a guardian's.
      for (const n of numbers) for (const f of forms(n)) expect(res.body).not.toContain(f);
    });

    it('the read of the timeline is itself audited, and does not show in the timeline', async () => {
      const before = await lastSeq();
      const res = await bup.get(`/api/plans/${planId}/timeline`);
      expectStatus(res, 200);
      expect(await auditSince(before)).toEqual([{ actor_id: staff.bup, event: 'plan.read_timeline', action: 'R', plan_id: planId, outcome: 'success', reason: null }]);
      const again = (await bup.get(`/api/plans/${planId}/timeline`)).json() as { entries: Array<{ event: string }> };
      expect(again.entries.map((e) => e.event)).not.toContain('plan.read_timeline');
      expect(again.entries.map((e) => e.event)).not.toContain('plan.read');
    });

    it('shows a later change at the end', async () => {
      const goal = ((await social.get(`/api/plans/${planId}`)).json() as { goals: Array<{ id: string; version: number }> }).goals[0]!;
      expectStatus(await social.patch(`/api/plans/${planId}/goals/${goal.id}`, { childWords }, { 'if-match': `"${goal.version}"` }), 200);
      const { entries } = (await school.get(`/api/plans/${planId}/timeline`)).json() as { entries: Array<{ event: string; actorName: string }> };
      expect(entries.at(-1)).toMatchObject({ event: 'goal.update', actorName: 'Johan Berg' });
    });

    it('a unit that does not take part gets the same 404 as for the plan itself, and as for a plan that does not exist; each attempt audited', async () => {
      const planRead = await malmo.get(`/api/plans/${planId}`);
      expectStatus(planRead, 404);
      const before = await lastSeq();
      const refused = await malmo.get(`/api/plans/${planId}/timeline`);
      const none = await malmo.get(`/api/plans/${randomUUID()}/timeline`);
      for (const res of [refused, none]) {
        expectStatus(res, 404);
        expect(res.headers['content-type']).toBe(planRead.headers['content-type']);
        expect(res.json()).toEqual(planRead.json());
        expect(res.body).not.toContain('Märta');
      }
      const rows = await auditSince(before);
      expect(rows).toMatchObject([
        { actor_id: staff.malmo, event: 'plan.read_timeline', plan_id: planId, outcome: 'denied', reason: 'not_participating' },
        { actor_id: staff.malmo, event: 'plan.read_timeline', outcome: 'not_found', reason: 'no_such_plan' },
      ]);
    });
  });

  describe('the plan as a PDF for the family', () => {
    let res: LightMyRequestResponse;
    let text: string;

    beforeAll(async () => {
      res = await social.get(`/api/plans/${planId}/pdf`);
      text = pdfText(res.rawPayload);
    });

    it('is a PDF to download, named by the plan number only, and not cached', () => {
      expectStatus(res, 200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(planNumber).toMatch(/^SIP-\d{4}-\d{6}$/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${planNumber}.pdf"`);
      expect(String(res.headers['content-disposition'])).not.toMatch(/M.rta|Åström|\d{8}/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(res.rawPayload.subarray(-6).toString('latin1')).toContain('%%EOF');
    });

    it('says whose plan it is, its state, who the coordinator is and how to reach them, in plain Swedish', () => {
      expect(text).toContain('Samordnad individuell plan för Märta Åström');
      expect(text).toContain(planNumber);
      expect(text).toContain('Kallad');
      expect(text).toContain('Din samordnare');
      expect(text).toContain('Johan Berg');
      expect(text).toContain('044-13 50 00');
      expect(text).toContain('johan.berg@example.se');
      expect(text).toContain('Huvudansvar för planen: Kristianstads kommun');
      expect(text).toContain(`senast ${spoken(followUpOn)}`);
      expect(spoken(followUpOn)).toMatch(/^(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) \d{1,2} \p{L}+ \d{4}$/u);
      // Abbreviations spelled out.
      expect(text).toContain('BUP (barn- och ungdomspsykiatrin)');
    });

    it('shows the goal in the child\'s own words first, the professionals\' wording under it', () => {
      const own = text.indexOf(`Med dina egna ord: ”${childWords}”`);
      const theirs = text.indexOf(professionalWording);
      expect(own).toBeGreaterThan(-1);
      expect(theirs).toBeGreaterThan(own);
    });

    it('says what each unit does, what others do, who takes part and when the next meeting is', () => {
      expect(text).toContain('Det här gör vi');
      expect(text).toContain('Lugn lunch i ett mindre rum.');
      expect(text).toContain('Ansvarig: Karin Ek');
      expect(text).toContain('Ansvarig: Sara Holm');
      // A period as people say it: "Från 10 mars 2026 till 9 maj 2026".
      const short = (d: string) => spoken(d).split(' ').slice(1).join(' ');
      expect(text).toContain(`Från ${short(day(0))} till ${short(day(60))}. Planerad.`);
      expect(text).toContain('Det här gör andra');
      expect(text).toContain('Friluftsfrämjandet');
      expect(text).toContain('Vilka är med i planen');
      expect(text).toContain('Sofia Åström');
      expect(text).toContain('Nästa möte');
      expect(text).toContain('Näsby skola, konferensrummet');
      expect(text).toContain('https://mote.example.se/sip/marta');
      expect(text).toContain(spoken(day(5)).split(' ').slice(1).join(' ')); // the meeting's day (5 days ahead)
      expect(text).toContain(`Utskriven ${spoken(day(0))}. Planen är din. Prata med din samordnare om något är fel.`);
    });

    it('holds no identity number, neither in its bytes nor in its text', () => {
      const raw = res.rawPayload.toString('latin1');
      for (const n of numbers) {
        for (const f of forms(n)) {
          expect(raw).not.toContain(f);
          expect(text).not.toContain(f);
        }
      }
    });

    it('printing is audited as a read, and refused with the same 404 as the plan to a unit that does not take part', async () => {
      const printed = await t.ctx.db.query<{ actor_id: string; action: string }>(
        "SELECT actor_id, action FROM audit_events WHERE plan_id = $1 AND event = 'plan.print' AND outcome = 'success'", [planId]);
      expect(printed).toEqual([{ actor_id: staff.social, action: 'R' }]);
      const before = await lastSeq();
      const refused = await malmo.get(`/api/plans/${planId}/pdf`);
      expectStatus(refused, 404);
      expect(refused.json()).toEqual((await malmo.get(`/api/plans/${randomUUID()}`)).json());
      expect((await auditSince(before))[0]).toMatchObject({ actor_id: staff.malmo, event: 'plan.print', outcome: 'denied', reason: 'not_participating' });
    });
  });

  describe('renderPlanPdf, the pure builder', () => {
    const doc: PlanDocumentForPdf = {
      planNumber: 'SIP-2026-000042', state: 'established', child: { givenName: 'Łukasz', familyName: 'Nowak' },
      coordinator: null, overallPrincipalId: null, nextFollowUpOn: null, noMeasuresByOthers: true,
      participants: [], invitations: [], meetings: [], measuresByOthers: [],
      interventions: [{ goalId: 'g1', description: 'Samtal.', principalId: 'p1', unitId: 'u1', responsibleStaffName: 'Anna Lund', startsOn: '2026-01-05', dueOn: '2026-02-27', status: 'ongoing', doneOn: null, overdue: true }],
      goals: [{ id: 'g1', professionalWording: 'Målet 🙂 är nått.', childWords: null }],
    };

    it('gives the same bytes for the same plan and day, and prints letters Helvetica lacks readably', async () => {
      const a = await renderPlanPdf(doc, '2026-03-10');
      const b = await renderPlanPdf(doc, '2026-03-10');
      expect(a.equals(b)).toBe(true);
      const text = pdfText(a);
      expect(text).toContain('Samordnad individuell plan för ?ukasz Nowak');
      expect(text).toContain('Upprättad');
      expect(text).toContain('Planen har ingen samordnare ännu.');
      expect(text).toContain('Utskriven tisdag 10 mars 2026.');
      expect(text).toContain('Ansvarig: Anna Lund. Från 5 januari 2026 till 27 februari 2026. Pågår. Den är försenad.');
      expect(winAnsi('Ćwik – ”å” 🙂\u0000')).toBe('Cwik – ”å” ?');
    });
  });
});
