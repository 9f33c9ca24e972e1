import { checkVersion, type VersionInput } from '../../domain/governing-documents.ts';
import { appendAudit } from '../../store/audit.ts';
import type { Queryable } from '../../store/database.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { invalid, stale, versionRequired } from '../errors.ts';
import { lockSignedDocument } from './signatory.ts';

/**
 * A principal admin publishes a new version of a document their principal signed: the whole text,
 * the date it takes effect, what changed and whom it asks to read it again. The text already
 * decided stays as it was (migration 017 refuses to change it); If-Match names the version the
 * editor started from, so two admins editing at once cannot overwrite each other (412).
 */
export async function publishVersion(ctx: Context, { actor, documentId, expectedVersion, input }: {
  actor: Actor; documentId: string; expectedVersion: number | undefined; input: VersionInput;
}): Promise<{ versionNo: number; version: number }> {
  return ctx.db.transaction(async (tx) => {
    await lockSignedDocument(tx, actor, documentId);
    const [latest] = await tx.query<{ versionNo: number; effectiveFrom: string }>(
      `SELECT version_no AS "versionNo", effective_from AS "effectiveFrom" FROM document_versions
       WHERE county = $1 AND document_id = $2 ORDER BY version_no DESC LIMIT 1`, [actor.county, documentId]);
    if (expectedVersion === undefined) throw versionRequired();
    if (expectedVersion !== (latest?.versionNo ?? 0)) throw stale(latest?.versionNo ?? 0);
    const versionNo = (latest?.versionNo ?? 0) + 1;
    await insertVersion(tx, ctx, actor, documentId, versionNo, input, latest?.effectiveFrom ?? null);
    // The version replaced ends the day before the new one takes effect (none when both start the same day).
    if (latest) {
      await tx.query(
        `UPDATE document_versions SET effective_until = $4::date - 1 WHERE county = $1 AND document_id = $2 AND version_no = $3 AND effective_from < $4::date`,
        [actor.county, documentId, latest.versionNo, input.effectiveFrom]);
    }
    await appendAudit(tx, [actorEvent(actor, 'C', 'document.publish', { detail: { documentId, versionNo } })]);
    return { versionNo, version: versionNo };
  });
}

/** Checks and writes one version: its row, its sections in order, and its audiences. */
export async function insertVersion(tx: Queryable, ctx: Context, actor: Actor, documentId: string, versionNo: number, input: VersionInput, latestEffectiveFrom: string | null): Promise<void> {
  const { version, problems } = checkVersion(input, swedishDate(ctx.clock.now()), latestEffectiveFrom);
  if (problems.length) throw invalid(problems);
  await tx.query(
    `INSERT INTO document_versions (county, document_id, version_no, effective_from, change_summary, published_at, published_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`, [actor.county, documentId, versionNo, version.effectiveFrom, version.changeSummary, ctx.clock.now(), actor.staffId]);
  await tx.query(
    `INSERT INTO document_sections (county, document_id, version_no, position, anchor, level, heading, body, process_step)
     SELECT $1, $2, $3, s.position, s.anchor, s.level, s.heading, s.body, s.process_step
     FROM jsonb_to_recordset($4::jsonb) AS s(position int, anchor text, level smallint, heading text, body text, process_step text)`,
    [actor.county, documentId, versionNo, JSON.stringify(version.sections.map((s, i) => ({ position: i + 1, anchor: s.anchor, level: s.level, heading: s.heading, body: s.body, process_step: s.processStep })))]);
  if (version.audiences.length) {
    await tx.query(
      `INSERT INTO document_version_audiences (county, document_id, version_no, unit_kind, role)
       SELECT $1, $2, $3, a.unit_kind, a.role FROM jsonb_to_recordset($4::jsonb) AS a(unit_kind text, role text)`,
      [actor.county, documentId, versionNo, JSON.stringify(version.audiences.map((a) => ({ unit_kind: a.unitKind, role: a.role })))]);
  }
}
