import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { Strict, Uuid } from '../schemas.ts';
import { readSession, SESSION_COOKIE, unauthenticated, writeSession } from '../session.ts';
import { loadAssignments } from '../../services/auth/load-actor.ts';
import { ServiceError } from '../../services/errors.ts';
import type { Role } from '../../services/context.ts';

const RoleSchema = Type.Union([Type.Literal('staff'), Type.Literal('manager'), Type.Literal('principal_admin'), Type.Literal('analyst')]);

export async function authRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/me', { schema: { tags: ['auth'], summary: 'Vem är inloggad, och i vilket uppdrag' } }, async (request) => {
    const actor = await api.actor(request);
    const staff = await loadAssignments(api.ctx.db, actor.county, actor.staffId);
    return { staffId: actor.staffId, name: actor.name, county: actor.county, unitId: actor.unitId, role: actor.role, assignments: staff?.assignments ?? [] };
  });

  app.post('/me/assignment', {
    schema: { tags: ['auth'], summary: 'Byt uppdrag (verksamhet och roll)', body: Strict({ unitId: Uuid, role: RoleSchema }) },
  }, async (request, reply) => {
    const s = readSession(request);
    if (!s) throw unauthenticated();
    const { unitId, role } = request.body as { unitId: string; role: Role };
    const staff = await loadAssignments(api.ctx.db, s.county, s.staffId);
    if (!staff?.assignments.some((a) => a.unitId === unitId && a.role === role)) {
      throw new ServiceError(403, 'no_assignment', 'Du har inget sådant uppdrag.', [{ field: '/unitId', code: 'no_assignment', message: 'Inget uppdrag i den verksamheten med den rollen.' }]);
    }
    writeSession(reply, { staffId: s.staffId, county: s.county, unitId, role }, api.secureCookies);
    return { unitId, role };
  });

  app.post('/sign-out', { schema: { tags: ['auth'], summary: 'Logga ut' } }, async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  if (!api.devSignIn) return;

  app.get('/dev/users', { schema: { tags: ['auth'], summary: 'Utvecklingsinloggning: demoanvändarna', security: [] } }, async () => {
    const rows = await api.ctx.db.query<{ id: string; county: string }>('SELECT id, county FROM staff WHERE active ORDER BY name');
    return Promise.all(rows.map(async (r) => {
      const s = (await loadAssignments(api.ctx.db, r.county, r.id))!;
      return { staffId: s.staffId, hsaId: s.hsaId, name: s.name, assignments: s.assignments };
    }));
  });

  app.post('/dev/sign-in', {
    schema: {
      tags: ['auth'], summary: 'Utvecklingsinloggning: välj en demoanvändare (ersätts av OpenID Connect)', security: [],
      body: Strict({ hsaId: Type.String({ minLength: 5, maxLength: 40 }), unitId: Type.Optional(Uuid), role: Type.Optional(RoleSchema) }),
    },
  }, async (request, reply) => {
    const { hsaId, unitId, role } = request.body as { hsaId: string; unitId?: string; role?: Role };
    const row = (await api.ctx.db.query<{ id: string; county: string }>('SELECT id, county FROM staff WHERE hsa_id = $1 AND active', [hsaId]))[0];
    const staff = row ? await loadAssignments(api.ctx.db, row.county, row.id) : null;
    const a = staff?.assignments.find((x) => (!unitId || x.unitId === unitId) && (!role || x.role === role));
    if (!staff || !a) throw new ServiceError(401, 'unknown_user', 'Okänd användare eller uppdrag.', [{ field: '/hsaId', code: 'unknown', message: 'Okänd.' }]);
    writeSession(reply, { staffId: staff.staffId, county: staff.county, unitId: a.unitId, role: a.role }, api.secureCookies);
    return { staffId: staff.staffId, name: staff.name, unitId: a.unitId, role: a.role, assignments: staff.assignments };
  });
}
