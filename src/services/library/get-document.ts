import { boundBy, readingState, versionInForce, type ReadingState } from '../../domain/governing-documents.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { byDocument, loadAcknowledged, loadAssignments, loadDocuments, loadVersions, type DocumentRow } from './document-rows.ts';
import { loadVersionText, type VersionText } from './version-text.ts';

export interface DocumentView extends Omit<DocumentRow, 'localAgreementId' | 'localAgreementName' | 'parties'> {
  localAgreement: { id: string; name: string; steeringGroup: Array<{ name: string; title: string | null; principalName: string | null }> } | null;
  current: VersionText | null;
  versions: Array<{ versionNo: number; effectiveFrom: string; effectiveUntil: string | null; changeSummary: string; publishedAt: Date; publishedBy: string | null; inForce: boolean }>;
  mine: Pick<ReadingState, 'required' | 'acknowledgedVersionNo' | 'upToDate'>;
  /** The actor may publish a new version: a principal admin of a principal that signed it. */
  canPublish: boolean;
  /** The actor's principal is a party that has not signed yet, and the actor is its admin. */
  canSign: boolean;
}

/** One governing document: the text in force, its history, its steering group, and where the reader stands. */
export async function getDocument(ctx: Context, { actor, documentId }: { actor: Actor; documentId: string }): Promise<DocumentView> {
  const today = swedishDate(ctx.clock.now());
  const [document] = await loadDocuments(ctx.db, actor.county, documentId);
  if (!document) throw notFound();
  const [versions, assignments, acknowledged] = await Promise.all([
    loadVersions(ctx.db, actor.county, documentId).then((v) => byDocument(v).get(documentId) ?? []),
    loadAssignments(ctx.db, actor.county, actor.staffId), loadAcknowledged(ctx.db, actor.county, [actor.staffId]),
  ]);
  const inForce = versionInForce(versions, today);
  const { required, acknowledgedVersionNo, upToDate } = readingState(versions, boundBy(document.parties, assignments), acknowledged.get(actor.staffId)?.get(documentId) ?? [], today);
  const steeringGroup = document.localAgreementId ? await ctx.db.query<{ name: string; title: string | null; principalName: string | null }>(
    `SELECT s.name, s.title,
            (SELECT p.name FROM memberships m JOIN units u ON u.county = m.county AND u.id = m.unit_id
             JOIN principals p ON p.county = u.county AND p.id = u.principal_id
             WHERE m.county = s.county AND m.staff_id = s.id AND m.active ORDER BY p.kind DESC, p.name LIMIT 1) AS "principalName"
     FROM steering_group_members g JOIN staff s ON s.county = g.county AND s.id = g.staff_id
     WHERE g.county = $1 AND g.agreement_id = $2 ORDER BY s.name`, [actor.county, document.localAgreementId]) : [];
  return {
    id: document.id, kind: document.kind, title: document.title, inductionOrder: document.inductionOrder, signatories: document.signatories, awaitingSignature: document.awaitingSignature,
    localAgreement: document.localAgreementId ? { id: document.localAgreementId, name: document.localAgreementName!, steeringGroup } : null,
    current: inForce ? await loadVersionText(ctx.db, actor.county, inForce) : null,
    versions: versions.map((v) => ({
      versionNo: v.versionNo, effectiveFrom: v.effectiveFrom, effectiveUntil: v.effectiveUntil, changeSummary: v.changeSummary,
      publishedAt: v.publishedAt, publishedBy: v.publishedBy, inForce: v.versionNo === inForce?.versionNo,
    })).reverse(),
    mine: { required, acknowledgedVersionNo, upToDate },
    canPublish: actor.role === 'principal_admin' && document.signatories.some((p) => p.id === actor.principalId),
    canSign: actor.role === 'principal_admin' && document.awaitingSignature.some((p) => p.id === actor.principalId),
  };
}
