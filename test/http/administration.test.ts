/**
 * Administration for a principal's admin (issue 4 item 4), over HTTP against the real application
 * with the demo data. Per Olsson is Region Skåne's admin (in BUP Kristianstad). What a user would
 * notice: a unit he adds can be chosen at once; a person he adds signs in with their HSA-id and
 * works in the unit; a new role takes effect; an ended membership sends the person's plans to the
 * manager's hand-over queue and ends their access; nobody else administers, and nobody touches
 * another principal's units; bad input names the field and changes nothing; every change is in the
 * audit trail; and the principal is never left without an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { fingerprint } from '../support/database.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { newId } from '../../src/store/ids.ts';

interface AdminUnit { id: string; name: string; kind: string; municipalityCode: string | null; active: boolean; version: number; members: number }
interface AdminMembership { id: string; unitId: string; unitName: string; role: string; active: boolean; endedAt: string | null; version: number }
interface AdminStaff { id: string; hsaId: string; name: string; title: string | null; email: string | null; active: boolean; memberships: AdminMembership[] }

const HASSLEHOLM = '1293';
const quote = (v: number) => `"${v}"`;

describe('a principal admin keeps units, staff and roles', () => {
  let t: TestApp;
  let per: Client;
  let perId: string;
  let bupKristianstad: string, socKristianstad: string;
  let hassleholm: string; // the unit Per creates
  let anna: { id: string; membershipId: string }; // psychologist he adds
  let goran: { id: string; membershipId: string }; // her manager-to-be
  let annasPlan: string;

  const units = async (c: Client = per) => {
    const res = await c.get('/api/admin/units');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { principal: { name: string; kind: string }; units: AdminUnit[]; municipalities: Array<{ code: string; name: string }> };
  };
  const staff = async (c: Client = per) => {
    const res = await c.get('/api/admin/staff');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as AdminStaff[];
  };
  const membership = async (staffId: string, unitId: string) => (await staff()).find((s) => s.id === staffId)!.memberships.find((m) => m.unitId === unitId && m.active)!;
  /** The admin events written since `seq`, oldest first. */
  const auditSince = async (seq: number) => t.ctx.db.query<{ actor_id: string; actor_role: string; action: string; event: string; outcome: string; detail: Record<string, unknown> }>(
    "SELECT actor_id, actor_role, action, event, outcome, detail FROM audit_events WHERE seq > $1 AND event LIKE 'admin.%' ORDER BY seq", [seq]);
  const lastSeq = async () => (await t.ctx.db.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events'))[0]!.seq;
  /** Runs a change and returns it with the audit rows it wrote. */
  const audited = async (change: () => Promise<LightMyRequestResponse>) => {
    const seq = await lastSeq();
    const res = await change();
    return { res, events: await auditSince(seq) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    per = await t.as(DEMO.principalAdmin);
    perId = await t.staffId(DEMO.principalAdmin);
    bupKristianstad = await t.unitId('BUP Kristianstad');
    socKristianstad = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
  });
  afterAll(() => t?.close());

  it('lists the units of his own principal only, with how many serve each', async () => {
    const u = await units();
    expect(u.principal).toMatchObject({ name: 'Region Skåne', kind: 'region' });
    expect(u.units.map((x) => x.name)).toContain('BUP Kristianstad');
    expect(u.units.map((x) => x.name)).not.toContain('Näsby skola');
    // Sara Holm and Per himself.
    expect(u.units.find((x) => x.name === 'BUP Kristianstad')!.members).toBe(2);
    expect(u.municipalities.map((m) => m.code)).toContain(HASSLEHOLM);
    const people = await staff();
    expect(people.map((s) => s.name)).toContain('Sara Holm');
    expect(people.map((s) => s.name)).not.toContain('Johan Berg');
    // Memberships held for other principals are not shown to this one.
    expect(people.flatMap((s) => s.memberships.map((m) => m.unitName))).not.toContain('Näsby skola');
    // Names and e-mail addresses of employees are personal data: reading the list is logged.
    const [read] = await t.ctx.db.query<{ action: string; actor_id: string }>("SELECT action, actor_id FROM audit_events WHERE event = 'admin.staff_list' ORDER BY seq DESC LIMIT 1");
    expect(read).toEqual({ action: 'R', actor_id: perId });
  });

  it('creates a unit, which staff can choose at once; the change is audited', async () => {
    const { res, events } = await audited(() => per.post('/api/admin/units', {
      name: '  BUP Hässleholm ', kind: 'child_psychiatry', committee: 'Psykiatri, habilitering och hjälpmedel', municipalityCode: HASSLEHOLM,
    }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    hassleholm = res.json().id;
    expect((await units()).units.find((x) => x.id === hassleholm)).toMatchObject({ name: 'BUP Hässleholm', kind: 'child_psychiatry', municipalityCode: HASSLEHOLM, active: true, members: 0 });
    // The directory every user picks participating units from has it.
    const sara = await t.as(DEMO.psychologistBup);
    expect(((await sara.get('/api/units')).json() as Array<{ id: string }>).map((u) => u.id)).toContain(hassleholm);
    expect(events).toEqual([expect.objectContaining({ actor_id: perId, actor_role: 'principal_admin', action: 'C', event: 'admin.unit_create', outcome: 'success', detail: { unitId: hassleholm, kind: 'child_psychiatry' } })]);
  });

  it('adds a staff member who then signs in with the HSA-id and works in the unit', async () => {
    const { res, events } = await audited(() => per.post('/api/admin/staff', {
      hsaId: 'se2321000255-b10', name: 'Anna Lind', title: 'Psykolog', email: 'anna.lind@example.se', unitId: hassleholm, role: 'staff',
    }));
    expect(res.statusCode, res.body).toBe(201);
    anna = { id: res.json().id, membershipId: res.json().membershipId };
    expect(events).toEqual([expect.objectContaining({ action: 'C', event: 'admin.staff_create', detail: { staffId: anna.id, membershipId: anna.membershipId, unitId: hassleholm, role: 'staff' } })]);
    const listed = (await staff()).find((s) => s.id === anna.id)!;
    // The HSA-id is kept as the catalogue writes it (upper case).
    expect(listed).toMatchObject({ hsaId: 'SE2321000255-B10', name: 'Anna Lind', title: 'Psykolog', email: 'anna.lind@example.se', active: true });
    expect(listed.memberships).toEqual([expect.objectContaining({ unitId: hassleholm, unitName: 'BUP Hässleholm', role: 'staff', active: true, version: 1 })]);
    expect((await units()).units.find((x) => x.id === hassleholm)!.members).toBe(1);

    const a = await t.as('SE2321000255-B10');
    const me = (await a.get('/api/me')).json();
    expect(me).toMatchObject({ unitId: hassleholm, role: 'staff' });
    // She registers a child and starts a SIP for her unit, and coordinates it.
    const child = await a.post('/api/persons', { person: { identityNumber: testIdentityNumber('2012-04-04', '618'), givenName: 'Tilde', familyName: 'Ström' } });
    expect(child.statusCode, child.body).toBe(201);
    const plan = await a.post('/api/plans', { childId: child.json().id, reason: 'Oro för skolfrånvaro och sömn; flera verksamheter behöver samordna sig.' });
    expect(plan.statusCode, plan.body).toBe(201);
    annasPlan = plan.json().id;
    const coordinated = await a.patch(`/api/plans/${annasPlan}`, { coordinator: { staffId: anna.id, unitId: hassleholm } }, { 'if-match': String(plan.headers.etag) });
    expect(coordinated.statusCode, coordinated.body).toBe(200);
    expect((await a.get(`/api/plans/${annasPlan}`)).json().coordinator.name).toBe('Anna Lind');
  });

  it('gives a second person a membership, and a new role takes effect', async () => {
    const added = await per.post('/api/admin/staff', { hsaId: 'SE2321000255-C20', name: 'Göran Ek', title: 'Enhetschef', unitId: hassleholm, role: 'staff' });
    expect(added.statusCode, added.body).toBe(201);
    goran = { id: added.json().id, membershipId: added.json().membershipId };
    const asStaff = await t.as('SE2321000255-C20');
    // As staff he has no hand-over queue to work.
    expect((await asStaff.get('/api/handover')).statusCode).toBe(403);

    const { res, events } = await audited(() => per.patch(`/api/admin/memberships/${goran.membershipId}`, { role: 'manager' }, { 'if-match': quote(1) }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(events).toEqual([expect.objectContaining({ action: 'U', event: 'admin.membership_update', detail: expect.objectContaining({ membershipId: goran.membershipId, from: 'staff', to: 'manager', handover: 0 }) })]);
    const asManager = await t.as('SE2321000255-C20');
    expect((await asManager.get('/api/me')).json()).toMatchObject({ unitId: hassleholm, role: 'manager' });
    expect((await asManager.get('/api/handover')).json().items).toEqual([]);

    // A second membership for Anna, in another of the principal's units.
    const more = await audited(() => per.post('/api/admin/memberships', { staffId: anna.id, unitId: bupKristianstad, role: 'staff' }));
    expect(more.res.statusCode, more.res.body).toBe(201);
    expect(more.events).toEqual([expect.objectContaining({ action: 'C', event: 'admin.membership_create', detail: { membershipId: more.res.json().id, staffId: anna.id, unitId: bupKristianstad, role: 'staff' } })]);
    expect((await staff()).find((s) => s.id === anna.id)!.memberships.map((m) => m.unitName).sort()).toEqual(['BUP Hässleholm', 'BUP Kristianstad']);
  });

  it('ending a membership sends her plans to the manager\'s hand-over queue, and her access to the unit ends', async () => {
    const a = await t.as('SE2321000255-B10', hassleholm);
    expect((await a.get(`/api/plans/${annasPlan}`)).statusCode).toBe(200);
    const m = await membership(anna.id, hassleholm);
    // The version is required and must be the one read.
    expect((await per.post(`/api/admin/memberships/${m.id}/end`)).statusCode).toBe(428);
    expect((await per.post(`/api/admin/memberships/${m.id}/end`, {}, { 'if-match': quote(m.version + 1) })).statusCode).toBe(412);

    const { res, events } = await audited(() => per.post(`/api/admin/memberships/${m.id}/end`, {}, { 'if-match': quote(m.version) }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ handover: 1 });
    expect(events).toEqual([expect.objectContaining({ action: 'U', event: 'admin.membership_end', detail: { membershipId: m.id, staffId: anna.id, unitId: hassleholm, role: 'staff', handover: 1 } })]);

    const goranNow = await t.as('SE2321000255-C20');
    const queue = (await goranNow.get('/api/handover')).json() as { items: Array<{ planId: string; role: string; formerStaffName: string; reason: string }> };
    expect(queue.items).toEqual([expect.objectContaining({ planId: annasPlan, role: 'coordinator', formerStaffName: 'Anna Lind', reason: 'left_unit' })]);
    // Her old session, acting for the unit she left, reads nothing of it any more; she can still act for BUP Kristianstad.
    expect((await a.get(`/api/plans/${annasPlan}`)).statusCode).not.toBe(200);
    await expect(t.as('SE2321000255-B10', hassleholm)).rejects.toThrow();
    expect((await (await t.as('SE2321000255-B10')).get('/api/me')).json()).toMatchObject({ unitId: bupKristianstad });
    const listed = (await staff()).find((s) => s.id === anna.id)!.memberships.find((x) => x.id === m.id)!;
    expect(listed).toMatchObject({ active: false, version: m.version + 1 });
    expect(listed.endedAt).not.toBeNull();
    expect((await per.post(`/api/admin/memberships/${m.id}/end`, {}, { 'if-match': quote(m.version + 1) })).json().code).toBe('membership_ended');
  });

  it('a role that takes no part in plans hands the plans over too', async () => {
    // Göran takes over Anna's plan, then becomes the unit's analyst: the plan goes back in the queue, and a new manager sees it.
    const goranNow = await t.as('SE2321000255-C20');
    const [item] = (await goranNow.get('/api/handover')).json().items as Array<{ id: string }>;
    expect((await goranNow.post(`/api/handover/${item!.id}/assign`, { staffId: goran.id })).statusCode).toBe(200);
    const m = await membership(goran.id, hassleholm);
    const changed = await per.patch(`/api/admin/memberships/${m.id}`, { role: 'analyst' }, { 'if-match': quote(m.version) });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().handover).toBe(1);
    const boss = await per.post('/api/admin/staff', { hsaId: 'SE2321000255-C21', name: 'Hanna Berg', unitId: hassleholm, role: 'manager' });
    expect(boss.statusCode, boss.body).toBe(201);
    const hanna = await t.as('SE2321000255-C21');
    expect(((await hanna.get('/api/handover')).json().items as Array<{ planId: string; formerStaffName: string }>).map((i) => [i.planId, i.formerStaffName])).toEqual([[annasPlan, 'Göran Ek']]);
  });

  it('deactivating a person ends all their memberships with the principal, and they can no longer sign in', async () => {
    const { res, events } = await audited(() => per.post(`/api/admin/staff/${anna.id}/deactivate`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ended: 1, handover: 0, deactivated: true });
    expect(events).toEqual([expect.objectContaining({ action: 'U', event: 'admin.staff_deactivate', detail: expect.objectContaining({ staffId: anna.id, deactivated: true }) })]);
    await expect(t.as('SE2321000255-B10')).rejects.toThrow();
    const listed = (await staff()).find((s) => s.id === anna.id)!;
    expect(listed.active).toBe(false);
    expect(listed.memberships.every((m) => !m.active)).toBe(true);
    expect((await per.post(`/api/admin/staff/${anna.id}/deactivate`)).json().code).toBe('already_inactive');
    // She comes back: a new membership makes her active again.
    const back = await audited(() => per.post('/api/admin/memberships', { staffId: anna.id, unitId: hassleholm, role: 'staff' }));
    expect(back.res.statusCode, back.res.body).toBe(201);
    expect(back.events[0]!.detail).toMatchObject({ staffId: anna.id, reactivated: true });
    expect((await (await t.as('SE2321000255-B10')).get('/api/me')).json()).toMatchObject({ unitId: hassleholm, role: 'staff' });
  });

  it('renames a unit, and ends it only when nobody serves it and it takes part in no open plan', async () => {
    const u = (await units()).units.find((x) => x.id === hassleholm)!;
    const renamed = await audited(() => per.patch(`/api/admin/units/${hassleholm}`, { name: 'BUP Hässleholm, mottagningen' }, { 'if-match': quote(u.version) }));
    expect(renamed.res.statusCode, renamed.res.body).toBe(200);
    expect(renamed.res.headers.etag).toBe(quote(u.version + 1));
    expect(renamed.events).toEqual([expect.objectContaining({ action: 'U', event: 'admin.unit_update', detail: { unitId: hassleholm, fields: ['name'] } })]);
    expect((await per.patch(`/api/admin/units/${hassleholm}`, { name: 'Något annat' }, { 'if-match': quote(u.version) })).statusCode).toBe(412);
    expect((await per.patch(`/api/admin/units/${hassleholm}`, { name: 'Något annat' })).statusCode).toBe(428);

    const busy = await per.patch(`/api/admin/units/${hassleholm}`, { active: false }, { 'if-match': quote(u.version + 1) });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'unit_has_members', problems: [{ field: '/active' }] });

    // An empty unit that takes part in nothing can end, and be restored.
    const created = await per.post('/api/admin/units', { name: 'Habiliteringen Ystad', kind: 'habilitation', municipalityCode: '1286' });
    const id = created.json().id as string;
    const ended = await audited(() => per.patch(`/api/admin/units/${id}`, { active: false }, { 'if-match': quote(1) }));
    expect(ended.res.statusCode, ended.res.body).toBe(200);
    expect(ended.events[0]!.detail).toEqual({ unitId: id, fields: ['active'], active: false });
    expect(((await (await t.as(DEMO.psychologistBup)).get('/api/units')).json() as Array<{ id: string }>).map((x) => x.id)).not.toContain(id);
    const joined = await per.post('/api/admin/memberships', { staffId: goran.id, unitId: id, role: 'staff' });
    expect(joined.statusCode).toBe(409);
    expect(joined.json().problems[0].field).toBe('/unitId');
    expect((await per.patch(`/api/admin/units/${id}`, { active: true }, { 'if-match': quote(2) })).statusCode).toBe(200);
  });
});

