/**
 * Moving or cancelling a meeting: only while the plan is open, and a "change" that changes nothing
 * tells nobody anything (no new notices, the calendar event keeps its sequence).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { pdfText } from '../support/pdf.ts';

describe('moving and cancelling a meeting', () => {
  let t: TestApp;
  let erik: Client, johan: Client;

  beforeAll(async () => {
    t = await startTestApp();
    erik = await t.as(DEMO.socialWorkerTrelleborg);
    johan = await t.as(DEMO.socialWorkerKristianstad);
  });
  afterAll(() => t.close());

  const planOf = async (client: Client, name: string) => {
    const { items } = (await client.get(`/api/plans?q=${name}`)).json();
    return (await client.get(`/api/plans/${items[0].id}`)).json();
  };
  const notices = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications'))[0]!.n;

  it('the coordinator calls the follow-up meeting of an established plan with a kallelse; the plan stays established', async () => {
    const elias = await planOf(johan, 'Elias');
    expect(elias.state).toBe('established');
    const school = elias.participants.find((p: { kind: string; unitName: string | null }) => p.kind === 'unit' && p.unitName === 'Näsby skola').unitId;
    const startsAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const before = await notices();
    const res = await johan.post(`/api/plans/${elias.id}/invitations`, {
      purpose: 'Uppföljning av planen', question: 'Har närvaron i skolan ökat sedan förra mötet?',
      startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), place: 'Näsby skola, konferensrummet',
      meetingLeaderId: await t.staffId(DEMO.socialWorkerKristianstad), invitees: [{ unitId: school }],
    }, { 'if-match': `"${elias.version}"` });
    expect(res.statusCode, res.body).toBe(201);
    const after = await planOf(johan, 'Elias');
    expect(after.state).toBe('established');
    expect(after.invitations.map((i: { id: string }) => i.id)).toContain(res.json().id);
    // The school hears of it, as of the first kallelse.
    expect(await notices()).toBeGreaterThan(before);
    // A closed plan is called to nothing.
    const liam = await planOf(erik, 'Liam');
    const closed = await erik.post(`/api/plans/${liam.id}/invitations`, {
      purpose: 'x', question: 'y', startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), place: 'z',
      meetingLeaderId: await t.staffId(DEMO.socialWorkerTrelleborg), invitees: [{ unitId: liam.participants.find((p: { kind: string }) => p.kind === 'unit').unitId }],
    }, { 'if-match': `"${liam.version}"` });
    expect(closed.statusCode).toBe(409);
  });

  it('a closed plan\'s meeting can be neither moved nor cancelled', async () => {
    const liam = await planOf(erik, 'Liam');
    expect(liam.state).toBe('closed');
    const inv = liam.invitations[0];
    const later = new Date(Date.parse(inv.startsAt) + 86_400_000).toISOString();
    const moved = await erik.patch(`/api/plans/${liam.id}/invitations/${inv.id}`, { startsAt: later, endsAt: new Date(Date.parse(later) + 3_600_000).toISOString() }, { 'if-match': `"${inv.version}"` });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('plan_not_open');
    const cancelled = await erik.post(`/api/plans/${liam.id}/invitations/${inv.id}/cancel`, {}, { 'if-match': `"${inv.version}"` });
    expect(cancelled.statusCode).toBe(409);
    expect((await planOf(erik, 'Liam')).invitations[0]).toMatchObject({ version: inv.version, startsAt: inv.startsAt });
  });

  it('a change that changes nothing keeps the version and sends no notice', async () => {
    const noah = await planOf(johan, 'Noah');
    const inv = noah.invitations[0];
    const before = await notices();
    const same = await johan.patch(`/api/plans/${noah.id}/invitations/${inv.id}`, { startsAt: inv.startsAt, place: inv.place }, { 'if-match': `"${inv.version}"` });
    expect(same.statusCode).toBe(200);
    expect(same.json().version).toBe(inv.version);
    expect(await notices()).toBe(before);
    // A real move does tell the invited (the control that the count above can move at all).
    const later = new Date(Date.parse(inv.startsAt) + 86_400_000).toISOString();
    const moved = await johan.patch(`/api/plans/${noah.id}/invitations/${inv.id}`, { startsAt: later, endsAt: new Date(Date.parse(later) + 3_600_000).toISOString() }, { 'if-match': `"${inv.version}"` });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().version).toBe(inv.version + 1);
    expect(await notices()).toBeGreaterThan(before);
  });

  it('a cancelled meeting is no longer the next meeting in the family\'s PDF', async () => {
    const noah = await planOf(johan, 'Noah');
    const inv = noah.invitations[0];
    const pdf = async () => pdfText((await johan.get(`/api/plans/${noah.id}/pdf`)).rawPayload);
    expect(await pdf()).toContain('Samordna insatserna kring Noah.');
    const res = await johan.post(`/api/plans/${noah.id}/invitations/${inv.id}/cancel`, {}, { 'if-match': `"${inv.version}"` });
    expect(res.statusCode).toBe(200);
    const text = await pdf();
    expect(text).not.toContain('Samordna insatserna kring Noah.');
    expect(text).toContain('Det finns inget nytt möte bokat ännu.');
  });
});
