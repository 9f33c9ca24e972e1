/**
 * Who is bound by and keeps a governing document: the parties that have signed it. An agreement
 * binds a principal only once that principal's own admin has signed (one principal cannot bind
 * another), and only the signed parties change its text or the responsibility guide drawn from it.
 */
import type { Queryable } from '../../store/database.ts';
import type { Actor } from '../context.ts';
import { notFound, ServiceError } from '../errors.ts';

/** SQL: the principal named by `principal` (a parameter) has signed the document `doc` (a table alias). */
export const SIGNED_BY = (doc: string, principal: string) =>
  `EXISTS (SELECT 1 FROM governing_document_principals gp WHERE gp.county = ${doc}.county AND gp.document_id = ${doc}.id
           AND gp.principal_id = ${principal}::uuid AND gp.signed_at IS NOT NULL)`;

/** SQL: each document's version in force on a date (parameters for county and date): the newest whose date has come. */
export const IN_FORCE = (county: string, day: string) =>
  `SELECT DISTINCT ON (document_id) document_id, version_no FROM document_versions
   WHERE county = ${county} AND effective_from <= ${day}::date ORDER BY document_id, version_no DESC`;

/** Whether the actor's principal has signed the document; null when there is no such document. Locks it for a change. */
export async function signedByActor(tx: Queryable, actor: Actor, documentId: string, { lock }: { lock: boolean }): Promise<boolean | null> {
  const [doc] = await tx.query<{ signed: boolean }>(
    `SELECT ${SIGNED_BY('d', '$3')} AS signed FROM governing_documents d WHERE d.county = $1 AND d.id = $2::uuid${lock ? ' FOR UPDATE' : ''}`,
    [actor.county, documentId, actor.principalId]);
  return doc ? doc.signed : null;
}

/** The document, locked for a change, when the actor is an admin of a principal that signed it. */
export async function lockSignedDocument(tx: Queryable, actor: Actor, documentId: string): Promise<void> {
  const signed = await signedByActor(tx, actor, documentId, { lock: true });
  if (signed === null) throw notFound();
  requireSignatoryAdmin(actor, signed, 'Nya versioner publiceras av huvudmannens administratör. Byt uppdrag om du har det.');
}

export function requireSignatoryAdmin(actor: Actor, signed: boolean, roleMessage = 'Det här gör huvudmannens administratör. Byt uppdrag om du har det.'): void {
  if (actor.role !== 'principal_admin') throw new ServiceError(403, 'role', roleMessage);
  if (!signed) throw new ServiceError(403, 'not_signatory', 'Din huvudman har inte skrivit under dokumentet; bara de som har gjort det ändrar det.');
}
