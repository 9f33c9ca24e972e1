import type { FastifyInstance } from 'fastify';
import type { Api } from '../app.ts';
import { PlanParams } from '../schemas.ts';
import { getTimeline } from '../../services/plans/get-timeline.ts';
import { printPlan } from '../../services/plans/render-plan-pdf.ts';

const planId = (request: { params: unknown }) => (request.params as { planId: string }).planId;

export async function documentRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/plans/:planId/timeline', {
    schema: { tags: ['plans'], summary: 'Tidslinje: varje ändring av planen, vem, för vilken verksamhet och när', params: PlanParams },
  }, async (request) => {
    return getTimeline(api.ctx, { actor: await api.actor(request), planId: planId(request) });
  });

  app.get('/plans/:planId/pdf', {
    schema: { tags: ['plans'], summary: 'Planen som PDF för barnet och familjen (klarspråk)', params: PlanParams },
  }, async (request, reply) => {
    const { filename, pdf } = await printPlan(api.ctx, { actor: await api.actor(request), planId: planId(request) });
    // Personal data: never kept by a browser or proxy cache.
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .header('Cache-Control', 'no-store')
      .send(pdf);
  });
}
