import type { FastifyInstance } from 'fastify';
import type { Api } from '../app.ts';
import { Strict, Uuid } from '../schemas.ts';
import { listHandover } from '../../services/handover/list-handover.ts';
import { assignHandover } from '../../services/handover/assign-handover.ts';
import { leaveUnit } from '../../services/handover/leave-unit.ts';

/** Continuity when staff leave (issue 6 item 4): the manager's hand-over queue. */
export async function handoverRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/handover', {
    schema: { tags: ['notifications'], summary: 'Överlämningskön: planer och insatser som någon som slutat lämnat efter sig (chef)' },
  }, async (request) => listHandover(api.ctx, { actor: await api.actor(request) }));

  app.post('/handover/:itemId/assign', {
    schema: { tags: ['notifications'], summary: 'Utse vem som tar över (chef). De andra deltagarna får veta vem som är ny samordnare.', params: Strict({ itemId: Uuid }), body: Strict({ staffId: Uuid }) },
  }, async (request) => assignHandover(api.ctx, { actor: await api.actor(request), itemId: (request.params as { itemId: string }).itemId, staffId: (request.body as { staffId: string }).staffId }));

  app.post('/units/:unitId/staff/:staffId/leave', {
    schema: { tags: ['notifications'], summary: 'En medarbetare har lämnat verksamheten (chef): planerna går till överlämningskön', params: Strict({ unitId: Uuid, staffId: Uuid }) },
  }, async (request) => {
    const p = request.params as { unitId: string; staffId: string };
    return leaveUnit(api.ctx, { actor: await api.actor(request), unitId: p.unitId, staffId: p.staffId });
  });
}
