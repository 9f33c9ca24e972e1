/**
 * The governing documents and the reading they ask of staff (issue 8 items 1, 4 and 5), over HTTP
 * against the real application. Per Olsson is Region Skåne's admin; Karin Ek a teacher at Näsby
 * skola; Sara Holm a psychologist at BUP Kristianstad; Eva Andersson the manager of social services
 * in Kristianstad, where Johan Berg works; Nora Ali an analyst. What a user would notice: a new
 * version asks again exactly those it concerns; an old text stays readable and cannot be changed;
 * two admins cannot overwrite each other; bad input names the field and changes nothing; Swedish
 * search finds inflected words; the plan's steps find the routine's paragraph; a manager sees the
 * share of their unit that is up to date move when someone reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { fingerprint } from '../support/database.ts';
import { swedishDate } from '../../src/services/context.ts';

interface Summary { id: string; title: string; current: { versionNo: number } | null; mine: { required: boolean; acknowledgedVersionNo: number | null; upToDate: boolean } }
interface Reading { documentId: string; versionNo: number; upToDate: boolean; inductionOrder: number | null }
interface UnitRow { unitId: string; unitName: string; members: number; upToDate: number; share: number | null; people?: Array<{ name: string; missing: Array<{ documentId: string }> }> }

const DAY = 86_400_000;
const quote = (v: number) => `"${v}"`;

describe('governing documents, versions and the reading they ask', () => {
  let t: TestApp;
  let per: Client, karin: Client, sara: Client, eva: Client, johan: Client, nora: Client, lars: Client;
  let routineId: string;
  let regionId: string, kristianstadId: string;
  const today = () => swedishDate(t.clock.now());
  const inDays = (n: number) => swedishDate(new Date(t.clock.now().getTime() + n * DAY));

  const sections = (extra = '') => [
    { heading: 'Syfte', body: 'Rutinen beskriver hur vi samordnade insatser kring barn och unga.' },
    { heading: 'Kallelse till SIP-möte', level: 2, body: `Kallelsen anger syfte och frågeställning.\n\n- Tid och plats\n- Mötesledare${extra}`, processStep: 'invitation' },
    { heading: 'Kartläggning', level: 2, body: 'Behoven kartläggs per livsområde.', processStep: 'mapping' },
  ];
  const mine = async (c: Client, id = routineId) => {
    const res = await c.get('/api/documents');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Summary[]).find((d) => d.id === id)!.mine;
  };
  const reading = async (c: Client) => (await c.get('/api/training/me')).json() as { documents: Reading[]; toRead: number };
  const lastSeq = async () => (await t.ctx.db.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events'))[0]!.seq;
  const eventsSince = async (seq: number) => (await t.ctx.db.query<{ event: string; actor_id: string; detail: Record<string, unknown> }>(
    'SELECT event, actor_id, detail FROM audit_events WHERE seq > $1 ORDER BY seq', [seq]));

  beforeAll(async () => {
    t = await startTestApp();
    [per, karin, sara, eva, johan, nora, lars] = await Promise.all([
      t.as(DEMO.principalAdmin), t.as(DEMO.teacherKristianstad), t.as(DEMO.psychologistBup),
      t.as(DEMO.managerKristianstad), t.as(DEMO.socialWorkerKristianstad), t.as(DEMO.analyst), t.as(DEMO.adminKristianstad),
    ]);
    const principals = await t.ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM principals');
    regionId = principals.find((p) => p.name === 'Region Skåne')!.id;
    kristianstadId = principals.find((p) => p.name === 'Kristianstads kommun')!.id;
  }, 120_000);
  afterAll(() => t?.close());

  it('an admin writes a routine that asks school staff to read it; the school reads it, BUP is not asked', async () => {
    const seq = await lastSeq();
    const res = await per.post('/api/documents', {
      kind: 'routine', title: 'Testrutin för SIP i skolan', inductionOrder: 5, signatoryPrincipalIds: [regionId, kristianstadId],
      effectiveFrom: today(), changeSummary: 'Första versionen.', sections: sections(),
      audiences: [{ unitKind: 'school', role: 'staff' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    routineId = res.json().id;
    expect(res.headers.etag).toBe('"1"');

    // The region wrote it; Kristianstad is bound only once its own admin signs.
    const unsigned = (await karin.get(`/api/documents/${routineId}`)).json();
    expect(unsigned.awaitingSignature.map((p: { name: string }) => p.name)).toEqual(['Kristianstads kommun']);
    expect(unsigned.mine).toEqual({ required: false, acknowledgedVersionNo: null, upToDate: true });
    expect(unsigned.canSign).toBe(false);
    expect((await karin.post(`/api/documents/${routineId}/signature`)).statusCode).toBe(403);
    expect((await lars.get(`/api/documents/${routineId}`)).json().canSign).toBe(true);
    const signed = await lars.post(`/api/documents/${routineId}/signature`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await eventsSince(seq)).map((e) => e.event)).toEqual(['document.create', 'document.sign']);

    const doc = (await karin.get(`/api/documents/${routineId}`)).json();
    expect(doc.awaitingSignature).toEqual([]);
    expect(doc.current.sections.map((s: { anchor: string }) => s.anchor)).toEqual(['syfte', 'kallelse-till-sip-mote', 'kartlaggning']);
    expect(doc.signatories.map((s: { name: string }) => s.name)).toEqual(['Region Skåne', 'Kristianstads kommun']);
    expect(doc.canPublish).toBe(false);
    expect((await per.get(`/api/documents/${routineId}`)).json().canPublish).toBe(true);

    expect(await mine(karin)).toEqual({ required: true, acknowledgedVersionNo: null, upToDate: false });
    expect(await mine(sara)).toEqual({ required: false, acknowledgedVersionNo: null, upToDate: true });
    const before = await reading(karin);
    expect(before.documents.find((d) => d.documentId === routineId)).toMatchObject({ versionNo: 1, upToDate: false, inductionOrder: 5 });

    const ack = await karin.post(`/api/documents/${routineId}/acknowledgements`, { versionNo: 1 });
    expect(ack.statusCode, ack.body).toBe(201);
    expect((await karin.post(`/api/documents/${routineId}/acknowledgements`, { versionNo: 1 })).statusCode).toBe(200);
    expect(await mine(karin)).toEqual({ required: true, acknowledgedVersionNo: 1, upToDate: true });
    expect((await reading(karin)).toRead).toBe(before.toRead - 1);
    expect((await eventsSince(seq)).filter((e) => e.event === 'document.acknowledge')).toHaveLength(1);
  });

  it('a new version for BUP asks BUP and leaves the school up to date; one for schools asks the school again', async () => {
    const v2 = await per.post(`/api/documents/${routineId}/versions`, {
      effectiveFrom: today(), changeSummary: 'BUP:s roll i kartläggningen förtydligad.', sections: sections('\n- Videolänk'),
      audiences: [{ unitKind: 'child_psychiatry', role: null }],
    }, { 'if-match': quote(1) });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json().versionNo).toBe(2);
    expect(await mine(karin)).toMatchObject({ required: true, upToDate: true });
    expect(await mine(sara)).toEqual({ required: true, acknowledgedVersionNo: null, upToDate: false });

    const v3 = await per.post(`/api/documents/${routineId}/versions`, {
      effectiveFrom: today(), changeSummary: 'Skolans rätt att kalla till SIP.', sections: sections('\n- Skolan får kalla'),
      audiences: [{ unitKind: 'school', role: 'staff' }],
    }, { 'if-match': quote(2) });
    expect(v3.statusCode, v3.body).toBe(201);
    expect(await mine(karin)).toEqual({ required: true, acknowledgedVersionNo: 1, upToDate: false });
    // Sara is asked for v2 or later; the version in force is 3, and confirming it covers her.
    expect((await sara.post(`/api/documents/${routineId}/acknowledgements`, { versionNo: 2 })).statusCode).toBe(409);
    expect((await sara.post(`/api/documents/${routineId}/acknowledgements`, { versionNo: 3 })).statusCode).toBe(201);
    expect(await mine(sara)).toMatchObject({ upToDate: true, acknowledgedVersionNo: 3 });
  });

  it('an editorial version asks nobody again, and the old texts stay readable as they were', async () => {
    expect((await karin.post(`/api/documents/${routineId}/acknowledgements`, { versionNo: 3 })).statusCode).toBe(201);
    const v4 = await per.post(`/api/documents/${routineId}/versions`, {
      effectiveFrom: today(), changeSummary: 'Stavfel rättade.', sections: sections('\n- Skolan får kalla till SIP'), audiences: [],
    }, { 'if-match': quote(3) });
    expect(v4.statusCode, v4.body).toBe(201);
    expect(await mine(karin)).toMatchObject({ upToDate: true, acknowledgedVersionNo: 3 });
    expect(await mine(sara)).toMatchObject({ upToDate: true });

    const doc = (await karin.get(`/api/documents/${routineId}`)).json();
    expect(doc.versions.map((v: { versionNo: number; inForce: boolean }) => [v.versionNo, v.inForce])).toEqual([[4, true], [3, false], [2, false], [1, false]]);
    const v1res = await karin.get(`/api/documents/${routineId}/versions/1`);
    expect(v1res.statusCode, v1res.body).toBe(200);
    const v1 = v1res.json();
    expect(v1.sections[1].body).not.toContain('Videolänk');
    expect(v1.audiences).toEqual([{ unitKind: 'school', role: 'staff' }]);
    expect((await karin.get(`/api/documents/${routineId}/versions/9`)).statusCode).toBe(404);
    // A decided text is not rewritten, not even by hand in the database.
    await expect(t.ctx.db.query("UPDATE document_sections SET body = 'ändrad' WHERE document_id = $1 AND version_no = 1", [routineId])).rejects.toThrow(/not changed/);
    await expect(t.ctx.db.query('DELETE FROM document_versions WHERE document_id = $1 AND version_no = 1', [routineId])).rejects.toThrow(/not changed/);
  });

  it('the county\'s local agreements name the principals that signed them, for the admin writing an agreement\'s text', async () => {
    const res = await per.get('/api/local-agreements');
    expect(res.statusCode, res.body).toBe(200);
    const principals = await t.ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM principals');
    const named = (res.json() as Array<{ id: string; name: string; principalIds: string[] }>)
      .map((a) => ({ name: a.name, principals: a.principalIds.map((id) => principals.find((p) => p.id === id)!.name) }));
    expect(named).toEqual([
      { name: 'Lokal överenskommelse om samverkan kring barn och unga, Kristianstad', principals: ['Region Skåne', 'Kristianstads kommun'] },
      { name: 'Lokal överenskommelse om samverkan kring barn och unga, Malmö', principals: ['Region Skåne', 'Malmö stad'] },
      { name: 'Lokal överenskommelse om samverkan kring barn och unga, Trelleborg', principals: ['Region Skåne', 'Trelleborgs kommun'] },
    ]);
    // Organisational knowledge for the county's staff; not for someone signed out.
    expect((await karin.get('/api/local-agreements')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/local-agreements' })).statusCode).toBe(401);
  });

  it('two admins cannot overwrite each other, and bad input names the field and changes nothing', async () => {
    const before = await fingerprint(t.ctx.db);
    const body = { effectiveFrom: today(), changeSummary: 'Ny text.', sections: sections(), audiences: [] };
    const stale = await per.post(`/api/documents/${routineId}/versions`, body, { 'if-match': quote(3) });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().currentVersion).toBe(4);
    expect((await per.post(`/api/documents/${routineId}/versions`, body)).statusCode).toBe(428);

    const past = await per.post(`/api/documents/${routineId}/versions`, { ...body, effectiveFrom: inDays(-1) }, { 'if-match': quote(4) });
    expect(past.statusCode).toBe(400);
    expect(past.json().problems.map((e: { field: string }) => e.field)).toEqual(['/effectiveFrom']);
    const dup = await per.post(`/api/documents/${routineId}/versions`, {
      ...body, sections: [{ heading: 'Kallelse' }, { heading: 'Kallelse', body: 'igen' }, { heading: 'x', anchor: 'Inte OK' }],
    }, { 'if-match': quote(4) });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().problems.map((e: { field: string }) => e.field)).toEqual(['/sections/1/anchor', '/sections/2/anchor']);
    const noSummary = await per.post(`/api/documents/${routineId}/versions`, { ...body, changeSummary: '   ' }, { 'if-match': quote(4) });
    expect(noSummary.statusCode).toBe(400);
    expect(JSON.stringify(noSummary.json())).toContain('/changeSummary');
    const wrongStep = await per.post(`/api/documents/${routineId}/versions`, { ...body, sections: [{ heading: 'A', processStep: 'möte' }] }, { 'if-match': quote(4) });
    expect(wrongStep.statusCode).toBe(400);
    expect(JSON.stringify(wrongStep.json())).toContain('/sections/0/processStep');

    // Only a signatory's admin publishes.
    expect((await karin.post(`/api/documents/${routineId}/versions`, body, { 'if-match': quote(4) })).statusCode).toBe(403);
    const other = await per.post('/api/documents', {
      kind: 'guideline', title: 'Riktlinje som regionen inte skrev under', signatoryPrincipalIds: [kristianstadId],
      effectiveFrom: today(), changeSummary: 'Första versionen.', sections: sections(), audiences: [],
    });
    expect(other.statusCode).toBe(403);
    // A local agreement's text has the agreement's parties: the region cannot add Malmö to Kristianstad's.
    const agreements = (await per.get('/api/local-agreements')).json() as Array<{ id: string; name: string }>;
    const kristianstadAgreement = agreements.find((a) => a.name.includes('Kristianstad'))!.id;
    const malmo = (await t.ctx.db.query<{ id: string }>("SELECT id FROM principals WHERE name = 'Malmö stad'"))[0]!.id;
    const outsider = await per.post('/api/documents', {
      kind: 'local_agreement', title: 'Tillägg till överenskommelsen', localAgreementId: kristianstadAgreement, signatoryPrincipalIds: [regionId, malmo],
      effectiveFrom: today(), changeSummary: 'Första versionen.', sections: sections(), audiences: [],
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().problems[0].field).toBe('/signatoryPrincipalIds/1');
    const localWithout = await per.post('/api/documents', {
      kind: 'local_agreement', title: 'Överenskommelse utan överenskommelse', signatoryPrincipalIds: [regionId],
      effectiveFrom: today(), changeSummary: 'Första versionen.', sections: sections(), audiences: [],
    });
    expect(localWithout.statusCode).toBe(400);
    expect(JSON.stringify(localWithout.json())).toContain('/localAgreementId');
    const taken = await per.post('/api/documents', {
      kind: 'routine', title: 'Testrutin för SIP i skolan', signatoryPrincipalIds: [regionId],
      effectiveFrom: today(), changeSummary: 'Första versionen.', sections: sections(), audiences: [],
    });
    expect(taken.statusCode).toBe(409);
    expect(await fingerprint(t.ctx.db)).toBe(before);
  });

  it('a version decided for a later date waits for it: it cannot be confirmed before, and then it asks again', async () => {
    const v5 = await per.post(`/api/documents/${routineId}/versions`, {
      effectiveFrom: inDays(10), changeSummary: 'Ny lag om samtycke.', sections: sections('\n- Samtycke digitalt'),
      audiences: [{ unitKind: null, role: 'staff' }],
    }, { 'if-match': quote(4) });
    expect(v5.statusCode, v5.body).toBe(201);
    const ack = await karin.post(`/api/documents/${routineId}/acknowledgements`, { versionNo: 5 });
    expect(ack.statusCode).toBe(409);
    expect(ack.json().problems[0].field).toBe('/versionNo');
    expect(await mine(karin)).toMatchObject({ upToDate: true });
    const doc = (await karin.get(`/api/documents/${routineId}`)).json();
    expect(doc.current.versionNo).toBe(4);
    expect(doc.versions.find((v: { versionNo: number }) => v.versionNo === 4).effectiveUntil).toBe(inDays(9));

    t.clock.offsetMs += 10 * DAY;
    expect(await mine(karin)).toEqual({ required: true, acknowledgedVersionNo: 3, upToDate: false });
    expect((await karin.post(`/api/documents/${routineId}/acknowledgements`, { versionNo: 5 })).statusCode).toBe(201);
    expect(await mine(karin)).toMatchObject({ upToDate: true });
  });

  it('Swedish search finds inflected words in the text in force, not in old versions', async () => {
    const hits = (await karin.get(`/api/documents/search?q=${encodeURIComponent('samordnad')}`)).json() as Array<{ documentId: string; versionNo: number; anchor: string; snippet: string }>;
    const ours = hits.filter((h) => h.documentId === routineId);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ versionNo: 5, anchor: 'syfte' });
    expect(ours[0]!.snippet).toContain('«samordnade»');
    // "Videolänk" stood only in version 2.
    expect(((await karin.get('/api/documents/search?q=videol%C3%A4nk')).json() as unknown[]).filter((h) => (h as { documentId: string }).documentId === routineId)).toEqual([]);
    // A word being typed: the beginning finds it.
    expect(((await karin.get('/api/documents/search?q=kartl')).json() as Array<{ documentId: string; anchor: string }>).some((h) => h.documentId === routineId && h.anchor === 'kartlaggning')).toBe(true);
    // Words left out are left out, and a search of only such words finds nothing rather than everything.
    const without = (await karin.get(`/api/documents/search?q=${encodeURIComponent('kartl -samtycke')}`)).json() as Array<{ snippet: string }>;
    expect(without.every((h) => !/samtyck/i.test(h.snippet))).toBe(true);
    expect((await karin.get(`/api/documents/search?q=${encodeURIComponent('-samtycke')}`)).json()).toEqual([]);
    const empty = await karin.get('/api/documents/search?q=%20');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().problems[0].field).toBe('/q');
  });

  it('each step of the plan finds the routine paragraph that governs it', async () => {
    const help = await karin.get('/api/help/invitation');
    expect(help.statusCode, help.body).toBe(200);
    // The demo routine (induction order 1) wins over ours (5) when it covers the step.
    const body = help.json();
    expect(body.heading).toBeTruthy();
    const doc = (await karin.get(`/api/documents/${body.documentId}`)).json();
    const section = doc.current.sections.find((s: { anchor: string }) => s.anchor === body.anchor);
    expect(section.processStep).toBe('invitation');
    expect((await karin.get('/api/help/nonsense')).statusCode).toBe(400);

    // A routine for Trelleborg, read first, is Trelleborg's help, not Karin's in Kristianstad.
    const trelleborgId = (await t.ctx.db.query<{ id: string }>("SELECT id FROM principals WHERE name = 'Trelleborgs kommun'"))[0]!.id;
    const own = await per.post('/api/documents', {
      kind: 'routine', title: 'A-rutin för kallelser i Trelleborg', inductionOrder: 1, signatoryPrincipalIds: [regionId, trelleborgId],
      effectiveFrom: today(), changeSummary: 'Första versionen.', audiences: [],
      sections: [{ heading: 'Kallelse i Trelleborg', body: 'Kallelsen går via elevhälsan.', processStep: 'invitation' }],
    });
    expect(own.statusCode, own.body).toBe(201);
    expect((await karin.get('/api/help/invitation')).json().heading).toBe(body.heading);
    const erik = await t.as('SE2120001287-S01');
    expect((await erik.get('/api/help/invitation')).json().heading).not.toBe('Kallelse i Trelleborg');
    const bupTrelleborg = await t.as('SE2321000255-B02');
    expect((await bupTrelleborg.get('/api/help/invitation')).json().heading).toBe('Kallelse i Trelleborg');
  });

  it('a manager sees the share of their unit up to date move when someone reads; an analyst sees shares and no names', async () => {
    const res = await per.post('/api/documents', {
      kind: 'guideline', title: 'Riktlinje för socialtjänstens SIP-arbete', signatoryPrincipalIds: [regionId, kristianstadId],
      effectiveFrom: today(), changeSummary: 'Första versionen.', sections: sections(), audiences: [{ unitKind: 'social_services_children', role: 'staff' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const guideline = res.json().id as string;
    expect((await lars.post(`/api/documents/${guideline}/signature`)).statusCode).toBe(200);
    const socUnit = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    const unitNow = async (c: Client) => {
      const r = await c.get('/api/training/units');
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().units as UnitRow[]).find((u) => u.unitId === socUnit)!;
    };
    const before = await unitNow(eva);
    const johanBefore = before.people!.find((p) => p.name === 'Johan Berg')!;
    expect(johanBefore.missing.map((m) => m.documentId)).toContain(guideline);

    const seq = await lastSeq();
    const docs = (await reading(johan)).documents.filter((d) => !d.upToDate);
    for (const d of docs) expect((await johan.post(`/api/documents/${d.documentId}/acknowledgements`, { versionNo: d.versionNo })).statusCode).toBe(201);
    const after = await unitNow(eva);
    expect(after.members).toBe(before.members);
    expect(after.upToDate).toBe(before.upToDate + 1);
    expect(after.share).toBe(Math.round((100 * after.upToDate) / after.members));
    expect(after.people!.find((p) => p.name === 'Johan Berg')!.missing).toEqual([]);
    expect((await eventsSince(seq)).some((e) => e.event === 'training.unit_status')).toBe(true);

    // The manager sees only their own units; the analyst all the county's, without names.
    expect((await eva.get('/api/training/units')).json().units.every((u: UnitRow) => u.unitId === socUnit)).toBe(true);
    // The analyst sees no names, and so no count under five either: it would point at people.
    const analyst = await unitNow(nora);
    expect(analyst.people).toBeUndefined();
    if (after.members >= 5) expect(analyst).toMatchObject({ members: after.members, upToDate: after.upToDate, suppressed: false });
    else expect(analyst).toMatchObject({ members: null, upToDate: null, share: null, suppressed: true });
    const bupUnit = await t.unitId('BUP Kristianstad');
    expect((await nora.get('/api/training/units')).json().units.find((u: UnitRow & { suppressed: boolean }) => u.unitId === bupUnit))
      .toMatchObject({ members: null, suppressed: true });
    expect((await karin.get('/api/training/units')).statusCode).toBe(403);
  });
});
