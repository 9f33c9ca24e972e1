import type { Actor, Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { loadVersions } from './document-rows.ts';
import { loadVersionText, type VersionText } from './version-text.ts';

/** An earlier (or later) version as it was decided: what staff were bound by then. */
export async function getDocumentVersion(ctx: Context, { actor, documentId, versionNo }: { actor: Actor; documentId: string; versionNo: number }): Promise<VersionText> {
  const version = (await loadVersions(ctx.db, actor.county, documentId)).find((v) => v.versionNo === versionNo);
  if (!version) throw notFound();
  return loadVersionText(ctx.db, actor.county, version);
}
