import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { Day, OptionalText, PlanParams, Strict, Text, Uuid } from '../schemas.ts';
import { LIFE_AREAS } from '../../services/mapping/add-need.ts';
import { addNeed } from '../../services/mapping/add-need.ts';
import { updateNeed } from '../../services/mapping/update-need.ts';
import { addGoal } from '../../services/goals/add-goal.ts';
import { updateGoal } from '../../services/goals/update-goal.ts';
import { addIntervention } from '../../services/interventions/add-intervention.ts';
import { updateIntervention } from '../../services/interventions/update-intervention.ts';
import { reportActivity } from '../../services/interventions/report-activity.ts';
import { addMeasure } from '../../services/measures/add-measure.ts';
import { updateMeasure } from '../../services/measures/update-measure.ts';

const planId = (request: { params: unknown }) => (request.params as { planId: string }).planId;
const param = (request: { params: unknown }, name: string) => (request.params as Record<string, string>)[name]!;
const LifeArea = Type.Union(LIFE_AREAS.map((a) => Type.Literal(a)));
const Status = Type.Union([Type.Literal('planned'), Type.Literal('ongoing'), Type.Literal('done'), Type.Literal('cancelled')]);
const OptionalUuid = Type.Optional(Type.Union([Uuid, Type.Null()]));

export async function contentRoutes(app: FastifyInstance, api: Api): Promise<void> {
  /** POST creates (201 with ETag "1"); PATCH edits with If-Match and answers the new ETag. */
  const created = (reply: import('fastify').FastifyReply, r: { id: string; version: number }) => { setEtag(reply, r.version); return reply.status(201).send(r); };
  const edited = (reply: import('fastify').FastifyReply, r: { version: number }) => { setEtag(reply, r.version); return r; };

  app.post('/plans/:planId/needs', {
    schema: { tags: ['content'], summary: 'Kartlägg ett behov per livsområde', params: PlanParams,
      body: Strict({ lifeArea: LifeArea, description: Text(4000), familyView: OptionalText(4000), childView: OptionalText(4000) }) },
  }, async (request, reply) => created(reply, await addNeed(api.ctx, { actor: await api.actor(request), planId: planId(request), need: request.body as never })));

  app.patch('/plans/:planId/needs/:needId', {
    schema: { tags: ['content'], summary: 'Ändra ett behov (If-Match)', params: Strict({ planId: Uuid, needId: Uuid }),
      body: Strict({ lifeArea: Type.Optional(LifeArea), description: Type.Optional(Text(4000)), familyView: OptionalText(4000), childView: OptionalText(4000), removed: Type.Optional(Type.Boolean()) }) },
  }, async (request, reply) => edited(reply, await updateNeed(api.ctx, { actor: await api.actor(request), planId: planId(request), needId: param(request, 'needId'), version: ifMatch(request), patch: request.body as never })));

  app.post('/plans/:planId/goals', {
    schema: { tags: ['content'], summary: 'Lägg till ett mål (med barnets egna ord)', params: PlanParams,
      body: Strict({ needId: OptionalUuid, professionalWording: Text(4000), childWords: OptionalText(4000) }) },
  }, async (request, reply) => created(reply, await addGoal(api.ctx, { actor: await api.actor(request), planId: planId(request), goal: request.body as never })));

  app.patch('/plans/:planId/goals/:goalId', {
    schema: { tags: ['content'], summary: 'Ändra ett mål (If-Match)', params: Strict({ planId: Uuid, goalId: Uuid }),
      body: Strict({ needId: OptionalUuid, professionalWording: Type.Optional(Text(4000)), childWords: OptionalText(4000), removed: Type.Optional(Type.Boolean()) }) },
  }, async (request, reply) => edited(reply, await updateGoal(api.ctx, { actor: await api.actor(request), planId: planId(request), goalId: param(request, 'goalId'), version: ifMatch(request), patch: request.body as never })));

  app.post('/plans/:planId/interventions', {
    schema: { tags: ['content'], summary: 'Lägg till en insats med ansvarig huvudman, verksamhet och person', params: PlanParams,
      body: Strict({ goalId: OptionalUuid, description: Text(4000), unitId: Uuid, responsibleStaffId: Uuid, startsOn: Day, dueOn: Day }) },
  }, async (request, reply) => created(reply, await addIntervention(api.ctx, { actor: await api.actor(request), planId: planId(request), intervention: request.body as never })));

  app.patch('/plans/:planId/interventions/:interventionId', {
    schema: { tags: ['content'], summary: 'Ändra en insats (If-Match)', params: Strict({ planId: Uuid, interventionId: Uuid }),
      body: Strict({ description: Type.Optional(Text(4000)), unitId: Type.Optional(Uuid), responsibleStaffId: Type.Optional(Uuid), startsOn: Type.Optional(Day), dueOn: Type.Optional(Day), status: Type.Optional(Status) }) },
  }, async (request, reply) => edited(reply, await updateIntervention(api.ctx, { actor: await api.actor(request), planId: planId(request), interventionId: param(request, 'interventionId'), version: ifMatch(request), patch: request.body as never })));

  app.post('/plans/:planId/interventions/:interventionId/reports', {
    schema: { tags: ['content'], summary: 'Aktivitetsuppföljning: rapportera hur insatsen går', params: Strict({ planId: Uuid, interventionId: Uuid }),
      body: Strict({ status: Status, note: Text(4000) }) },
  }, async (request, reply) => {
    const r = await reportActivity(api.ctx, { actor: await api.actor(request), planId: planId(request), interventionId: param(request, 'interventionId'), report: request.body as never });
    setEtag(reply, r.interventionVersion);
    return reply.status(201).send(r);
  });

  app.post('/plans/:planId/measures', {
    schema: { tags: ['content'], summary: 'Åtgärd av annan än kommun och region', params: PlanParams, body: Strict({ actor: Text(200), description: Text(4000) }) },
  }, async (request, reply) => created(reply, await addMeasure(api.ctx, { actor: await api.actor(request), planId: planId(request), measure: request.body as never })));

  app.patch('/plans/:planId/measures/:measureId', {
    schema: { tags: ['content'], summary: 'Ändra eller ta bort en åtgärd av annan (If-Match)', params: Strict({ planId: Uuid, measureId: Uuid }),
      body: Strict({ actor: Type.Optional(Text(200)), description: Type.Optional(Text(4000)), removed: Type.Optional(Type.Boolean()) }) },
  }, async (request, reply) => edited(reply, await updateMeasure(api.ctx, { actor: await api.actor(request), planId: planId(request), measureId: param(request, 'measureId'), version: ifMatch(request), patch: request.body as never })));

}
