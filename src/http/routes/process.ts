import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { DateTime, Day, OptionalText, PlanParams, Strict, Uuid } from '../schemas.ts';
import { recordConsent } from '../../services/consents/record-consent.ts';
import { withdrawConsent } from '../../services/consents/withdraw-consent.ts';
import { sendInvitation } from '../../services/invitations/send-invitation.ts';
import { answerInvitation } from '../../services/invitations/answer-invitation.ts';
import { changeInvitation } from '../../services/invitations/change-invitation.ts';
import { cancelInvitation } from '../../services/invitations/cancel-invitation.ts';
import { completeMapping } from '../../services/mapping/complete-mapping.ts';
import { recordMeeting } from '../../services/meetings/record-meeting.ts';

const planId = (request: { params: unknown }) => (request.params as { planId: string }).planId;
const OptionalUuid = Type.Optional(Type.Union([Uuid, Type.Null()]));

export async function processRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.post('/plans/:planId/consents', {
    schema: {
      tags: ['process'], summary: 'Registrera samtycke (muntligt eller skriftligt)', params: PlanParams,
      body: Strict({
        form: Type.Union([Type.Literal('oral'), Type.Literal('written')]), givenOn: Day, validFrom: Day, validUntil: Day, excludes: OptionalText(2000),
        givers: Type.Array(Strict({ personId: Uuid, role: Type.Union([Type.Literal('guardian'), Type.Literal('child')]),
          stance: Type.Union([Type.Literal('consents'), Type.Literal('refuses')]), refusalReason: OptionalText(2000) }), { maxItems: 6 }),
        unitIds: Type.Array(Uuid, { maxItems: 30 }),
      }),
    },
  }, async (request, reply) => {
    const result = await recordConsent(api.ctx, { actor: await api.actor(request), planId: planId(request), consent: request.body as never });
    setEtag(reply, 1);
    return reply.status(201).send(result);
  });

  app.post('/plans/:planId/consents/:consentId/withdraw', {
    schema: { tags: ['process'], summary: 'Återkalla samtycke (gäller omedelbart; If-Match)', params: Strict({ planId: Uuid, consentId: Uuid }), body: Type.Optional(Strict({ note: OptionalText(2000) })) },
  }, async (request, reply) => {
    const result = await withdrawConsent(api.ctx, { actor: await api.actor(request), planId: planId(request), consentId: (request.params as { consentId: string }).consentId, version: ifMatch(request), note: (request.body as { note?: string } | undefined)?.note ?? null });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/invitations', {
    schema: {
      tags: ['process'], summary: 'Skicka kallelse (If-Match). 422 listar det som saknas.', params: PlanParams,
      body: Strict({
        purpose: OptionalText(2000), question: OptionalText(2000), startsAt: Type.Optional(Type.Union([DateTime, Type.Null()])), endsAt: Type.Optional(Type.Union([DateTime, Type.Null()])),
        place: OptionalText(300), videoLink: OptionalText(500), meetingLeaderId: OptionalUuid, noteTakerId: OptionalUuid,
        invitees: Type.Array(Type.Union([Strict({ unitId: Uuid, staffId: OptionalUuid }), Strict({ personId: Uuid })]), { maxItems: 40 }),
      }),
    },
  }, async (request, reply) => {
    const result = await sendInvitation(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request), invitation: request.body as never });
    setEtag(reply, result.planVersion);
    return reply.status(201).send(result);
  });

  app.patch('/plans/:planId/invitations/:invitationId', {
    schema: {
      tags: ['process'], summary: 'Flytta en kallelse: ny tid, plats eller videolänk (If-Match: kallelsens version). De kallade får en uppdaterad kalenderfil.',
      params: Strict({ planId: Uuid, invitationId: Uuid }),
      body: Strict({ startsAt: Type.Optional(DateTime), endsAt: Type.Optional(DateTime), place: OptionalText(300), videoLink: OptionalText(500) }),
    },
  }, async (request, reply) => {
    const result = await changeInvitation(api.ctx, { actor: await api.actor(request), planId: planId(request), invitationId: (request.params as { invitationId: string }).invitationId, version: ifMatch(request), change: request.body as never });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/invitations/:invitationId/cancel', {
    schema: { tags: ['process'], summary: 'Ställ in en kallelse (If-Match: kallelsens version). De kallade får en kalenderfil som tar bort mötet.', params: Strict({ planId: Uuid, invitationId: Uuid }) },
  }, async (request, reply) => {
    const result = await cancelInvitation(api.ctx, { actor: await api.actor(request), planId: planId(request), invitationId: (request.params as { invitationId: string }).invitationId, version: ifMatch(request) });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/invitations/:invitationId/answer', {
    schema: {
      tags: ['process'], summary: 'Svara på kallelse för din verksamhet (If-Match: svarets version)', params: Strict({ planId: Uuid, invitationId: Uuid }),
      body: Strict({ answer: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]), reason: OptionalText(2000) }),
    },
  }, async (request, reply) => {
    const body = request.body as { answer: 'accepted' | 'declined'; reason?: string | null };
    const result = await answerInvitation(api.ctx, { actor: await api.actor(request), planId: planId(request), invitationId: (request.params as { invitationId: string }).invitationId, version: ifMatch(request), ...body });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/mapping/complete', {
    schema: { tags: ['process'], summary: 'Kartläggningen är klar (If-Match)', params: PlanParams },
  }, async (request, reply) => {
    const result = await completeMapping(api.ctx, { actor: await api.actor(request), planId: planId(request), version: ifMatch(request) });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/plans/:planId/meetings', {
    schema: {
      tags: ['process'], summary: 'Registrera ett hållet SIP-möte', params: PlanParams,
      body: Strict({
        invitationId: OptionalUuid, kind: Type.Union([Type.Literal('first'), Type.Literal('follow_up')]), heldAt: DateTime,
        byVideo: Type.Optional(Type.Boolean()), childPresent: Type.Boolean(), notes: OptionalText(8000),
        attendance: Type.Array(Strict({ unitId: OptionalUuid, staffId: OptionalUuid, personId: OptionalUuid, name: OptionalText(200) }), { maxItems: 60 }),
      }),
    },
  }, async (request, reply) => {
    return reply.status(201).send(await recordMeeting(api.ctx, { actor: await api.actor(request), planId: planId(request), meeting: request.body as never }));
  });

}
