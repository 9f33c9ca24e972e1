import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { Day, Strict, Text, Uuid } from '../schemas.ts';
import { DOCUMENT_KINDS, PROCESS_STEPS } from '../../domain/governing-documents.ts';
import { ROLES, UNIT_KINDS } from '../../domain/organisation.ts';
import { listDocuments } from '../../services/library/list-documents.ts';
import { searchDocuments } from '../../services/library/search-documents.ts';
import { getDocument } from '../../services/library/get-document.ts';
import { getDocumentVersion } from '../../services/library/get-document-version.ts';
import { publishVersion } from '../../services/library/publish-version.ts';
import { createDocument } from '../../services/library/create-document.ts';
import { acknowledgeDocument } from '../../services/library/acknowledge-document.ts';
import { signDocument } from '../../services/library/sign-document.ts';
import { getHelp } from '../../services/library/get-help.ts';
import { listLocalAgreements } from '../../services/library/list-local-agreements.ts';
import { myReading } from '../../services/training/my-reading.ts';
import { unitTrainingStatus } from '../../services/training/unit-status.ts';

const literal = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Section = Strict({
  anchor: Nullable(Type.String({ maxLength: 80 })),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  heading: Text(200),
  body: Type.Optional(Type.String({ maxLength: 20000 })),
  processStep: Nullable(literal(PROCESS_STEPS)),
});
const Audience = Strict({ unitKind: Nullable(literal(UNIT_KINDS)), role: Nullable(literal(ROLES)) });
const VersionBody = {
  effectiveFrom: Day,
  changeSummary: Text(2000),
  sections: Type.Array(Section, { minItems: 1, maxItems: 200 }),
  audiences: Type.Array(Audience, { maxItems: 50 }),
};
const param = (request: { params: unknown }, name: string) => (request.params as Record<string, string>)[name]!;

/**
 * The governing documents (agreements, guidelines, routines), the reading they ask of staff, and
 * the context help drawn from the routine (issue 8; docs/decisions/0009).
 */
export async function libraryRoutes(app: FastifyInstance, api: Api): Promise<void> {
  const created = (reply: FastifyReply, r: { version: number }) => { setEtag(reply, r.version); return reply.status(201).send(r); };

  app.get('/documents', {
    schema: { tags: ['library'], summary: 'Länets överenskommelser, riktlinjer och rutiner, med versionen som gäller och om du har läst den',
      querystring: Strict({ kind: Type.Optional(literal(DOCUMENT_KINDS)) }) },
  }, async (request) => listDocuments(api.ctx, { actor: await api.actor(request), kind: (request.query as { kind?: never }).kind }));

  app.get('/documents/search', {
    schema: { tags: ['library'], summary: 'Sök i texterna som gäller (svensk fulltextsökning: böjda former hittas)',
      querystring: Strict({ q: Type.String({ maxLength: 200 }) }) },
  }, async (request) => searchDocuments(api.ctx, { actor: await api.actor(request), q: (request.query as { q: string }).q }));

  app.get('/documents/:documentId', {
    schema: { tags: ['library'], summary: 'Ett styrdokument: texten som gäller, versionerna, styrgruppen och din läsning', params: Strict({ documentId: Uuid }) },
  }, async (request, reply) => {
    const doc = await getDocument(api.ctx, { actor: await api.actor(request), documentId: param(request, 'documentId') });
    // The editor starts from the newest version, which If-Match names when it publishes.
    setEtag(reply, doc.versions[0]?.versionNo ?? 0);
    return doc;
  });

  app.get('/documents/:documentId/versions/:versionNo', {
    schema: { tags: ['library'], summary: 'En version som den beslutades', params: Strict({ documentId: Uuid, versionNo: Type.String({ pattern: '^[1-9][0-9]{0,5}$', description: 'Versionsnumret' }) }) },
  }, async (request) => getDocumentVersion(api.ctx, {
    actor: await api.actor(request), documentId: param(request, 'documentId'), versionNo: Number(param(request, 'versionNo')),
  }));

  app.post('/documents', {
    schema: { tags: ['library'], summary: 'Skriv ett nytt styrdokument med dess första version (administratör hos en undertecknande huvudman)',
      body: Strict({
        kind: literal(DOCUMENT_KINDS), title: Text(200), localAgreementId: Nullable(Uuid),
        inductionOrder: Nullable(Type.Integer({ minimum: 1, maximum: 99 })),
        signatoryPrincipalIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }), ...VersionBody,
      }) },
  }, async (request, reply) => created(reply, await createDocument(api.ctx, { actor: await api.actor(request), document: request.body as never })));

  app.post('/documents/:documentId/versions', {
    schema: { tags: ['library'], summary: 'Publicera en ny version (If-Match: den senaste versionens nummer)',
      params: Strict({ documentId: Uuid }), body: Strict(VersionBody) },
  }, async (request, reply) => created(reply, await publishVersion(api.ctx, {
    actor: await api.actor(request), documentId: param(request, 'documentId'), expectedVersion: ifMatch(request), input: request.body as never,
  })));

  app.post('/documents/:documentId/signature', {
    schema: { tags: ['library'], summary: 'Skriv under för din huvudman: dokumentet binder då huvudmannens verksamheter (administratör hos en part)',
      params: Strict({ documentId: Uuid }) },
  }, async (request) => signDocument(api.ctx, { actor: await api.actor(request), documentId: param(request, 'documentId') }));

  app.post('/documents/:documentId/acknowledgements', {
    schema: { tags: ['library'], summary: 'Jag har läst och förstått versionen som gäller',
      params: Strict({ documentId: Uuid }), body: Strict({ versionNo: Type.Integer({ minimum: 1, maximum: 100000 }) }) },
  }, async (request, reply) => {
    const r = await acknowledgeDocument(api.ctx, { actor: await api.actor(request), documentId: param(request, 'documentId'), versionNo: (request.body as { versionNo: number }).versionNo });
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.get('/local-agreements', {
    schema: { tags: ['library'], summary: 'Länets lokala överenskommelser och huvudmännen som undertecknade dem' },
  }, async (request) => listLocalAgreements(api.ctx, { actor: await api.actor(request) }));

  app.get('/training/me', {
    schema: { tags: ['library'], summary: 'Det dina uppdrag ber dig läsa, introduktionen först' },
  }, async (request) => myReading(api.ctx, { actor: await api.actor(request) }));

  app.get('/training/units', {
    schema: { tags: ['library'], summary: 'Andel medarbetare som har läst det som gäller, per verksamhet och huvudman (chef, administratör, uppföljare)' },
  }, async (request) => unitTrainingStatus(api.ctx, { actor: await api.actor(request) }));

  app.get('/help/:step', {
    schema: { tags: ['library'], summary: 'Avsnittet i länets rutin som styr ett steg i SIP-processen', params: Strict({ step: literal(PROCESS_STEPS) }) },
  }, async (request) => getHelp(api.ctx, { actor: await api.actor(request), step: param(request, 'step') as never }));
}
