import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { Strict, Uuid } from '../schemas.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/notifications.ts';
import { listNotifications } from '../../services/notifications/list-notifications.ts';
import { countUnread } from '../../services/notifications/count-unread.ts';
import { markAllNotificationsRead, markNotificationRead } from '../../services/notifications/mark-notification-read.ts';
import { getNotificationPreferences, setNotificationPreferences } from '../../services/notifications/notification-preferences.ts';
import { handoverRoutes } from './handover.ts';

const EmailChoices = Strict(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Type.Boolean()])) as Record<NotificationKind, ReturnType<typeof Type.Boolean>>);

/**
 * The inbox and the email choices, and with them the hand-over queue (./handover.ts): what keeps
 * a plan from falling between the chairs is mounted from this one place in app.ts.
 */
export async function notificationRoutes(app: FastifyInstance, api: Api): Promise<void> {
  await handoverRoutes(app, api);

  app.get('/notifications', {
    schema: {
      tags: ['notifications'], summary: 'Inkorgen: dina aviseringar, nyaste först, och antalet olästa',
      querystring: Strict({
        unread: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
        limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$' })),
        before: Type.Optional(Uuid),
      }),
    },
  }, async (request) => {
    const q = request.query as { unread?: string; limit?: string; before?: string };
    return listNotifications(api.ctx, { actor: await api.actor(request), unreadOnly: q.unread === 'true', limit: Number(q.limit ?? 50), before: q.before });
  });

  app.get('/notifications/unread-count', {
    schema: { tags: ['notifications'], summary: 'Antalet olästa aviseringar (siffran i sidhuvudet)' },
  }, async (request) => countUnread(api.ctx, { actor: await api.actor(request) }));

  app.post('/notifications/:notificationId/read', {
    schema: { tags: ['notifications'], summary: 'Markera en avisering som läst', params: Strict({ notificationId: Uuid }) },
  }, async (request) => {
    return markNotificationRead(api.ctx, { actor: await api.actor(request), notificationId: (request.params as { notificationId: string }).notificationId });
  });

  app.post('/notifications/read-all', {
    schema: { tags: ['notifications'], summary: 'Markera alla dina aviseringar som lästa' },
  }, async (request) => {
    return markAllNotificationsRead(api.ctx, { actor: await api.actor(request) });
  });

  app.get('/notifications/preferences', {
    schema: { tags: ['notifications'], summary: 'Vilka aviseringar som också kommer med e-post (inkorgen har alltid alla)' },
  }, async (request, reply) => {
    const prefs = await getNotificationPreferences(api.ctx, { actor: await api.actor(request) });
    setEtag(reply, prefs.version);
    return prefs;
  });

  app.put('/notifications/preferences', {
    schema: { tags: ['notifications'], summary: 'Välj vilka aviseringar som kommer med e-post (If-Match)', body: Strict({ email: EmailChoices }) },
  }, async (request, reply) => {
    const prefs = await setNotificationPreferences(api.ctx, { actor: await api.actor(request), version: ifMatch(request), email: (request.body as { email: Record<NotificationKind, boolean> }).email });
    setEtag(reply, prefs.version);
    return prefs;
  });
}
