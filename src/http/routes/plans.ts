import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { Day, OptionalText, PlanParams, Strict, Text, Uuid } from '../schemas.ts';
import { PLAN_STATES, type PlanState } from '../../domain/plan-lifecycle.ts';
import { CLOSURE_REASONS } from '../../domain/plan-guards.ts';
import { listPlans } from '../../services/plans/list-plans.ts';
import { initiatePlan } from '../../services/plans/initiate-plan.ts';
import { getPlan } from '../../services/plans/get-plan.ts';
import { updatePlan } from '../../services/plans/update-plan.ts';
import { addParticipant } from '../../services/plans/add-participant.ts';
import { removeParticipant } from '../../services/plans/remove-participant.ts';
import { establishPlan } from '../../services/plans/establish-plan.ts';
import { followUpPlan } from '../../services/plans/follow-up-plan.ts';
import { evaluatePlan } from '../../services/plans/evaluate-plan.ts';
import { closePlan } from '../../services/plans/close-plan.ts';
import { cancelPlan } from '../../services/plans/cancel-plan.ts';
import { getPlanVersion } from '../../services/plans/get-plan-version.ts';
import { getWorklist } from '../../services/plans/get-worklist.ts';

const planId = (request: { params: unknown }) => (request.params as { planId: string }).planId;

