import type { Queryable } from '../../store/database.ts';
import type { Audience, Section } from '../../domain/governing-documents.ts';
import type { VersionRow } from './document-rows.ts';

export interface VersionText {
  versionNo: number;
  effectiveFrom: string;
  effectiveUntil: string | null;
  changeSummary: string;
  audiences: readonly Audience[];
  sections: Section[];
}

/** A version's whole text, its sections in order. */
export async function loadVersionText(db: Queryable, county: string, v: VersionRow): Promise<VersionText> {
  const sections = await db.query<Section>(
    `SELECT anchor, level, heading, body, process_step AS "processStep" FROM document_sections
     WHERE county = $1 AND document_id = $2 AND version_no = $3 ORDER BY position`, [county, v.documentId, v.versionNo]);
  return { versionNo: v.versionNo, effectiveFrom: v.effectiveFrom, effectiveUntil: v.effectiveUntil, changeSummary: v.changeSummary, audiences: v.audiences, sections };
}