describe('who may administer what', () => {
  let t: TestApp;
  let per: Client;
  let kommunAdmin: Client;
  let socKristianstad: string, bupKristianstad: string, johanId: string, saraId: string;
  let johansMembership: string, sarasMembership: string;

  beforeAll(async () => {
    t = await startTestApp();
    per = await t.as(DEMO.principalAdmin);
    socKristianstad = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    bupKristianstad = await t.unitId('BUP Kristianstad');
    johanId = await t.staffId(DEMO.socialWorkerKristianstad);
    saraId = await t.staffId(DEMO.psychologistBup);
    johansMembership = (await t.ctx.db.query<{ id: string }>('SELECT id FROM memberships WHERE staff_id = $1', [johanId]))[0]!.id;
    sarasMembership = (await t.ctx.db.query<{ id: string }>('SELECT id FROM memberships WHERE staff_id = $1', [saraId]))[0]!.id;
    // Kristianstad's own admin (Lars Nyström in the demo).
    kommunAdmin = await t.as(DEMO.adminKristianstad);
  });
  afterAll(() => t?.close());

  it('refuses everyone but an admin (403), whatever their role', async () => {
    for (const hsaId of [DEMO.managerKristianstad, DEMO.psychologistBup, DEMO.analyst]) {
      const c = await t.as(hsaId);
      for (const res of [
        await c.get('/api/admin/units'), await c.get('/api/admin/staff'),
        await c.post('/api/admin/units', { name: 'Ny', kind: 'other' }),
        await c.post('/api/admin/memberships', { staffId: johanId, unitId: socKristianstad, role: 'manager' }),
        await c.patch(`/api/admin/memberships/${johansMembership}`, { role: 'manager' }, { 'if-match': '"1"' }),
      ]) {
        expect(res.statusCode, `${hsaId} ${res.body}`).toBe(403);
        expect(res.json().code).toBe('role');
      }
    }
  });

  it('an admin touches only their own principal\'s units: another\'s answer 404 and nothing changes', async () => {
    const before = await fingerprint(t.ctx.db);
    const tries: Array<[Client, () => Promise<LightMyRequestResponse>]> = [
      [per, () => per.patch(`/api/admin/units/${socKristianstad}`, { name: 'Region-ägd nu' }, { 'if-match': '"1"' })],
      [per, () => per.post('/api/admin/memberships', { staffId: saraId, unitId: socKristianstad, role: 'staff' })],
      [per, () => per.post('/api/admin/staff', { hsaId: 'SE2321000255-X99', name: 'Ny Person', unitId: socKristianstad, role: 'staff' })],
      [per, () => per.patch(`/api/admin/memberships/${johansMembership}`, { role: 'manager' }, { 'if-match': '"1"' })],
      [per, () => per.post(`/api/admin/memberships/${johansMembership}/end`, {}, { 'if-match': '"1"' })],
      [per, () => per.post(`/api/admin/staff/${johanId}/deactivate`)],
      [kommunAdmin, () => kommunAdmin.patch(`/api/admin/units/${bupKristianstad}`, { active: false }, { 'if-match': '"1"' })],
      [kommunAdmin, () => kommunAdmin.post(`/api/admin/memberships/${sarasMembership}/end`, {}, { 'if-match': '"1"' })],
      [kommunAdmin, () => kommunAdmin.post(`/api/admin/staff/${saraId}/deactivate`)],
      // An id that exists nowhere answers the same.
      [per, () => per.patch(`/api/admin/units/${newId()}`, { name: 'X' }, { 'if-match': '"1"' })],
    ];
    for (const [, call] of tries) {
      const res = await call();
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    // A unit in the body is named as the field.
    expect((await per.post('/api/admin/memberships', { staffId: saraId, unitId: socKristianstad, role: 'staff' })).json().problems).toEqual([expect.objectContaining({ field: '/unitId' })]);
    expect(await fingerprint(t.ctx.db)).toBe(before);
    // Each sees their own principal's units and people.
    const kommun = (await kommunAdmin.get('/api/admin/units')).json();
    expect(kommun.principal.name).toBe('Kristianstads kommun');
    expect(kommun.units.map((u: { name: string }) => u.name)).toContain('Näsby skola');
    expect(kommun.units.map((u: { name: string }) => u.name)).not.toContain('BUP Kristianstad');
    // A municipality's units lie in the municipality.
    expect(kommun.municipalities).toEqual([{ code: '1290', name: 'Kristianstads kommun' }]);
    expect(((await kommunAdmin.get('/api/admin/staff')).json() as AdminStaff[]).map((s) => s.name)).toContain('Johan Berg');
  });

  it('bad input names the field and changes nothing', async () => {
    const before = await fingerprint(t.ctx.db);
    const cases: Array<[string, () => Promise<LightMyRequestResponse>, number, string, string?]> = [
      ['HSA-id of the wrong shape', () => per.post('/api/admin/staff', { hsaId: 'SE12345-A1', name: 'Ny Person', unitId: bupKristianstad, role: 'staff' }), 400, '/hsaId', 'format'],
      ['HSA-id with å', () => per.post('/api/admin/staff', { hsaId: 'SE2321000255-ÅSA', name: 'Ny Person', unitId: bupKristianstad, role: 'staff' }), 400, '/hsaId', 'format'],
      ['HSA-id over 31 characters', () => per.post('/api/admin/staff', { hsaId: `SE2321000255-${'A'.repeat(19)}`, name: 'Ny Person', unitId: bupKristianstad, role: 'staff' }), 400, '/hsaId', 'length'],
      ['HSA-id already in the directory', () => per.post('/api/admin/staff', { hsaId: DEMO.psychologistBup, name: 'Sara Holm', unitId: bupKristianstad, role: 'staff' }), 409, '/hsaId', 'taken'],
      ['a blank name', () => per.post('/api/admin/staff', { hsaId: 'SE2321000255-N01', name: '   ', unitId: bupKristianstad, role: 'staff' }), 400, '/name', 'required'],
      ['an e-mail address without @', () => per.post('/api/admin/staff', { hsaId: 'SE2321000255-N01', name: 'Ny Person', email: 'ny.person.example.se', unitId: bupKristianstad, role: 'staff' }), 400, '/email', 'format'],
      ['no role', () => per.post('/api/admin/staff', { hsaId: 'SE2321000255-N01', name: 'Ny Person', unitId: bupKristianstad }), 400, '/role', 'required'],
      ['an unknown role', () => per.post('/api/admin/memberships', { staffId: saraId, unitId: bupKristianstad, role: 'boss' }), 400, '/role'],
      ['a role the person already has there', () => per.post('/api/admin/memberships', { staffId: saraId, unitId: bupKristianstad, role: 'staff' }), 409, '/role', 'duplicate'],
      ['an unknown person', () => per.post('/api/admin/memberships', { staffId: newId(), unitId: bupKristianstad, role: 'staff' }), 400, '/staffId', 'unknown'],
      ['an unknown unit kind', () => per.post('/api/admin/units', { name: 'Sjukhuset', kind: 'hospital' }), 400, '/kind'],
      ['a blank unit name', () => per.post('/api/admin/units', { name: ' ', kind: 'other' }), 400, '/name', 'required'],
      ['a unit name already used', () => per.post('/api/admin/units', { name: 'bup kristianstad', kind: 'child_psychiatry' }), 409, '/name', 'duplicate'],
      ['a municipality outside the county', () => per.post('/api/admin/units', { name: 'BUP Solna', kind: 'child_psychiatry', municipalityCode: '0184' }), 400, '/municipalityCode', 'unknown'],
      ['a municipality code of the wrong shape', () => per.post('/api/admin/units', { name: 'BUP X', kind: 'child_psychiatry', municipalityCode: '12' }), 400, '/municipalityCode'],
      ['a municipality unit in another municipality', () => kommunAdmin.post('/api/admin/units', { name: 'Skola i Malmö', kind: 'school', municipalityCode: '1280' }), 400, '/municipalityCode', 'other_municipality'],
      ['an unknown field', () => per.post('/api/admin/units', { name: 'BUP Y', kind: 'other', principalId: newId() }), 400, '/principalId'],
      ['ending a unit that people serve', () => per.patch(`/api/admin/units/${bupKristianstad}`, { active: false }, { 'if-match': '"1"' }), 409, '/active', 'unit_has_members'],
    ];
    for (const [what, call, status, field, code] of cases) {
      const res = await call();
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      const problem = res.json().problems.find((p: { field: string }) => p.field === field);
      expect(problem, `${what}: ${res.body}`).toBeDefined();
      if (code) expect(problem.code, what).toBe(code);
      expect(problem.message, what).toMatch(/\S/);
    }
    expect(await fingerprint(t.ctx.db)).toBe(before);
    // The person already in the directory is named, so that the form can offer a membership instead.
    expect((await per.post('/api/admin/staff', { hsaId: DEMO.psychologistBup, name: 'Sara Holm', unitId: bupKristianstad, role: 'staff' })).json().staffId).toBe(saraId);
  });

  it('the principal is never left without an admin: his own last admin membership he cannot end or change', async () => {
    const mine = ((await per.get('/api/admin/staff')).json() as AdminStaff[]).find((s) => s.hsaId === DEMO.principalAdmin)!.memberships[0]!;
    const before = await fingerprint(t.ctx.db);
    const refusals = [
      await per.post(`/api/admin/memberships/${mine.id}/end`, {}, { 'if-match': quote(mine.version) }),
      await per.patch(`/api/admin/memberships/${mine.id}`, { role: 'staff' }, { 'if-match': quote(mine.version) }),
      await per.post(`/api/admin/staff/${await t.staffId(DEMO.principalAdmin)}/deactivate`),
    ];
    for (const res of refusals) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('last_admin');
      expect(res.json().detail).toContain('minst en administratör');
    }
    expect(await fingerprint(t.ctx.db)).toBe(before);
    // With a second admin, he may step down.
    const second = await per.post('/api/admin/staff', { hsaId: 'SE2321000255-A02', name: 'Greta Nyström', title: 'Systemförvaltare', unitId: bupKristianstad, role: 'principal_admin' });
    expect(second.statusCode, second.body).toBe(201);
    const stepDown = await per.patch(`/api/admin/memberships/${mine.id}`, { role: 'staff' }, { 'if-match': quote(mine.version) });
    expect(stepDown.statusCode, stepDown.body).toBe(200);
    const perNow = await t.as(DEMO.principalAdmin);
    expect((await perNow.get('/api/admin/units')).statusCode).toBe(403);
    const greta = await t.as('SE2321000255-A02');
    expect((await greta.get('/api/admin/units')).statusCode).toBe(200);

    // Two admins who remove each other at the same moment: one of them stays.
    const third = await greta.post('/api/admin/staff', { hsaId: 'SE2321000255-A03', name: 'Hugo Ek', unitId: bupKristianstad, role: 'principal_admin' });
    expect(third.statusCode, third.body).toBe(201);
    const hugo = await t.as('SE2321000255-A03');
    const admins = ((await greta.get('/api/admin/staff')).json() as AdminStaff[]).flatMap((s) => s.memberships.filter((m) => m.active && m.role === 'principal_admin').map((m) => ({ ...m, who: s.hsaId })));
    const of = (hsaId: string) => admins.find((m) => m.who === hsaId)!;
    const results = await Promise.all([
      greta.post(`/api/admin/memberships/${of('SE2321000255-A03').id}/end`, {}, { 'if-match': quote(of('SE2321000255-A03').version) }),
      hugo.post(`/api/admin/memberships/${of('SE2321000255-A02').id}/end`, {}, { 'if-match': quote(of('SE2321000255-A02').version) }),
    ]);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const [{ n }] = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM memberships m JOIN units u ON u.id = m.unit_id WHERE u.principal_id = (SELECT principal_id FROM units WHERE id = $1) AND m.role = 'principal_admin' AND m.active", [bupKristianstad]) as [{ n: number }];
    expect(n).toBe(1);
  });
});