export async function planRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/worklist', { schema: { tags: ['plans'], summary: 'Att göra: kallelser, uppföljningar, försenade insatser, utkast, mina planer' } }, async (request) => {
    return getWorklist(api.ctx, { actor: await api.actor(request) });
  });

  app.get('/plans', {
    schema: {
      tags: ['plans'], summary: 'Sök bland planer du har tillgång till',
      querystring: Strict({
        q: Type.Optional(Type.String({ maxLength: 100 })),
        state: Type.Optional(Type.Union(PLAN_STATES.map((s) => Type.Literal(s)))),
        page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
        pageSize: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$' })),
      }),
    },
  }, async (request) => {
    const q = request.query as { q?: string; state?: PlanState; page?: string; pageSize?: string };
    return listPlans(api.ctx, { actor: await api.actor(request), query: q.q, state: q.state, page: Number(q.page ?? 1), pageSize: Number(q.pageSize ?? 50) } as Parameters<typeof listPlans>[1]);
  });

  app.post('/plans', {
    schema: { tags: ['plans'], summary: 'Starta en SIP (initiera)', body: Strict({ childId: Uuid, reason: Text(2000), unitIds: Type.Optional(Type.Array(Uuid, { maxItems: 30 })) }) },
  }, async (request, reply) => {
    const body = request.body as { childId: string; reason: string; unitIds?: string[] };
    const result = await initiatePlan(api.ctx, { actor: await api.actor(request), ...body });
    setEtag(reply, result.version);
    return reply.status(201).header('Location', `/api/plans/${result.id}`).send(result);
  });

  app.get('/plans/:planId', { schema: { tags: ['plans'], summary: 'Hela planen', params: PlanParams } }, async (request, reply) => {
    const plan = await getPlan(api.ctx, { actor: await api.actor(request), planId: planId(request) });
    setEtag(reply, plan.version);
    return reply.type('application/json; charset=utf-8').send(plan.json);
  });

  app.patch('/plans/:planId', {
    schema: {
      tags: ['plans'], summary: 'Ändra samordnare, övergripande ansvar, nästa uppföljning (If-Match)', params: PlanParams,
      body: Strict({
        reason: Type.Optional(Text(2000)),
        coordinator: Type.Optional(Type.Union([Strict({ staffId: Uuid, unitId: Uuid }), Type.Null()])),
        overallPrincipalId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        nextFollowUpOn: Type.Optional(Type.Union([Day, Type.Null()])),
        noMeasuresByOthers: Type.Optional(Type.Boolean()),
      }, ),
    },
  }, async (request, reply) => {
    const result = await updatePlan(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request), patch: request.body as never });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/participants', {
    schema: {
      tags: ['plans'], summary: 'Lägg till en deltagande verksamhet eller närstående', params: PlanParams,
      body: Type.Union([
        Strict({ kind: Type.Literal('unit'), unitId: Uuid, staffId: Type.Optional(Type.Union([Uuid, Type.Null()])) }),
        Strict({ kind: Type.Union([Type.Literal('relative'), Type.Literal('other')]), name: Text(200), roleNote: OptionalText(200) }),
      ]),
    },
  }, async (request, reply) => {
    const result = await addParticipant(api.ctx, { actor: await api.actor(request), planId: planId(request), participant: request.body as never });
    return reply.status(201).send(result);
  });

  app.delete('/plans/:planId/participants/:participantId', {
    schema: { tags: ['plans'], summary: 'Avsluta ett deltagande', params: Strict({ planId: Uuid, participantId: Uuid }) },
  }, async (request, reply) => {
    await removeParticipant(api.ctx, { actor: await api.actor(request), planId: planId(request), participantId: (request.params as { participantId: string }).participantId });
    return reply.status(204).send();
  });

  app.post('/plans/:planId/establish', {
    schema: { tags: ['plans'], summary: 'Upprätta planen (If-Match). 422 listar det som saknas enligt SoL 2 kap 7 §.', params: PlanParams },
  }, async (request, reply) => {
    const result = await establishPlan(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request) });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/follow-ups', {
    schema: {
      tags: ['plans'], summary: 'Uppföljning: revidera planen till en ny version (If-Match)', params: PlanParams,
      body: Strict({ heldOn: Day, meetingId: Type.Optional(Type.Union([Uuid, Type.Null()])), note: OptionalText(4000), nextFollowUpOn: Day }),
    },
  }, async (request, reply) => {
    const result = await followUpPlan(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request), followUp: request.body as never });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/evaluations', {
    schema: {
      tags: ['plans'], summary: 'Utvärdera planen mål för mål (If-Match)', params: PlanParams,
      body: Strict({
        final: Type.Boolean(),
        evaluations: Type.Array(Strict({
          goalId: Uuid, outcome: Type.Union([Type.Literal('reached'), Type.Literal('partly_reached'), Type.Literal('not_reached')]),
          comment: OptionalText(4000), childView: OptionalText(4000), guardianView: OptionalText(4000),
        }), { minItems: 1, maxItems: 100 }),
      }),
    },
  }, async (request, reply) => {
    const body = request.body as { final: boolean; evaluations: never[] };
    const result = await evaluatePlan(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request), ...body });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/close', {
    schema: {
      tags: ['plans'], summary: 'Avsluta planen med skäl (If-Match)', params: PlanParams,
      body: Strict({ reason: Type.Union(CLOSURE_REASONS.map((r) => Type.Literal(r))), note: OptionalText(4000) }),
    },
  }, async (request, reply) => {
    const body = request.body as { reason: string; note?: string | null };
    const result = await closePlan(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request), ...body });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/cancel', {
    schema: { tags: ['plans'], summary: 'Avbryt planen med skäl (If-Match)', params: PlanParams, body: Strict({ reason: Text(2000) }) },
  }, async (request, reply) => {
    const result = await cancelPlan(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request), reason: (request.body as { reason: string }).reason });
    setEtag(reply, result.version);
    return result;
  });

  app.get('/plans/:planId/versions/:versionNo', {
    schema: { tags: ['plans'], summary: 'En fastställd version av planen', params: Strict({ planId: Uuid, versionNo: Type.String({ pattern: '^[1-9][0-9]{0,4}$' }) }) },
  }, async (request) => {
    return getPlanVersion(api.ctx, { actor: await api.actor(request), planId: planId(request), versionNo: Number((request.params as { versionNo: string }).versionNo) });
  });
}
