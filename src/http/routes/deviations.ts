import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { Day, Strict, Uuid } from '../schemas.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { reportDeviation } from '../../services/deviations/report-deviation.ts';
import { listDeviations, DEVIATION_SCOPES } from '../../services/deviations/list-deviations.ts';
import { getDeviation } from '../../services/deviations/get-deviation.ts';
import { changeDeviationStatus } from '../../services/deviations/change-deviation-status.ts';
import { addDeviationMeasure, updateDeviationMeasure } from '../../services/deviations/deviation-measures.ts';
import { DEVIATION_EVENTS } from '../../domain/deviation-lifecycle.ts';

const Params = Strict({ deviationId: Uuid });
const id = (request: FastifyRequest) => (request.params as { deviationId: string }).deviationId;
const edited = <T extends { version: number }>(reply: FastifyReply, r: T, version = r.version) => { setEtag(reply, version); return r; };

/** Deviations in cooperation (avvikelser, SIP.md §5; issue 7 item 5). */
export async function deviationRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.post('/deviations', {
    schema: {
      tags: ['deviations'], summary: 'Rapportera en avvikelse i samverkan, om en plan eller allmänt; de berörda verksamheternas närmaste chefer får den',
      // Lengths and dates are checked by the use case, which names each field in Swedish.
      body: Strict({
        planId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        title: Type.String({ maxLength: 1000 }),
        description: Type.String({ maxLength: 10000 }),
        occurredOn: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
        unitIds: Type.Array(Uuid, { maxItems: 50 }),
      }),
    },
  }, async (request, reply) => {
    const r = await reportDeviation(api.ctx, { actor: await api.actor(request), input: request.body as never });
    setEtag(reply, r.version);
    return reply.status(201).send(r);
  });

  app.get('/deviations', {
    schema: { tags: ['deviations'], summary: 'Avvikelser: som jag rapporterat, som min verksamhet berörs av (chef), som lyfts till min styrgrupp, där jag äger en åtgärd', querystring: Strict({ scope: Type.Union(DEVIATION_SCOPES.map((s) => Type.Literal(s))) }) },
  }, async (request) => listDeviations(api.ctx, { actor: await api.actor(request), scope: (request.query as { scope: string }).scope }));

  app.get('/deviations/:deviationId', {
    schema: { tags: ['deviations'], summary: 'En avvikelse med åtgärder och historik; ETag är dess version', params: Params },
  }, async (request, reply) => {
    const r = await getDeviation(api.ctx, { actor: await api.actor(request), deviationId: id(request) });
    return edited(reply, r);
  });

  app.post('/deviations/:deviationId/status', {
    schema: {
      tags: ['deviations'], summary: 'Nästa steg: utred, besluta åtgärder, avsluta, eller lyft till styrgruppen (If-Match)', params: Params,
      body: Strict({ event: Type.Union(DEVIATION_EVENTS.map((e) => Type.Literal(e))), note: Type.Optional(Type.Union([Type.String({ maxLength: 10000 }), Type.Null()])) }),
    },
  }, async (request, reply) => {
    const body = request.body as { event: (typeof DEVIATION_EVENTS)[number]; note?: string | null };
    return edited(reply, await changeDeviationStatus(api.ctx, { actor: await api.actor(request), deviationId: id(request), version: ifMatch(request), event: body.event, note: body.note }));
  });

  app.post('/deviations/:deviationId/measures', {
    schema: {
      tags: ['deviations'], summary: 'En åtgärd med ansvarig och datum (If-Match: avvikelsens version)', params: Params,
      body: Strict({ description: Type.String({ maxLength: 10000 }), ownerStaffId: Uuid, dueOn: Type.String({ maxLength: 20 }) }),
    },
  }, async (request, reply) => {
    const r = await addDeviationMeasure(api.ctx, { actor: await api.actor(request), deviationId: id(request), version: ifMatch(request), input: request.body as never });
    setEtag(reply, r.deviationVersion);
    return reply.status(201).send(r);
  });

  app.patch('/deviations/:deviationId/measures/:measureId', {
    schema: { tags: ['deviations'], summary: 'Markera en åtgärd som klar (If-Match: åtgärdens version)', params: Strict({ deviationId: Uuid, measureId: Uuid }), body: Strict({ doneOn: Type.Union([Day, Type.Null()]) }) },
  }, async (request, reply) => {
    const p = request.params as { deviationId: string; measureId: string };
    return edited(reply, await updateDeviationMeasure(api.ctx, { actor: await api.actor(request), deviationId: p.deviationId, measureId: p.measureId, version: ifMatch(request), patch: request.body as { doneOn: string | null } }));
  });
}
