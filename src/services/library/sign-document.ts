import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { conflict, notFound, ServiceError } from '../errors.ts';

/**
 * A party's admin signs a document another party wrote: from now on it binds their principal's
 * units (its staff are asked to read it) and they keep it with the other signatories. Signing
 * twice changes nothing.
 */
export async function signDocument(ctx: Context, { actor, documentId }: { actor: Actor; documentId: string }): Promise<{ signedAt: Date }> {
  if (actor.role !== 'principal_admin') throw new ServiceError(403, 'role', 'Huvudmannens administratör skriver under för huvudmannen. Byt uppdrag om du har det.');
  return ctx.db.transaction(async (tx) => {
    const [party] = await tx.query<{ signedAt: Date | null }>(
      `SELECT signed_at AS "signedAt" FROM governing_document_principals
       WHERE county = $1 AND document_id = $2::uuid AND principal_id = $3::uuid FOR UPDATE`, [actor.county, documentId, actor.principalId]);
    if (!party) {
      const exists = (await tx.query('SELECT 1 FROM governing_documents WHERE county = $1 AND id = $2::uuid', [actor.county, documentId])).length > 0;
      if (!exists) throw notFound();
      throw conflict('not_party', 'Din huvudman är inte part i dokumentet.');
    }
    if (party.signedAt) return { signedAt: party.signedAt };
    const signedAt = ctx.clock.now();
    await tx.query(
      `UPDATE governing_document_principals SET signed_at = $4, signed_by = $5 WHERE county = $1 AND document_id = $2 AND principal_id = $3`,
      [actor.county, documentId, actor.principalId, signedAt, actor.staffId]);
    await appendAudit(tx, [actorEvent(actor, 'U', 'document.sign', { detail: { documentId, principalId: actor.principalId } })]);
    return { signedAt };
  });
}
