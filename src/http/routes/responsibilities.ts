import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { Strict, Text, Uuid } from '../schemas.ts';
import { UNIT_KINDS } from '../../domain/organisation.ts';
import { LIFE_AREAS, type LifeArea } from '../../services/mapping/add-need.ts';
import { listResponsibilities } from '../../services/responsibilities/list-responsibilities.ts';
import { addResponsibility } from '../../services/responsibilities/add-responsibility.ts';
import { updateResponsibility } from '../../services/responsibilities/update-responsibility.ts';

const LifeArea = Type.Union(LIFE_AREAS.map((a) => Type.Literal(a)));
const Nullable = <T extends ReturnType<typeof Type.Union>>(t: T) => Type.Union([t, Type.Null()]);
const UnitKind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const PrincipalKind = Type.Union([Type.Literal('region'), Type.Literal('municipality')]);
const Anchor = Type.Union([Type.String({ maxLength: 80 }), Type.Null()]);

/**
 * The responsibility guide (decision 0009): which principal answers for which need, as the
 * agreements say, each entry naming its source down to the paragraph. Read by any staff member;
 * kept by the admins of the principals that signed the source.
 */
export async function responsibilityRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/responsibilities', {
    schema: { tags: ['directory'], summary: 'Ansvarsguiden: vilken huvudman som ansvarar för ett behov, enligt överenskommelserna',
      querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 200, description: 'Behov eller insats på svenska' })), lifeArea: Type.Optional(LifeArea) }) },
  }, async (request) => {
    const { q, lifeArea } = request.query as { q?: string; lifeArea?: LifeArea };
    return listResponsibilities(api.ctx, { actor: await api.actor(request), q, lifeArea });
  });

  app.post('/responsibilities', {
    schema: { tags: ['directory'], summary: 'Lägg till ett behov i ansvarsguiden (administratör hos en huvudman som skrivit under källan)',
      body: Strict({
        need: Text(200), keywords: Type.Optional(Type.String({ maxLength: 1000 })), lifeArea: Type.Optional(Nullable(LifeArea)),
        principalKind: PrincipalKind, unitKind: Type.Optional(Nullable(UnitKind)), responsibility: Text(2000),
        documentId: Uuid, anchor: Type.Optional(Anchor),
      }) },
  }, async (request, reply) => {
    const result = await addResponsibility(api.ctx, { actor: await api.actor(request), entry: request.body as never });
    setEtag(reply, result.version);
    return reply.status(201).send(result);
  });

  app.put('/responsibilities/:id', {
    schema: { tags: ['directory'], summary: 'Ändra ett behov i ansvarsguiden (If-Match); fält som utelämnas behålls', params: Strict({ id: Uuid }),
      body: Strict({
        need: Type.Optional(Text(200)), keywords: Type.Optional(Type.String({ maxLength: 1000 })), lifeArea: Type.Optional(Nullable(LifeArea)),
        principalKind: Type.Optional(PrincipalKind), unitKind: Type.Optional(Nullable(UnitKind)), responsibility: Type.Optional(Text(2000)),
        documentId: Type.Optional(Uuid), anchor: Type.Optional(Anchor),
      }) },
  }, async (request, reply) => {
    const result = await updateResponsibility(api.ctx, {
      actor: await api.actor(request), id: (request.params as { id: string }).id, version: ifMatch(request), entry: request.body as never,
    });
    setEtag(reply, result.version);
    return result;
  });
}
