import { versionInForce } from '../../domain/governing-documents.ts';
import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { loadVersions } from './document-rows.ts';

/**
 * "I have read and understood this version" (the audits' recommendation 1: training in the
 * agreements and routines, followed up). Only the version in force can be confirmed: it is the
 * text that binds today. Confirming twice changes nothing.
 */
export async function acknowledgeDocument(ctx: Context, { actor, documentId, versionNo }: { actor: Actor; documentId: string; versionNo: number }): Promise<{ versionNo: number; created: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const versions = await loadVersions(tx, actor.county, documentId);
    if (!versions.length) throw notFound();
    const inForce = versionInForce(versions, swedishDate(ctx.clock.now()));
    if (!inForce || inForce.versionNo !== versionNo) {
      throw conflict('not_in_force', inForce ? `Version ${inForce.versionNo} gäller nu; läs den och bekräfta den.` : 'Dokumentet har ingen version som gäller ännu.',
        [{ field: '/versionNo', code: 'not_in_force', message: 'Den versionen gäller inte nu.' }]);
    }
    const inserted = await tx.query(
      `INSERT INTO document_acknowledgements (county, staff_id, document_id, version_no, acknowledged_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING 1`, [actor.county, actor.staffId, documentId, versionNo, ctx.clock.now()]);
    if (inserted.length) await appendAudit(tx, [actorEvent(actor, 'C', 'document.acknowledge', { detail: { documentId, versionNo } })]);
    return { versionNo, created: inserted.length > 0 };
  });
}
