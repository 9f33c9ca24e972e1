import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { requireAnchor, requireFreeNeed, requireGuideKeeper, responsibilityColumns, type ResponsibilityInput } from './responsibility-fields.ts';

export interface AddResponsibilityOptions {
  actor: Actor;
  entry: ResponsibilityInput & Required<Pick<ResponsibilityInput, 'need' | 'principalKind' | 'responsibility' | 'documentId'>>;
}

/** A signatory's admin adds a need to the responsibility guide, naming the agreement (and its paragraph) that decides it. */
export async function addResponsibility(ctx: Context, { actor, entry }: AddResponsibilityOptions): Promise<{ id: string; version: number }> {
  const cols = responsibilityColumns(entry);
  return ctx.db.transaction(async (tx) => {
    await requireGuideKeeper(tx, actor, entry.documentId);
    await requireAnchor(tx, actor, entry.documentId, (cols.anchor as string | null | undefined) ?? null);
    await requireFreeNeed(tx, actor, cols.need as string, entry.principalKind, null);
    const id = newId();
    const names = Object.keys(cols);
    const [row] = await tx.query<{ version: number }>(
      `INSERT INTO responsibility_entries (county, id, ${names.join(', ')}) VALUES ($1, $2, ${names.map((_c, i) => `$${i + 3}`).join(', ')}) RETURNING version`,
      [actor.county, id, ...Object.values(cols)]);
    await appendAudit(tx, [actorEvent(actor, 'C', 'responsibility.create', { detail: { responsibilityId: id, documentId: entry.documentId } })]);
    return { id, version: row!.version };
  });
}
