import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { IdentityNumber, OptionalText, Strict, Text, Uuid, DateTime } from '../schemas.ts';
import { findPerson } from '../../services/persons/find-person.ts';
import { registerPerson, type PersonInput } from '../../services/persons/register-person.ts';
import { getLogExtract } from '../../services/persons/get-log-extract.ts';
import { notFound } from '../../services/errors.ts';

const Person = Strict({
  identityNumber: IdentityNumber, givenName: Text(100), familyName: Text(100), protectedIdentity: Type.Optional(Type.Boolean()),
  address: OptionalText(300), phone: OptionalText(40), email: OptionalText(200),
});

export async function personRoutes(app: FastifyInstance, api: Api): Promise<void> {
  // POST, not GET: an identity number never travels in a URL.
  app.post('/persons/lookup', { schema: { tags: ['persons'], summary: 'Hitta ett registrerat barn med personnummer', body: Strict({ identityNumber: IdentityNumber }) } }, async (request) => {
    const actor = await api.actor(request);
    const found = await findPerson(api.ctx, { actor, identityNumber: (request.body as { identityNumber: string }).identityNumber });
    if (!found) throw notFound();
    return found;
  });

  app.post('/persons', { schema: { tags: ['persons'], summary: 'Registrera ett barn och dess vårdnadshavare', body: Strict({ person: Person, guardians: Type.Optional(Type.Array(Person, { maxItems: 4 })) }) } }, async (request, reply) => {
    const actor = await api.actor(request);
    const body = request.body as { person: PersonInput; guardians?: PersonInput[] };
    const result = await registerPerson(api.ctx, { actor, person: body.person, guardians: body.guardians ?? [] });
    return reply.status(201).send(result);
  });

  app.get('/persons/:personId/log-extract', {
    schema: { tags: ['persons'], summary: 'Loggutdrag: vem har läst eller ändrat personens uppgifter', params: Strict({ personId: Uuid }),
      querystring: Strict({ from: Type.Optional(DateTime), to: Type.Optional(DateTime) }) },
  }, async (request) => {
    const actor = await api.actor(request);
    const q = request.query as { from?: string; to?: string };
    return getLogExtract(api.ctx, { actor, personId: (request.params as { personId: string }).personId, ...q });
  });
}
