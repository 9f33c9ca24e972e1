import type { DocumentKind, VersionInput } from '../../domain/governing-documents.ts';
import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { conflict, invalid, type FieldProblem } from '../errors.ts';
import { insertVersion } from './publish-version.ts';
import { requireSignatoryAdmin } from './signatory.ts';

export interface NewDocument extends VersionInput {
  kind: DocumentKind;
  title: string;
  localAgreementId?: string | null;
  inductionOrder?: number | null;
  signatoryPrincipalIds: string[];
}

/**
 * A principal admin writes a new governing document with its first version. Their own principal
 * signs it at once; the other parties named (e.g. the municipalities of a framework agreement) are
 * bound only when their own admins sign. A local agreement's text belongs to the agreement whose
 * steering group follows it up, and has that agreement's parties.
 */
export async function createDocument(ctx: Context, { actor, document }: { actor: Actor; document: NewDocument }): Promise<{ id: string; versionNo: number; version: number }> {
  let signatories = [...new Set(document.signatoryPrincipalIds)];
  requireSignatoryAdmin(actor, signatories.includes(actor.principalId), 'Nya dokument skrivs av huvudmannens administratör. Byt uppdrag om du har det.');
  const problems: FieldProblem[] = [];
  const title = document.title.trim();
  if (!title) problems.push({ field: '/title', code: 'required', message: 'Ange en titel.' });
  const localAgreementId = document.localAgreementId ?? null;
  if ((document.kind === 'local_agreement') !== (localAgreementId !== null)) {
    problems.push({ field: '/localAgreementId', code: document.kind === 'local_agreement' ? 'required' : 'not_allowed',
      message: document.kind === 'local_agreement' ? 'Välj vilken lokal överenskommelse texten hör till.' : 'Bara en lokal överenskommelse hör till en överenskommelse.' });
  }
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction(async (tx) => {
    const known = await tx.query<{ id: string }>('SELECT id FROM principals WHERE county = $1 AND id = ANY($2::uuid[])', [actor.county, signatories]);
    const unknown = signatories.findIndex((id) => !known.some((p) => p.id === id));
    if (unknown >= 0) throw invalid([{ field: `/signatoryPrincipalIds/${unknown}`, code: 'not_found', message: 'Ingen sådan huvudman i länet.' }]);
    if (localAgreementId) {
      // A local agreement's text has the agreement's own parties, no more and no fewer.
      const parties = (await tx.query<{ principalId: string }>(
        'SELECT principal_id AS "principalId" FROM local_agreement_principals WHERE county = $1 AND agreement_id = $2::uuid', [actor.county, localAgreementId]))
        .map((p) => p.principalId);
      if (!parties.length) throw invalid([{ field: '/localAgreementId', code: 'not_found', message: 'Ingen sådan lokal överenskommelse i länet.' }]);
      const outside = signatories.findIndex((id) => !parties.includes(id));
      if (outside >= 0) throw invalid([{ field: `/signatoryPrincipalIds/${outside}`, code: 'not_party', message: 'Huvudmannen är inte part i den lokala överenskommelsen.' }]);
      signatories = parties;
      requireSignatoryAdmin(actor, parties.includes(actor.principalId));
    }
    if ((await tx.query('SELECT 1 FROM governing_documents WHERE county = $1 AND title = $2', [actor.county, title])).length) {
      throw conflict('title_taken', 'Det finns redan ett dokument med den titeln.', [{ field: '/title', code: 'taken', message: 'Titeln används redan.' }]);
    }
    const id = newId();
    await tx.query(
      `INSERT INTO governing_documents (county, id, kind, title, local_agreement_id, induction_order) VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor.county, id, document.kind, title, localAgreementId, document.inductionOrder ?? null]);
    // The writer's principal signs now; every other party signs through its own admin (sign-document.ts).
    await tx.query(
      `INSERT INTO governing_document_principals (county, document_id, principal_id, signed_at, signed_by)
       SELECT $1, $2, p, CASE WHEN p = $4::uuid THEN $5::timestamptz END, CASE WHEN p = $4::uuid THEN $6::uuid END FROM unnest($3::uuid[]) AS p`,
      [actor.county, id, signatories, actor.principalId, ctx.clock.now(), actor.staffId]);
    await insertVersion(tx, ctx, actor, id, 1, document, null);
    await appendAudit(tx, [actorEvent(actor, 'C', 'document.create', { detail: { documentId: id, versionNo: 1 } })]);
    return { id, versionNo: 1, version: 1 };
  });
}
