import type { Queryable } from '../../store/database.ts';
import type { Actor } from '../context.ts';
import { notFound, ServiceError } from '../errors.ts';

/**
 * The document, locked for a change, when the actor may change it: a principal admin whose
 * principal signed it. An agreement binds those who signed it, so only they change its text.
 */
export async function lockSignedDocument(tx: Queryable, actor: Actor, documentId: string): Promise<void> {
  const [doc] = await tx.query<{ signed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM governing_document_principals gp WHERE gp.county = d.county AND gp.document_id = d.id AND gp.principal_id = $3::uuid) AS signed
     FROM governing_documents d WHERE d.county = $1 AND d.id = $2::uuid FOR UPDATE`, [actor.county, documentId, actor.principalId]);
  if (!doc) throw notFound();
  requireSignatoryAdmin(actor, doc.signed);
}

export function requireSignatoryAdmin(actor: Actor, signed: boolean): void {
  if (actor.role !== 'principal_admin') {
    throw new ServiceError(403, 'role', 'Nya versioner publiceras av huvudmannens administratör. Byt uppdrag om du har det.');
  }
  if (!signed) throw new ServiceError(403, 'not_signatory', 'Din huvudman har inte undertecknat dokumentet; bara de som har gjort det ändrar dess text.');
}
