import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { notFound, stale, versionRequired } from '../errors.ts';
import { apiName, requireAnchor, requireFreeNeed, requireGuideKeeper, responsibilityColumns, type ResponsibilityInput } from './responsibility-fields.ts';

export interface UpdateResponsibilityOptions {
  actor: Actor;
  id: string;
  version: number | undefined;
  /** The fields to set; a field left out keeps what it holds. */
  entry: ResponsibilityInput;
}

/**
 * A signatory's admin corrects an entry of the responsibility guide. Moving it to another
 * document takes being a signatory of both. Only what differs is written and audited.
 */
export async function updateResponsibility(ctx: Context, { actor, id, version, entry }: UpdateResponsibilityOptions): Promise<{ version: number }> {
  const cols = responsibilityColumns(entry);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.query<Record<string, unknown> & { version: number; document_id: string; anchor: string | null; need: string; principal_kind: string }>(
      `SELECT need, keywords, life_area, principal_kind, unit_kind, responsibility, document_id, anchor, version
       FROM responsibility_entries WHERE county = $1 AND id = $2::uuid FOR UPDATE`, [actor.county, id]);
    if (!current) throw notFound();
    await requireGuideKeeper(tx, actor, current.document_id);
    if (version === undefined) throw versionRequired();
    if (version !== current.version) throw stale(current.version);
    const changed = Object.fromEntries(Object.entries(cols).filter(([c, v]) => v !== current[c]));
    const names = Object.keys(changed);
    if (names.length === 0) return { version: current.version };
    const documentId = (changed.document_id as string | undefined) ?? current.document_id;
    if (changed.document_id !== undefined) await requireGuideKeeper(tx, actor, documentId);
    // The anchor is checked against the document it ends up in, also when only the document changed.
    if (changed.anchor !== undefined || changed.document_id !== undefined) {
      await requireAnchor(tx, actor, documentId, changed.anchor !== undefined ? (changed.anchor as string | null) : current.anchor);
    }
    if (changed.need !== undefined || changed.principal_kind !== undefined) {
      await requireFreeNeed(tx, actor, (changed.need as string | undefined) ?? current.need, (changed.principal_kind as string | undefined) ?? current.principal_kind, id);
    }
    const [row] = await tx.query<{ version: number }>(
      `UPDATE responsibility_entries SET ${names.map((c, i) => `${c} = $${i + 3}`).join(', ')}, version = version + 1
       WHERE county = $1 AND id = $2 RETURNING version`, [actor.county, id, ...Object.values(changed)]);
    await appendAudit(tx, [actorEvent(actor, 'U', 'responsibility.update', { detail: { responsibilityId: id, documentId, fields: names.map(apiName) } })]);
    return { version: row!.version };
  });
}
