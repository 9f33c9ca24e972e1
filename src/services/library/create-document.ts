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
 * signs it, with the others named (e.g. the region and the municipalities of a local agreement);
 * a local agreement's text belongs to the agreement whose steering group follows it up.
 */
export async function createDocument(ctx: Context, { actor, document }: { actor: Actor; document: NewDocument }): Promise<{ id: string; versionNo: number; version: number }> {
  const signatories = [...new Set(document.signatoryPrincipalIds)];
  requireSignatoryAdmin(actor, signatories.includes(actor.principalId));
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
    if (localAgreementId && !(await tx.query('SELECT 1 FROM local_agreements WHERE county = $1 AND id = $2::uuid', [actor.county, localAgreementId])).length) {
      throw invalid([{ field: '/localAgreementId', code: 'not_found', message: 'Ingen sådan lokal överenskommelse i länet.' }]);
    }
    if ((await tx.query('SELECT 1 FROM governing_documents WHERE county = $1 AND title = $2', [actor.county, title])).length) {
      throw conflict('title_taken', 'Det finns redan ett dokument med den titeln.', [{ field: '/title', code: 'taken', message: 'Titeln används redan.' }]);
    }
    const id = newId();
    await tx.query(
      `INSERT INTO governing_documents (county, id, kind, title, local_agreement_id, induction_order) VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor.county, id, document.kind, title, localAgreementId, document.inductionOrder ?? null]);
    await tx.query(
      `INSERT INTO governing_document_principals (county, document_id, principal_id) SELECT $1, $2, unnest($3::uuid[])`, [actor.county, id, signatories]);
    await insertVersion(tx, ctx, actor, id, 1, document, null);
    await appendAudit(tx, [actorEvent(actor, 'C', 'document.create', { detail: { documentId: id, versionNo: 1 } })]);
    return { id, versionNo: 1, version: 1 };
  });
}
