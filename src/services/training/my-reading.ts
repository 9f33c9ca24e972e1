import { boundBy, readingState, versionInForce, type DocumentKind } from '../../domain/governing-documents.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { byDocument, loadAcknowledged, loadAssignments, loadDocuments, loadVersions } from '../library/document-rows.ts';

export interface Reading {
  documentId: string;
  title: string;
  kind: DocumentKind;
  /** Read first by a newcomer (introduktion): 1 before 2. */
  inductionOrder: number | null;
  versionNo: number;
  acknowledgedVersionNo: number | null;
  upToDate: boolean;
  changeSummary: string;
}

/**
 * What this person's assignments ask them to read, induction documents first, then the rest by
 * title: the newcomer's reading list and, later, what a new version asks of them again.
 */
export async function myReading(ctx: Context, { actor }: { actor: Actor }): Promise<{ documents: Reading[]; toRead: number }> {
  const today = swedishDate(ctx.clock.now());
  const [documents, versions, assignments, acknowledged] = await Promise.all([
    loadDocuments(ctx.db, actor.county), loadVersions(ctx.db, actor.county),
    loadAssignments(ctx.db, actor.county, actor.staffId), loadAcknowledged(ctx.db, actor.county, [actor.staffId]),
  ]);
  const versionsOf = byDocument(versions);
  const reading: Reading[] = [];
  for (const d of documents) {
    const own = versionsOf.get(d.id) ?? [];
    const state = readingState(own, boundBy(d.parties, assignments), acknowledged.get(actor.staffId)?.get(d.id) ?? [], today);
    const inForce = versionInForce(own, today);
    if (!state.required || !inForce) continue;
    reading.push({
      documentId: d.id, title: d.title, kind: d.kind, inductionOrder: d.inductionOrder, versionNo: inForce.versionNo,
      acknowledgedVersionNo: state.acknowledgedVersionNo, upToDate: state.upToDate, changeSummary: inForce.changeSummary,
    });
  }
  return { documents: reading, toRead: reading.filter((r) => !r.upToDate).length };
}
