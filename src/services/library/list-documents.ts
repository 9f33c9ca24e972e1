import { boundBy, readingState, versionInForce, type DocumentKind, type ReadingState } from '../../domain/governing-documents.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { byDocument, loadAcknowledged, loadAssignments, loadDocuments, loadVersions, type DocumentRow } from './document-rows.ts';

export interface DocumentSummary extends Omit<DocumentRow, 'localAgreementId' | 'localAgreementName' | 'parties'> {
  localAgreement: { id: string; name: string } | null;
  current: { versionNo: number; effectiveFrom: string; changeSummary: string } | null;
  mine: Pick<ReadingState, 'required' | 'acknowledgedVersionNo' | 'upToDate'>;
}

/**
 * The library (bibliotek) as a staff member sees it: every governing document of the county, the
 * version in force, and whether this person has read what it asks of them. Organisational text,
 * open to all the county's staff: knowing each other's mandate is the point (the audits'
 * recommendation 2).
 */
export async function listDocuments(ctx: Context, { actor, kind }: { actor: Actor; kind?: DocumentKind }): Promise<DocumentSummary[]> {
  const today = swedishDate(ctx.clock.now());
  const [documents, versions, assignments, acknowledged] = await Promise.all([
    loadDocuments(ctx.db, actor.county), loadVersions(ctx.db, actor.county),
    loadAssignments(ctx.db, actor.county, actor.staffId), loadAcknowledged(ctx.db, actor.county, [actor.staffId]),
  ]);
  const versionsOf = byDocument(versions);
  const mineOf = acknowledged.get(actor.staffId);
  return documents.filter((d) => !kind || d.kind === kind).map((d) => {
    const own = versionsOf.get(d.id) ?? [];
    const current = versionInForce(own, today);
    const { required, acknowledgedVersionNo, upToDate } = readingState(own, boundBy(d.parties, assignments), mineOf?.get(d.id) ?? [], today);
    return {
      id: d.id, kind: d.kind, title: d.title, inductionOrder: d.inductionOrder, signatories: d.signatories, awaitingSignature: d.awaitingSignature,
      localAgreement: d.localAgreementId ? { id: d.localAgreementId, name: d.localAgreementName! } : null,
      current: current ? { versionNo: current.versionNo, effectiveFrom: current.effectiveFrom, changeSummary: current.changeSummary } : null,
      mine: { required, acknowledgedVersionNo, upToDate },
    };
  });
}
