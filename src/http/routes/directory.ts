import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { OptionalText, Strict, Uuid } from '../schemas.ts';
import { UNIT_KINDS, type UnitKind } from '../../domain/organisation.ts';
import { LAWS } from '../../domain/unit-profile.ts';
import { listUnitProfiles } from '../../services/directory/list-unit-profiles.ts';
import { getUnitProfile } from '../../services/directory/get-unit-profile.ts';
import { updateUnitProfile } from '../../services/directory/update-unit-profile.ts';

const UnitKindSchema = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));

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

  // Vem gör vad (decision 0009): every unit's own description, kept by its manager or its principal's admin.
  app.get('/directory/profiles', {
    schema: { tags: ['directory'], summary: 'Vem gör vad: verksamheternas uppdrag, vad de erbjuder, lag, kontakt och vem som får kalla till SIP',
      querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 200, description: 'Sökord på svenska (böjningar hittas)' })), kind: Type.Optional(UnitKindSchema) }) },
  }, async (request) => {
    const { q, kind } = request.query as { q?: string; kind?: UnitKind };
    return listUnitProfiles(api.ctx, { actor: await api.actor(request), q, kind });
  });

  app.get('/directory/units/:unitId/profile', {
    schema: { tags: ['directory'], summary: 'En verksamhets beskrivning i Vem gör vad (version 0 innan den skrivits)', params: Strict({ unitId: Uuid }) },
  }, async (request, reply) => {
    const profile = await getUnitProfile(api.ctx, { actor: await api.actor(request), unitId: (request.params as { unitId: string }).unitId });
    setEtag(reply, profile.version);
    return profile;
  });

  app.put('/directory/units/:unitId/profile', {
    schema: { tags: ['directory'], summary: 'Skriv verksamhetens beskrivning (chefen eller huvudmannens administratör; If-Match, "0" första gången). Fält som utelämnas behålls',
      params: Strict({ unitId: Uuid }),
      body: Strict({
        mandate: Type.Optional(Type.String({ maxLength: 4000 })),
        offers: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
        // Checked by the use case, so that an unknown law is one problem naming its place, not one per allowed law.
        laws: Type.Optional(Type.Array(Type.String({ maxLength: 20, description: LAWS.join(', ') }), { maxItems: 20 })),
        whoMayInitiate: Type.Optional(Type.String({ maxLength: 2000 })),
        phone: OptionalText(40), email: OptionalText(254), address: OptionalText(400), hours: OptionalText(400),
      }) },
  }, async (request, reply) => {
    const result = await updateUnitProfile(api.ctx, {
      actor: await api.actor(request), unitId: (request.params as { unitId: string }).unitId, version: ifMatch(request), profile: request.body as never,
    });
    setEtag(reply, result.version);
    return result;
  });
}
