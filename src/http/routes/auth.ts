import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { Strict, Uuid } from '../schemas.ts';
import { clearSessionCookies, currentSession, requireSession, SESSION_COOKIE, setSessionCookies } from '../session.ts';
import { loadAssignmentsByHsaId } from '../../services/auth/load-actor.ts';
import { chooseAssignment } from '../../services/auth/choose-assignment.ts';
import { signInStaff } from '../../services/auth/sign-in-staff.ts';
import { signOut } from '../../services/auth/sign-out.ts';
import { ServiceError } from '../../services/errors.ts';
import type { Role } from '../../services/context.ts';

const RoleSchema = Type.Union([Type.Literal('staff'), Type.Literal('manager'), Type.Literal('principal_admin'), Type.Literal('analyst')]);

export async function authRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/me', { schema: { tags: ['auth'], summary: 'Vem är inloggad, och i vilket uppdrag' } }, async (request) => {
    const s = await requireSession(api.ctx, api.sessionPolicy, request);
    const common = { name: s.displayName, idleMinutes: api.sessionPolicy.idleMinutes, expiresAt: s.expiresAt.toISOString() };
    if (s.kind === 'citizen') return { kind: 'citizen', ...common, assignments: [] };
    const staff = await loadAssignmentsByHsaId(api.ctx.db, s.hsaId!);
    const a = s.assignment;
    return {
      kind: 'staff', ...common, hsaId: s.hsaId,
      staffId: a?.staffId ?? null, county: a?.county ?? null, unitId: a?.unitId ?? null, role: a?.role ?? null,
      assignments: (staff?.assignments ?? []).map(({ unitId, unitName, principalId, principalName, role }) => ({ unitId, unitName, principalId, principalName, role })),
    };
  });

  app.post('/me/assignment', {
    schema: { tags: ['auth'], summary: 'Välj eller byt uppdrag (verksamhet och roll)', body: Strict({ unitId: Uuid, role: RoleSchema }) },
  }, async (request) => {
    const s = await requireSession(api.ctx, api.sessionPolicy, request);
    const { unitId, role } = request.body as { unitId: string; role: Role };
    await chooseAssignment(api.ctx, s, { unitId, role }, request.ip);
    return { unitId, role };
  });

  app.post('/sign-out', {
    schema: { tags: ['auth'], summary: 'Logga ut här och hos inloggningstjänsten', description: 'Svarar med adressen där inloggningen hos identitetsutfärdaren avslutas.' },
  }, async (request, reply) => {
    const s = await currentSession(api.ctx, api.sessionPolicy, request);
    if (s) {
      // Ending a session needs the CSRF token too: otherwise another site could sign people out.
      await requireSession(api.ctx, api.sessionPolicy, request);
      await signOut(api.ctx, s, request.ip);
    }
    clearSessionCookies(reply, api.cookies);
    return { redirect: (await api.relyingParty?.signOutUrl()) ?? '/logga-in' };
  });

  if (!api.devSignIn) return;

  app.get('/dev/users', { schema: { tags: ['auth'], summary: 'Utvecklingsinloggning: demoanvändarna', security: [] } }, async () => {
    const rows = await api.ctx.db.query<{ hsa_id: string }>('SELECT DISTINCT hsa_id FROM staff WHERE active ORDER BY hsa_id');
    const people = await Promise.all(rows.map(async (r) => ({ hsaId: r.hsa_id, ...(await loadAssignmentsByHsaId(api.ctx.db, r.hsa_id))! })));
    return people.map((p) => ({ hsaId: p.hsaId, name: p.name, assignments: p.assignments }));
  });

  app.post('/dev/sign-in', {
    config: api.signInRateLimit,
    schema: {
      tags: ['auth'], summary: 'Utvecklingsinloggning (bara i utvecklingsläge): välj en demoanvändare utan identitetsutfärdare', security: [],
      body: Strict({ hsaId: Type.String({ minLength: 5, maxLength: 40 }), unitId: Type.Optional(Uuid), role: Type.Optional(RoleSchema) }),
    },
  }, async (request, reply) => {
    const { hsaId, unitId, role } = request.body as { hsaId: string; unitId?: string; role?: Role };
    const staff = /^[A-Z0-9-]{5,40}$/.test(hsaId) ? await loadAssignmentsByHsaId(api.ctx.db, hsaId) : null;
    const a = staff?.assignments.find((x) => (!unitId || x.unitId === unitId) && (!role || x.role === role));
    if (!staff || !a) throw new ServiceError(401, 'unknown_user', 'Okänd användare eller uppdrag.', [{ field: '/hsaId', code: 'unknown', message: 'Okänd.' }]);
    const started = await signInStaff(api.ctx, {
      hsaId, subject: `dev:${hsaId}`, policy: api.sessionPolicy, networkAddress: request.ip, replacing: request.cookies[SESSION_COOKIE] ?? null,
    });
    const session = started.session.assignment?.unitId === a.unitId && started.session.assignment.role === a.role
      ? started.session
      : await chooseAssignment(api.ctx, started.session, { unitId: a.unitId, role: a.role }, request.ip);
    setSessionCookies(reply, started.token, session, api.cookies);
    return { staffId: a.staffId, name: staff.name, unitId: a.unitId, role: a.role, assignments: staff.assignments, csrfToken: session.csrfToken };
  });
}
