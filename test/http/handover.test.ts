/**
 * Continuity when staff leave (issue 6 item 4), over HTTP: Elias's coordinator, Johan, is
 * deactivated; his manager Eva finds his plan and his intervention in her hand-over queue and
 * re-assigns them; the new coordinator's worklist, the plan the family is given, and the other
 * participants' inboxes show the change; every coordinator change is counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type Client, type TestApp } from '../support/app.ts';
import { runSweep } from '../../src/services/notifications/run-sweep.ts';
import { newId } from '../../src/store/ids.ts';
import { OPEN_STATES } from '../../src/domain/plan-lifecycle.ts';

describe('hand-over when a coordinator leaves', () => {
  let t: TestApp;
  let eva: Client, karin: Client, sara: Client, amira: Client;
  let elias: { id: string; plan_number: string };
  let social: string, johanId: string, amiraId: string, evaId: string;
  const queue = async () => {
    const res = await eva.get('/api/handover');
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Array<{ id: string; planId: string; planNumber: string; role: string; interventionId: string | null; interventionDescription: string | null; interventionDueOn: string | null; formerStaffName: string; reason: string }>; candidates: Array<{ staffId: string; name: string }> };
  };
  const inbox = async (c: Client) => (await c.get('/api/notifications?limit=100')).json().items as Array<{ kind: string; planId: string; title: string; body: string }>;
  const changes = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_coordinator_changes WHERE plan_id = $1', [elias.id]))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    elias = (await t.ctx.db.query<{ id: string; plan_number: string }>(
      "SELECT p.id, p.plan_number FROM plans p JOIN persons c ON c.id = p.child_id WHERE c.given_name = 'Elias'"))[0]!;
    social = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    johanId = await t.staffId(DEMO.socialWorkerKristianstad);
    evaId = await t.staffId(DEMO.managerKristianstad);
    // A new social worker joins the unit (as the HSA directory would add her).
    amiraId = newId();
    await t.ctx.db.query(`INSERT INTO staff (county, id, hsa_id, name, email) VALUES ('12', $1, 'SE2120001290-S03', 'Amira Khalil', 'amira.khalil@example.se')`, [amiraId]);
    await t.ctx.db.query(`INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ('12', $1, $2, $3, 'staff')`, [newId(), amiraId, social]);
    eva = await t.as(DEMO.managerKristianstad);
    karin = await t.as(DEMO.teacherKristianstad);
    sara = await t.as(DEMO.psychologistBup);
    amira = await t.as('SE2120001290-S03');
  });
  afterAll(() => t.close());

  it('deactivating the coordinator puts his plan and his intervention in his manager\'s queue, and she is told', async () => {
    expect((await queue()).items).toEqual([]);
    await t.ctx.db.query('UPDATE staff SET active = false WHERE id = $1', [johanId]);
    const q = await queue();
    expect(q.items.map((i) => [i.planNumber, i.role, i.formerStaffName, i.reason]).sort()).toEqual([
      [elias.plan_number, 'coordinator', 'Johan Berg', 'deactivated'],
      [elias.plan_number, 'intervention', 'Johan Berg', 'deactivated'],
    ]);
    // Who can take over: the unit's active staff and managers; not Johan, not the analyst.
    expect(q.candidates.map((c) => c.name)).toEqual(['Amira Khalil', 'Eva Andersson']);
    await runSweep(t.ctx);
    const told = (await inbox(eva)).filter((n) => n.kind === 'handover_pending');
    expect(told.map((n) => n.title).sort()).toEqual([
      `Överlämning: ${elias.plan_number} behöver en ny ansvarig för en insats`,
      `Överlämning: ${elias.plan_number} behöver en ny samordnare`,
    ]);
    expect(told[0]!.body).toContain('Johan Berg är inte längre aktiv');
    // A second sweep tells nobody twice.
    await runSweep(t.ctx);
    expect((await inbox(eva)).filter((n) => n.kind === 'handover_pending')).toHaveLength(2);
  });

  it('only a manager works the queue, and only her own unit\'s', async () => {
    expect((await karin.get('/api/handover')).statusCode).toBe(403);
    const [item] = (await queue()).items;
    expect((await karin.post(`/api/handover/${item!.id}/assign`, { staffId: amiraId })).statusCode).toBe(403);
  });

  it('the manager names a new coordinator: the plan, the new coordinator\'s worklist and the participants show it', async () => {
    const item = (await queue()).items.find((i) => i.role === 'coordinator')!;
    expect((await eva.post(`/api/handover/${item.id}/assign`, { staffId: johanId })).statusCode).toBe(400);
    expect((await eva.post(`/api/handover/${item.id}/assign`, { staffId: await t.staffId(DEMO.psychologistBup) })).json().problems[0]).toMatchObject({ field: '/staffId', code: 'not_in_unit' });
    const res = await eva.post(`/api/handover/${item.id}/assign`, { staffId: amiraId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ planId: elias.id, role: 'coordinator' });

    // The plan the family is given names the new coordinator.
    const plan = (await sara.get(`/api/plans/${elias.id}`)).json();
    expect(plan.coordinator).toMatchObject({ staffId: amiraId, unitId: social, name: 'Amira Khalil', email: 'amira.khalil@example.se' });
    // Her worklist: the plan is hers, and its follow-up (within a fortnight) is her task.
    const work = (await amira.get('/api/worklist')).json();
    expect(work.followUps.map((f: any) => f.planId)).toEqual([elias.id]);
    // She is told the plan is now hers; the others who work in the plan are told who she is.
    expect((await inbox(amira)).filter((n) => n.kind === 'coordinator_changed').map((n) => n.title)).toEqual([`Du är ny samordnare för ${elias.plan_number}`]);
    for (const c of [sara, karin]) {
      const [n, ...more] = (await inbox(c)).filter((x) => x.kind === 'coordinator_changed');
      expect(more).toEqual([]);
      expect(n!.title).toBe(`Ny samordnare för ${elias.plan_number}`);
      expect(n!.body).toContain('Amira Khalil, Socialtjänsten barn och familj, Kristianstad (efter Johan Berg)');
    }
    // The manager who made the change is not told about it.
    expect((await inbox(eva)).filter((n) => n.kind === 'coordinator_changed')).toEqual([]);
    // Counted for the key figures, and in the audit trail as an edit of the plan by the manager.
    expect(await changes()).toBe(1);
    const [audit] = await t.ctx.db.query<{ actor_id: string; detail: Record<string, string> }>(
      "SELECT actor_id, detail FROM audit_events WHERE event = 'plan.update' AND plan_id = $1 ORDER BY seq DESC LIMIT 1", [elias.id]);
    expect(audit).toMatchObject({ actor_id: evaId, detail: { handoverItemId: item.id, from: johanId, to: amiraId, role: 'coordinator' } });
    // Done is done. The sweep has no more to tell about the change; what it does add is the
    // plan's coming follow-up, now in the new coordinator's inbox.
    expect((await eva.post(`/api/handover/${item.id}/assign`, { staffId: evaId })).statusCode).toBe(409);
    expect((await runSweep(t.ctx)).created).toBe(1);
    expect((await inbox(amira)).filter((n) => n.kind === 'follow_up').map((n) => n.planId)).toEqual([elias.id]);
  });

  it('the intervention goes to a named person too, who is told', async () => {
    const item = (await queue()).items.find((i) => i.role === 'intervention')!;
    expect((await eva.post(`/api/handover/${item.id}/assign`, { staffId: amiraId })).statusCode).toBe(200);
    const iv = (await amira.get(`/api/plans/${elias.id}`)).json().interventions.find((i: any) => i.id === item.interventionId);
    // The queue said which intervention it was, as the plan does.
    expect({ description: item.interventionDescription, dueOn: item.interventionDueOn }).toEqual({ description: iv.description, dueOn: iv.dueOn });
    expect(iv.responsibleStaffId).toBe(amiraId);
    expect((await inbox(amira)).filter((n) => n.kind === 'handover_assigned').map((n) => n.title)).toEqual([`Du är ny ansvarig för en insats i ${elias.plan_number}`]);
    expect((await queue()).items).toEqual([]);
  });

  it('someone who leaves the unit: the manager records it, the queue fills, and a re-assignment is counted again', async () => {
    const res = await eva.post(`/api/units/${social}/staff/${amiraId}/leave`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ handover: 2 });
    const q = await queue();
    expect(q.items.map((i) => [i.role, i.formerStaffName, i.reason]).sort()).toEqual([['coordinator', 'Amira Khalil', 'left_unit'], ['intervention', 'Amira Khalil', 'left_unit']]);
    // Deactivating her as well queues nothing twice.
    await t.ctx.db.query('UPDATE staff SET active = false WHERE id = $1', [amiraId]);
    expect((await queue()).items).toHaveLength(2);
    // She no longer signs in for the unit.
    expect((await t.app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { hsaId: 'SE2120001290-S03' } })).statusCode).not.toBe(200);
    // Another manager's unit is not Eva's to change.
    expect((await eva.post(`/api/units/${await t.unitId('BUP Kristianstad')}/staff/${await t.staffId(DEMO.psychologistBup)}/leave`)).statusCode).toBe(403);
    const coordinatorItem = q.items.find((i) => i.role === 'coordinator')!;
    expect((await eva.post(`/api/handover/${coordinatorItem.id}/assign`, { staffId: evaId })).statusCode).toBe(200);
    expect((await sara.get(`/api/plans/${elias.id}`)).json().coordinator.name).toBe('Eva Andersson');
    expect(await changes()).toBe(2);
  });

  it('a coordinator changed by an ordinary edit is counted too, and the sweep tells the participants', async () => {
    await t.ctx.db.query('UPDATE staff SET active = true WHERE id = $1', [johanId]);
    const johan = await t.as(DEMO.socialWorkerKristianstad);
    const plan = await eva.get(`/api/plans/${elias.id}`);
    const patched = await eva.patch(`/api/plans/${elias.id}`, { coordinator: { staffId: johanId, unitId: social } }, { 'if-match': String(plan.headers.etag) });
    expect(patched.statusCode).toBe(200);
    expect(await changes()).toBe(3);
    const r = await runSweep(t.ctx);
    expect(r.created).toBeGreaterThan(0);
    expect((await inbox(johan)).filter((n) => n.kind === 'coordinator_changed').map((n) => n.title)).toEqual([`Du är ny samordnare för ${elias.plan_number}`]);
    expect((await inbox(sara)).filter((n) => n.kind === 'coordinator_changed').map((n) => n.title)).toEqual([
      `Ny samordnare för ${elias.plan_number}`, `Ny samordnare för ${elias.plan_number}`, `Ny samordnare för ${elias.plan_number}`,
    ]);
    expect((await runSweep(t.ctx)).created).toBe(0);
  });
});

describe('hand-over when the one who left comes back', () => {
  let t: TestApp;
  let eva: Client;
  let social: string, johanId: string, evaId: string;
  const queue = async () => {
    const res = await eva.get('/api/handover');
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: Array<{ id: string; role: string }> }).items;
  };
  const told = async () => ((await eva.get('/api/notifications?limit=100')).json().items as Array<{ kind: string }>).filter((n) => n.kind === 'handover_pending');

  beforeAll(async () => {
    t = await startTestApp();
    social = await t.unitId('Socialtjänsten barn och familj, Kristianstad');
    johanId = await t.staffId(DEMO.socialWorkerKristianstad);
    evaId = await t.staffId(DEMO.managerKristianstad);
    eva = await t.as(DEMO.managerKristianstad);
  });
  afterAll(() => t.close());

  it('deactivated by mistake and active again: his plan is his as before; nothing waits, nobody is told, nothing can be assigned', async () => {
    await t.ctx.db.query('UPDATE staff SET active = false WHERE id = $1', [johanId]);
    const items = await queue();
    expect(items.map((i) => i.role).sort()).toEqual(['coordinator', 'intervention']);
    await t.ctx.db.query('UPDATE staff SET active = true WHERE id = $1', [johanId]);
    expect(await queue()).toEqual([]);
    await runSweep(t.ctx);
    expect(await told()).toEqual([]);
    for (const item of items) {
      const res = await eva.post(`/api/handover/${item.id}/assign`, { staffId: evaId });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('no_longer_needed');
    }
  });

  it('left the unit and back in it: the same', async () => {
    expect((await eva.post(`/api/units/${social}/staff/${johanId}/leave`)).json()).toEqual({ handover: 2 });
    expect(await queue()).toHaveLength(2);
    await t.ctx.db.query('UPDATE memberships SET active = true WHERE staff_id = $1 AND unit_id = $2', [johanId, social]);
    expect(await queue()).toEqual([]);
    await runSweep(t.ctx);
    expect(await told()).toEqual([]);
  });

  it('the open plan states of queue_handover (migration 009) are OPEN_STATES', async () => {
    const [{ src }] = await t.ctx.db.query<{ src: string }>("SELECT prosrc AS src FROM pg_proc WHERE proname = 'queue_handover'") as [{ src: string }];
    const lists = [...src.matchAll(/state IN \(([^)]*)\)/g)].map((m) => [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((q) => q[1]));
    expect(lists).toHaveLength(2);
    for (const states of lists) expect(states).toEqual([...OPEN_STATES]);
  });
});
