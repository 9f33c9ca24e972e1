import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { OptionalText, Strict, Text, Uuid } from '../schemas.ts';
import { ROLES, UNIT_KINDS } from '../../domain/organisation.ts';
import { listUnits } from '../../services/admin/list-units.ts';
import { createUnit } from '../../services/admin/create-unit.ts';
import { updateUnit } from '../../services/admin/update-unit.ts';
import { listStaff } from '../../services/admin/list-staff.ts';
import { addStaff } from '../../services/admin/add-staff.ts';
import { deactivateStaff } from '../../services/admin/deactivate-staff.ts';
import { addMembership } from '../../services/admin/add-membership.ts';
import { changeMembershipRole } from '../../services/admin/change-membership-role.ts';
import { endMembership } from '../../services/admin/end-membership.ts';

const UnitKind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const MunicipalityCode = Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{4}$', description: 'SCB:s kommunkod' }), Type.Null()]));
const param = (request: { params: unknown }, name: string) => (request.params as Record<string, string>)[name]!;

/**
 * Administration for a principal's admin (issue 4 item 4): the units of their own principal, the
 * staff who serve them, and their memberships and roles. Every change is audited; edits carry the
 * version (If-Match).
 */
export async function adminRoutes(app: FastifyInstance, api: Api): Promise<void> {
  const created = (reply: FastifyReply, r: { version: number }) => { setEtag(reply, r.version); return reply.status(201).send(r); };
  const edited = <T extends { version: number }>(reply: FastifyReply, r: T) => { setEtag(reply, r.version); return r; };

  app.get('/admin/units', {
    schema: { tags: ['admin'], summary: 'Huvudmannens verksamheter, med antal medarbetare (administratör)' },
  }, async (request) => listUnits(api.ctx, { actor: await api.actor(request) }));

  app.post('/admin/units', {
    schema: { tags: ['admin'], summary: 'Lägg till en verksamhet hos huvudmannen (administratör)',
      body: Strict({ name: Text(200), kind: UnitKind, committee: OptionalText(200), municipalityCode: MunicipalityCode }) },
  }, async (request, reply) => created(reply, await createUnit(api.ctx, { actor: await api.actor(request), unit: request.body as never })));

  app.patch('/admin/units/:unitId', {
    schema: { tags: ['admin'], summary: 'Byt namn på eller ändra en verksamhet, avsluta den eller återställ den (If-Match)', params: Strict({ unitId: Uuid }),
      body: Strict({ name: Type.Optional(Text(200)), kind: Type.Optional(UnitKind), committee: OptionalText(200), municipalityCode: MunicipalityCode, active: Type.Optional(Type.Boolean()) }) },
  }, async (request, reply) => edited(reply, await updateUnit(api.ctx, { actor: await api.actor(request), unitId: param(request, 'unitId'), version: ifMatch(request), patch: request.body as never })));

  app.get('/admin/staff', {
    schema: { tags: ['admin'], summary: 'Medarbetare i huvudmannens verksamheter, med sina uppdrag (administratör)' },
  }, async (request) => listStaff(api.ctx, { actor: await api.actor(request) }));

  app.post('/admin/staff', {
    schema: { tags: ['admin'], summary: 'Lägg till en medarbetare med sitt första uppdrag; HSA-id:t är det hen loggar in med',
      body: Strict({ hsaId: Type.String({ minLength: 1, maxLength: 40, description: 'T.ex. SE2321000255-A01' }), name: Text(200), title: OptionalText(200),
        email: OptionalText(254), phone: OptionalText(40), unitId: Uuid, role: Role }) },
  }, async (request, reply) => created(reply, await addStaff(api.ctx, { actor: await api.actor(request), staff: request.body as never })));

  app.post('/admin/staff/:staffId/deactivate', {
    schema: { tags: ['admin'], summary: 'Medarbetaren har slutat hos huvudmannen: alla uppdrag här avslutas och planerna går till chefernas överlämningsköer', params: Strict({ staffId: Uuid }) },
  }, async (request) => deactivateStaff(api.ctx, { actor: await api.actor(request), staffId: param(request, 'staffId') }));

  app.post('/admin/memberships', {
    schema: { tags: ['admin'], summary: 'Ge en medarbetare ett uppdrag (verksamhet och roll)', body: Strict({ staffId: Uuid, unitId: Uuid, role: Role }) },
  }, async (request, reply) => created(reply, await addMembership(api.ctx, { actor: await api.actor(request), membership: request.body as never })));

  app.patch('/admin/memberships/:membershipId', {
    schema: { tags: ['admin'], summary: 'Byt roll i ett uppdrag (If-Match)', params: Strict({ membershipId: Uuid }), body: Strict({ role: Role }) },
  }, async (request, reply) => edited(reply, await changeMembershipRole(api.ctx, {
    actor: await api.actor(request), membershipId: param(request, 'membershipId'), version: ifMatch(request), role: (request.body as { role: never }).role,
  })));

  app.post('/admin/memberships/:membershipId/end', {
    schema: { tags: ['admin'], summary: 'Avsluta ett uppdrag (If-Match): personens planer i verksamheten går till chefens överlämningskö', params: Strict({ membershipId: Uuid }) },
  }, async (request) => endMembership(api.ctx, { actor: await api.actor(request), membershipId: param(request, 'membershipId'), version: ifMatch(request) }));
}
