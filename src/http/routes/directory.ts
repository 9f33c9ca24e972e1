import type { FastifyInstance } from 'fastify';
import type { Api } from '../app.ts';
import { Strict, Uuid } from '../schemas.ts';

/** The directory of principals, units and their staff: organisational data, not personal data about children. */
export async function directoryRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/principals', { schema: { tags: ['directory'], summary: 'Huvudmän i länet' } }, async (request) => {
    const actor = await api.actor(request);
    return api.ctx.db.query(
      'SELECT id, kind, name, municipality_code AS "municipalityCode" FROM principals WHERE county = $1 ORDER BY kind DESC, name', [actor.county]);
  });
  app.get('/units', { schema: { tags: ['directory'], summary: 'Verksamheter i länet' } }, async (request) => {
    const actor = await api.actor(request);
    return api.ctx.db.query(
      `SELECT u.id, u.kind, u.name, u.committee, u.municipality_code AS "municipalityCode", u.principal_id AS "principalId", p.name AS "principalName"
       FROM units u JOIN principals p ON p.county = u.county AND p.id = u.principal_id
       WHERE u.county = $1 AND u.active ORDER BY p.name, u.name`, [actor.county]);
  });
  app.get('/units/:unitId/staff', { schema: { tags: ['directory'], summary: 'Medarbetare i en verksamhet', params: Strict({ unitId: Uuid }) } }, async (request) => {
    const actor = await api.actor(request);
    return api.ctx.db.query(
      `SELECT s.id, s.name, s.email, s.phone, m.role FROM memberships m JOIN staff s ON s.county = m.county AND s.id = m.staff_id
       WHERE m.county = $1 AND m.unit_id = $2 AND m.active AND s.active ORDER BY s.name`, [actor.county, (request.params as { unitId: string }).unitId]);
  });
}
