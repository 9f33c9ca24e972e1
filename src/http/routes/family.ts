/**
 * The family's own view (issue 5): a guardian or a young person signed in with BankID reads and
 * answers their plan under /api/family. Access is decided by src/access/citizen-access.ts; a plan
 * the citizen may not see answers 404, like one that does not exist. State changes carry the
 * CSRF token (the onRequest hook in app.ts checks it before anything else).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { OptionalText, PlanParams, Strict, Text, Uuid } from '../schemas.ts';
import { requireSession } from '../session.ts';
import { ServiceError } from '../../services/errors.ts';
import type { Citizen } from '../../access/citizen-access.ts';
import { listFamilyPlans } from '../../services/family/list-family-plans.ts';
import { getFamilyPlan } from '../../services/family/get-family-plan.ts';
import { writeChildVoice, type VoiceKind } from '../../services/family/write-child-voice.ts';
import { answerFamilyInvitation } from '../../services/family/answer-family-invitation.ts';
import { familyCalendar } from '../../services/family/family-calendar.ts';
import { approvePlanVersion } from '../../services/family/approve-plan-version.ts';
import { narrowFamilyConsent, withdrawAllFamilyConsents, withdrawFamilyConsent } from '../../services/family/change-family-consent.ts';
import { giveFamilyConsent } from '../../services/family/give-family-consent.ts';
import { getFamilyAccessLog } from '../../services/family/get-family-access-log.ts';
import { answerMeetingSurvey } from '../../services/family/answer-meeting-survey.ts';
import { setYoungPersonAccess } from '../../services/family/set-young-person-access.ts';

const planId = (request: { params: unknown }) => (request.params as { planId: string }).planId;
const Score = Type.Integer({ minimum: 1, maximum: 5 });

export async function familyRoutes(app: FastifyInstance, api: Api): Promise<void> {
  const citizen = async (request: FastifyRequest): Promise<Citizen> => {
    const s = await requireSession(api.ctx, api.sessionPolicy, request);
    if (s.kind !== 'citizen') throw new ServiceError(403, 'not_citizen', 'Den här delen av Samplan är för barnet och vårdnadshavarna.');
    return { name: s.displayName, personRefs: s.personRefs, networkAddress: request.ip };
  };

  app.get('/family/plans', { schema: { tags: ['family'], summary: 'Familjens planer: barnen i din vård, eller din egen plan' } }, async (request) => {
    return listFamilyPlans(api.ctx, await citizen(request));
  });

  app.get('/family/plans/:planId', { schema: { tags: ['family'], summary: 'Planen i klarspråk för familjen', params: PlanParams } }, async (request) => {
    return getFamilyPlan(api.ctx, await citizen(request), planId(request));
  });

  app.put('/family/plans/:planId/voice/:kind', {
    schema: { tags: ['family'], summary: 'Barnets röst: mina mål eller det här är viktigt för mig (If-Match: textens version, "0" för en ny)',
      params: Strict({ planId: Uuid, kind: Type.Union([Type.Literal('my_goals'), Type.Literal('what_matters')]) }), body: Strict({ text: Text(4000) }) },
  }, async (request, reply) => {
    const { kind } = request.params as { kind: VoiceKind };
    const result = await writeChildVoice(api.ctx, await citizen(request), { planId: planId(request), kind, text: (request.body as { text: string }).text, version: ifMatch(request) });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/family/plans/:planId/invitations/:invitationId/answer', {
    schema: { tags: ['family'], summary: 'Svara på kallelse (If-Match: svarets version, "0" för första svaret)', params: Strict({ planId: Uuid, invitationId: Uuid }),
      body: Strict({ answer: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]), reason: OptionalText(2000) }) },
  }, async (request, reply) => {
    const body = request.body as { answer: 'accepted' | 'declined'; reason?: string | null };
    const result = await answerFamilyInvitation(api.ctx, await citizen(request), { planId: planId(request), invitationId: (request.params as { invitationId: string }).invitationId, version: ifMatch(request), ...body });
    setEtag(reply, result.version);
    return result;
  });

  app.get('/family/plans/:planId/invitations/:invitationId/calendar.ics', {
    schema: { tags: ['family'], summary: 'Mötet som kalenderfil (.ics) med videolänken', params: Strict({ planId: Uuid, invitationId: Uuid }) },
  }, async (request, reply) => {
    const { filename, ics } = await familyCalendar(api.ctx, await citizen(request), planId(request), (request.params as { invitationId: string }).invitationId);
    return reply.type('text/calendar; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename}"`).send(ics);
  });

  app.post('/family/plans/:planId/approvals', {
    schema: { tags: ['family'], summary: 'Godkänn planens senaste version, eller lämna en kommentar', params: PlanParams,
      body: Strict({ versionNo: Type.Integer({ minimum: 1, maximum: 100000 }), decision: Type.Union([Type.Literal('approved'), Type.Literal('commented')]), comment: OptionalText(4000) }) },
  }, async (request, reply) => {
    return reply.status(201).send(await approvePlanVersion(api.ctx, await citizen(request), { planId: planId(request), ...(request.body as { versionNo: number; decision: 'approved' | 'commented'; comment?: string | null }) }));
  });

  app.post('/family/plans/:planId/consent/units/:unitId/withdraw', {
    schema: { tags: ['family'], summary: 'Begränsa samtycket: verksamheten omfattas inte längre (gäller omedelbart; samordnaren får besked)', params: Strict({ planId: Uuid, unitId: Uuid }) },
  }, async (request) => {
    return narrowFamilyConsent(api.ctx, await citizen(request), { planId: planId(request), unitId: (request.params as { unitId: string }).unitId });
  });

  app.post('/family/plans/:planId/consent/units/:unitId/give', {
    schema: { tags: ['family'], summary: 'Ge samtycke digitalt till att en deltagande verksamhet ser planen (gäller när alla som behöver har samtyckt)', params: Strict({ planId: Uuid, unitId: Uuid }) },
  }, async (request, reply) => {
    return reply.status(201).send(await giveFamilyConsent(api.ctx, await citizen(request), { planId: planId(request), unitId: (request.params as { unitId: string }).unitId }));
  });

  app.post('/family/plans/:planId/consents/:consentId/withdraw', {
    schema: { tags: ['family'], summary: 'Återkalla ett samtycke helt (If-Match: samtyckets version)', params: Strict({ planId: Uuid, consentId: Uuid }) },
  }, async (request, reply) => {
    const result = await withdrawFamilyConsent(api.ctx, await citizen(request), { planId: planId(request), consentId: (request.params as { consentId: string }).consentId, version: ifMatch(request) });
    setEtag(reply, result.version);
    return result;
  });

  app.post('/family/plans/:planId/consents/withdraw-all', {
    schema: { tags: ['family'], summary: 'Ta tillbaka hela samtycket: alla samtycken i planen (gäller omedelbart; samordnaren får besked)', params: PlanParams },
  }, async (request) => {
    return withdrawAllFamilyConsents(api.ctx, await citizen(request), { planId: planId(request) });
  });

  app.get('/family/plans/:planId/access-log', { schema: { tags: ['family'], summary: 'Loggutdrag: vem har läst eller ändrat planen, och när', params: PlanParams } }, async (request) => {
    return getFamilyAccessLog(api.ctx, await citizen(request), planId(request));
  });

  app.post('/family/plans/:planId/meetings/:meetingId/survey', {
    schema: { tags: ['family'], summary: 'Enkät efter mötet: kände du dig lyssnad på, blev det tydligt vem som gör vad', params: Strict({ planId: Uuid, meetingId: Uuid }),
      body: Strict({ listened: Score, clearWhoDoesWhat: Score, comment: OptionalText(4000) }) },
  }, async (request, reply) => {
    const body = request.body as { listened: number; clearWhoDoesWhat: number; comment?: string | null };
    return reply.status(201).send(await answerMeetingSurvey(api.ctx, await citizen(request), { planId: planId(request), meetingId: (request.params as { meetingId: string }).meetingId, ...body }));
  });

  // Staff: the coordinator opens the plan to the young person themself.
  app.post('/plans/:planId/young-person-access', {
    schema: { tags: ['family'], summary: 'Samordnaren låter den unge själv se planen (från länets ålder; If-Match: planens version)', params: PlanParams, body: Strict({ enabled: Type.Boolean() }) },
  }, async (request, reply) => {
    const result = await setYoungPersonAccess(api.ctx, { actor: await api.actor(request), planId: planId(request), enabled: (request.body as { enabled: boolean }).enabled, version: ifMatch(request) });
    setEtag(reply, result.version);
    return result;
  });
}
