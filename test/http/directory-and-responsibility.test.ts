/**
 * Vem gör vad and the responsibility guide over HTTP (issue 8 items 2 and 3, decision 0009): any
 * staff member searches both in Swedish (an inflected word finds its stem); a unit's manager or
 * its principal's admin keeps the unit's entry, nobody else; an admin of a principal that signed
 * the agreement keeps the guide's entries drawn from it. Edits carry the version, bad input names
 * the field and changes nothing, and every change is an audit row. The test makes its own data:
 * it does not lean on the demo's texts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { newId } from '../../src/store/ids.ts';
import { swedishDate } from '../../src/services/context.ts';

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));

describe('vem gör vad and the responsibility guide', () => {
  let t: TestApp;
  let johan: Client, eva: Client, per: Client, sara: Client, otherManager: Client, trelleborgAdmin: Client;
  let social: string, bup: string, documentId: string;
  const put = (c: Client, url: string, body: unknown, ifMatch?: string): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'PUT', url, headers: { ...c.headers, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: JSON.stringify(body) });
  const profileOf = async (c: Client, unitId: string) => {
    const res = await c.get(`/api/directory/units/${unitId}/profile`);
    expect(res.statusCode).toBe(200);
    return { body: res.json(), etag: String(res.headers.etag) };
  };
  const audits = async (event: string) => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE event = $1', [event]))[0]!.n;
  const profileRow = async (unitId: string) => (await t.ctx.db.query('SELECT mandate, offers, laws, email, version FROM unit_profiles WHERE unit_id = $1', [unitId]))[0] ?? null;

  /** A person with one assignment, made here: the demo has one manager and one admin. */
  async function person(hsaId: string, name: string, unitId: string, role: string): Promise<Client> {
    const id = newId();
    await t.ctx.db.query("INSERT INTO staff (county, id, hsa_id, name) VALUES ('12', $1, $2, $3)", [id, hsaId, name]);
    await t.ctx.db.query("INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ('12', $1, $2, $3, $4)", [newId(), id, unitId, role]);
    return t.as(hsaId);
  }

  beforeAll(async () => {
    t = await startTestApp();
    social = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    bup = await t.unitId('BUP Kristianstad');
    johan = await t.as(DEMO.socialWorkerKristianstad);
    eva = await t.as(DEMO.managerKristianstad);
    per = await t.as(DEMO.principalAdmin);
    sara = await t.as(DEMO.psychologistBup);
    otherManager = await person('SE2321000255-B09', 'Olle Chef', bup, 'manager');
    trelleborgAdmin = await person('SE2120001287-A09', 'Tina Admin', await t.unitId('Socialtjänsten barn och familj, Trelleborg'), 'principal_admin');
    // An agreement signed by the region and Kristianstad: version 1 in force, version 2 decided for next month.
    documentId = newId();
    const principal = async (name: string) => (await t.ctx.db.query<{ id: string }>('SELECT id FROM principals WHERE name = $1', [name]))[0]!.id;
    await t.ctx.db.query("INSERT INTO governing_documents (county, id, kind, title) VALUES ('12', $1, 'framework_agreement', 'Testöverenskommelse om ansvar för barn')", [documentId]);
    for (const p of ['Region Skåne', 'Kristianstads kommun']) {
      await t.ctx.db.query("INSERT INTO governing_document_principals (county, document_id, principal_id) VALUES ('12', $1, $2)", [documentId, await principal(p)]);
    }
    for (const [no, from, heading] of [[1, day(-30), 'Utredning och behandling'], [2, day(30), 'Utredning, behandling och uppföljning']] as const) {
      await t.ctx.db.query("INSERT INTO document_versions (county, document_id, version_no, effective_from, change_summary) VALUES ('12', $1, $2, $3, 'Beslutad.')", [documentId, no, from]);
      await t.ctx.db.query("INSERT INTO document_sections (county, document_id, version_no, position, anchor, heading, body) VALUES ('12', $1, $2, 1, 'utredning', $3, 'Regionen ansvarar.')", [documentId, no, heading]);
      if (no === 2) await t.ctx.db.query("INSERT INTO document_sections (county, document_id, version_no, position, anchor, heading, body) VALUES ('12', $1, 2, 2, 'stod-i-skolan', 'Stöd i skolan', 'Kommunen ansvarar.')", [documentId]);
    }
  });
  afterAll(() => t.close());

  it('lists every active unit, with empty fields before its first save, and says who may edit', async () => {
    const all = (await johan.get('/api/directory/profiles')).json() as Array<{ unitId: string; unitName: string; canEdit: boolean; version: number; offers: string[] }>;
    expect(all.length).toBeGreaterThanOrEqual(17);
    expect(all.find((u) => u.unitId === social)).toMatchObject({ unitName: 'Socialtjänsten barn och familj, Kristianstad', canEdit: false });
    expect(all.every((u) => Array.isArray(u.offers) && typeof u.version === 'number')).toBe(true);
    expect(((await eva.get('/api/directory/profiles')).json() as typeof all).filter((u) => u.canEdit).map((u) => u.unitId)).toEqual([social]);
    // The region's admin keeps every unit of the region, none of the municipalities'.
    const perEditable = ((await per.get('/api/directory/profiles')).json() as Array<typeof all[number] & { principalName: string }>).filter((u) => u.canEdit);
    expect(perEditable.length).toBeGreaterThanOrEqual(5);
    expect(perEditable.every((u) => u.principalName === 'Region Skåne')).toBe(true);
    const schools = (await johan.get('/api/directory/profiles?kind=school')).json() as Array<{ unitKind: string }>;
    expect(schools.length).toBeGreaterThan(0);
    expect(schools.every((u) => u.unitKind === 'school')).toBe(true);
  });

  it('lets the manager write her own unit\'s entry; the search finds it by an inflected Swedish word', async () => {
    const before = await audits('directory.profile_update');
    const { body, etag } = await profileOf(eva, social);
    const res = await put(eva, `/api/directory/units/${social}/profile`, {
      mandate: 'Vi gör utredningar enligt SoL när ett barn kan behöva skydd eller stöd, och beslutar om insatser.',
      offers: ['Familjebehandling', 'Zebraterapi', ' ', 'familjebehandling'], laws: ['LVU', 'SoL'], whoMayInitiate: 'Alla handläggare.',
      phone: '044-13 50 00', email: 'barn.familj@kristianstad.example.se', address: null, hours: 'Vardagar 8–16',
    }, etag);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(body.version + 1);
    expect(res.headers.etag).toBe(`"${body.version + 1}"`);
    const after = (await profileOf(johan, social)).body;
    // Blank and repeated offers are dropped; the laws come in the list's order.
    expect(after).toMatchObject({ offers: ['Familjebehandling', 'Zebraterapi'], laws: ['SoL', 'LVU'], hours: 'Vardagar 8–16', canEdit: false });
    expect(await audits('directory.profile_update')).toBe(before + 1);
    const [row] = await t.ctx.db.query<{ actor_unit_id: string; detail: { unitId: string; fields: string[] } }>(
      "SELECT actor_unit_id, detail FROM audit_events WHERE event = 'directory.profile_update' ORDER BY seq DESC LIMIT 1");
    expect(row).toMatchObject({ actor_unit_id: social, detail: { unitId: social } });
    expect(row!.detail.fields).toContain('mandate');

    // "utredning" finds "utredningar" (the Swedish stemmer); half a word finds it too; the best match comes first.
    const found = (await sara.get(`/api/directory/profiles?q=${encodeURIComponent('utredning')}`)).json() as Array<{ unitId: string }>;
    expect(found.map((u) => u.unitId)).toContain(social);
    expect(((await sara.get('/api/directory/profiles?q=zebrater')).json() as Array<{ unitId: string }>).map((u) => u.unitId)).toContain(social);
    expect(((await sara.get('/api/directory/profiles?q=zebraterapier&kind=school')).json() as unknown[])).toEqual([]);
    // Nothing matches every word: any word will do, best first.
    const some = (await sara.get(`/api/directory/profiles?q=${encodeURIComponent('zebraterapi flodhästar')}`)).json() as Array<{ unitId: string }>;
    expect(some[0]?.unitId).toBe(social);
    // Typed characters are text, never SQL or a tsquery operator.
    for (const q of ["'; DROP TABLE units; --", '!!&|:*', '%_\\', 'a\u0000b']) {
      expect((await sara.get(`/api/directory/profiles?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    }
  });

  it('refuses another unit\'s manager and an admin of another principal, and changes nothing', async () => {
    const { etag } = await profileOf(eva, social);
    const before = await profileRow(social);
    const audited = await audits('directory.profile_update');
    for (const c of [otherManager, trelleborgAdmin, johan, per]) {
      const res = await put(c, `/api/directory/units/${social}/profile`, { mandate: 'Något annat.' }, etag);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await profileRow(social)).toEqual(before);
    expect(await audits('directory.profile_update')).toBe(audited);
    // The other manager keeps BUP's entry, and the region's admin may too.
    const bupEtag = (await profileOf(otherManager, bup)).etag;
    const first = await put(otherManager, `/api/directory/units/${bup}/profile`, { mandate: 'Neuropsykiatriska utredningar och behandling av psykisk ohälsa.', laws: ['HSL'] }, bupEtag);
    expect(first.statusCode, first.body).toBe(200);
    expect((await put(per, `/api/directory/units/${bup}/profile`, { hours: 'Vardagar 8–17' }, `"${first.json().version}"`)).statusCode).toBe(200);
    expect((await put(eva, `/api/directory/units/${newId()}/profile`, { mandate: 'x' }, '"0"')).statusCode).toBe(404);
  });

  it('a stale If-Match gets 412, a missing one 428, and nothing is overwritten', async () => {
    const { body, etag } = await profileOf(eva, social);
    const ok = await put(eva, `/api/directory/units/${social}/profile`, { mandate: 'Första ändringen.' }, etag);
    expect(ok.statusCode).toBe(200);
    const staleRes = await put(eva, `/api/directory/units/${social}/profile`, { mandate: 'Andra ändringen, från en gammal version.' }, etag);
    expect(staleRes.statusCode).toBe(412);
    expect(staleRes.json()).toMatchObject({ code: 'stale_version', currentVersion: body.version + 1 });
    expect((await put(eva, `/api/directory/units/${social}/profile`, { mandate: 'Utan version.' })).statusCode).toBe(428);
    expect((await profileOf(johan, social)).body.mandate).toBe('Första ändringen.');
    // A save that changes nothing keeps the version.
    expect((await put(eva, `/api/directory/units/${social}/profile`, { mandate: 'Första ändringen.' }, `"${body.version + 1}"`)).json().version).toBe(body.version + 1);
  });

  it('bad input gets 400 naming the field, and changes nothing', async () => {
    const { etag } = await profileOf(eva, social);
    const before = await profileRow(social);
    const check = async (body: unknown, fields: string[]) => {
      const res = await put(eva, `/api/directory/units/${social}/profile`, body, etag);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json().problems as Array<{ field: string }>).map((p) => p.field).sort()).toEqual(fields);
    };
    await check({ email: 'inte en adress' }, ['/email']);
    await check({ phone: 'ring mig' }, ['/phone']);
    await check({ laws: ['SoL', 'Brottsbalken'] }, ['/laws/1']);
    await check({ mandate: 'x'.repeat(4001) }, ['/mandate']);
    await check({ offers: ['ok', 'x'.repeat(201)] }, ['/offers/1']);
    await check({ colour: 'röd' }, ['/colour']);
    expect(await profileRow(social)).toEqual(before);
  });

  describe('the responsibility guide', () => {
    let entryId: string;

    it('lets an admin of a signatory add entries; the source heading is the version in force', async () => {
      const before = await audits('responsibility.create');
      const res = await per.post('/api/responsibilities', {
        need: 'Utredning av zebrafobi', keywords: 'djurskräck zebror utredningar', lifeArea: 'healthy', principalKind: 'region', unitKind: 'child_psychiatry',
        responsibility: 'Regionen (BUP) utreder misstänkt zebrafobi när barnet har psykiatriska symtom.', documentId, anchor: 'utredning',
      });
      expect(res.statusCode, res.body).toBe(201);
      entryId = res.json().id;
      expect(res.headers.etag).toBe('"1"');
      expect(await audits('responsibility.create')).toBe(before + 1);
      // Kristianstad signed too: its admin adds the school's part (an anchor only in the latest version is accepted).
      const kristianstadAdmin = await person('SE2120001290-A09', 'Kim Admin', social, 'principal_admin');
      const school = await kristianstadAdmin.post('/api/responsibilities', {
        need: 'Särskilt stöd i skolan för zebror', principalKind: 'municipality', unitKind: 'school', responsibility: 'Skolan utreder behov av särskilt stöd.', documentId, anchor: 'stod-i-skolan',
      });
      expect(school.statusCode, school.body).toBe(201);

      const found = (await johan.get(`/api/responsibilities?q=${encodeURIComponent('utredning zebrafobi')}`)).json() as Array<Record<string, any>>;
      expect(found[0]).toMatchObject({
        id: entryId, need: 'Utredning av zebrafobi', principalKind: 'region', unitKind: 'child_psychiatry', lifeArea: 'healthy', version: 1, canEdit: false,
        source: { documentId, title: 'Testöverenskommelse om ansvar för barn', anchor: 'utredning', heading: 'Utredning och behandling' },
      });
      // An inflected form, half a word, and a whole intervention text all find it; life area filters.
      for (const q of ['zebrafobier', 'zebraf', 'Utredning av zebrafobi och koncentrationssvårigheter hos barnet']) {
        expect(((await johan.get(`/api/responsibilities?q=${encodeURIComponent(q)}`)).json() as Array<{ id: string }>)[0]?.id, q).toBe(entryId);
      }
      expect(((await johan.get('/api/responsibilities?q=zebrafobi&lifeArea=achieving')).json() as Array<{ id: string }>).map((e) => e.id)).not.toContain(entryId);
      // The section in the version that is not in force yet has no heading to show today.
      const schoolEntry = ((await johan.get('/api/responsibilities?q=zebror')).json() as Array<Record<string, any>>).find((e) => e.id === school.json().id);
      expect(schoolEntry?.source).toMatchObject({ anchor: 'stod-i-skolan', heading: null });
      expect(((await per.get('/api/responsibilities?q=zebrafobi')).json() as Array<{ canEdit: boolean }>)[0]!.canEdit).toBe(true);
    });

    it('refuses an admin of a principal that did not sign, a staff member, an unknown anchor and a duplicate, changing nothing', async () => {
      const count = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM responsibility_entries'))[0]!.n;
      const before = [await count(), await audits('responsibility.create')];
      const entry = { need: 'Logopedutredning för zebror', principalKind: 'region', responsibility: 'Regionen.', documentId };
      expect((await trelleborgAdmin.post('/api/responsibilities', entry)).statusCode).toBe(403);
      expect((await sara.post('/api/responsibilities', entry)).statusCode).toBe(403);
      const anchor = await per.post('/api/responsibilities', { ...entry, anchor: 'finns-inte' });
      expect(anchor.statusCode).toBe(400);
      expect(anchor.json().problems.map((p: { field: string }) => p.field)).toEqual(['/anchor']);
      const unknownDoc = await per.post('/api/responsibilities', { ...entry, documentId: newId() });
      expect(unknownDoc.json().problems.map((p: { field: string }) => p.field)).toEqual(['/documentId']);
      const duplicate = await per.post('/api/responsibilities', { ...entry, need: 'utredning av ZEBRAFOBI' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().problems.map((p: { field: string }) => p.field)).toEqual(['/need']);
      const blank = await per.post('/api/responsibilities', { ...entry, need: '  ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().problems.map((p: { field: string }) => p.field)).toEqual(['/need']);
      expect([await count(), await audits('responsibility.create')]).toEqual(before);
    });

    it('edits carry the version: 412 when stale, and the other principal\'s admin is refused', async () => {
      const url = `/api/responsibilities/${entryId}`;
      expect((await put(trelleborgAdmin, url, { keywords: 'x' }, '"1"')).statusCode).toBe(403);
      expect((await put(per, url, { keywords: 'x' })).statusCode).toBe(428);
      const before = await audits('responsibility.update');
      const ok = await put(per, url, { keywords: 'djurskräck zebror utredningar tics' }, '"1"');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().version).toBe(2);
      expect(await audits('responsibility.update')).toBe(before + 1);
      const staleRes = await put(per, url, { keywords: 'gammal' }, '"1"');
      expect(staleRes.statusCode).toBe(412);
      expect(staleRes.json().currentVersion).toBe(2);
      const badAnchor = await put(per, url, { anchor: 'saknas' }, '"2"');
      expect(badAnchor.json().problems.map((p: { field: string }) => p.field)).toEqual(['/anchor']);
      expect(((await johan.get('/api/responsibilities?q=tics%20zebror')).json() as Array<{ id: string; keywords: string }>)[0]).toMatchObject({ id: entryId, keywords: 'djurskräck zebror utredningar tics' });
      expect((await put(per, `/api/responsibilities/${newId()}`, { keywords: 'x' }, '"1"')).statusCode).toBe(404);
    });
  });
});
