/**
 * What adding and editing a responsibility entry share: the fields' checks, each failure naming
 * its field, and who may keep an entry: an admin of a principal that signed the agreement the
 * entry is drawn from (decision 0009), since the entry restates what those principals agreed.
 */
import type { Queryable } from '../../store/database.ts';
import type { UnitKind } from '../../domain/organisation.ts';
import type { LifeArea } from '../mapping/add-need.ts';
import type { Actor } from '../context.ts';
import { conflict, invalid, type FieldProblem } from '../errors.ts';
import { requireSignatoryAdmin, signedByActor } from '../library/signatory.ts';

export interface ResponsibilityInput {
  need?: string;
  keywords?: string;
  lifeArea?: LifeArea | null;
  principalKind?: 'region' | 'municipality';
  unitKind?: UnitKind | null;
  responsibility?: string;
  documentId?: string;
  anchor?: string | null;
}

/** The columns as stored, for the fields given. */
export function responsibilityColumns(input: ResponsibilityInput): Record<string, unknown> {
  const problems: FieldProblem[] = [];
  const cols: Record<string, unknown> = {};
  const required = (key: 'need' | 'responsibility', message: string) => {
    if (input[key] === undefined) return;
    const v = input[key]!.replace(/\r\n/g, '\n').trim();
    if (!v) problems.push({ field: `/${key}`, code: 'required', message });
    cols[key] = v;
  };
  required('need', 'Skriv behovet eller insatsen, t.ex. Neuropsykiatrisk utredning.');
  required('responsibility', 'Skriv vad överenskommelsen säger om ansvaret.');
  if (input.keywords !== undefined) cols.keywords = input.keywords.trim();
  if (input.lifeArea !== undefined) cols.life_area = input.lifeArea;
  if (input.principalKind !== undefined) cols.principal_kind = input.principalKind;
  if (input.unitKind !== undefined) cols.unit_kind = input.unitKind;
  if (input.documentId !== undefined) cols.document_id = input.documentId;
  if (input.anchor !== undefined) cols.anchor = input.anchor?.trim() ? input.anchor.trim() : null;
  if (problems.length) throw invalid(problems);
  return cols;
}

/** The actor is an admin of a principal that signed the document; an unknown document names the field. */
export async function requireGuideKeeper(tx: Queryable, actor: Actor, documentId: string): Promise<void> {
  const signed = await signedByActor(tx, actor, documentId, { lock: false });
  if (signed === null) throw invalid([{ field: '/documentId', code: 'not_found', message: 'Det finns ingen sådan överenskommelse i länet.' }]);
  requireSignatoryAdmin(actor, signed, 'Ansvarsguiden hålls av administratörerna hos de huvudmän som har skrivit under överenskommelsen.');
}

/** The anchor names a section of the document's latest version (also one not yet in force: the guide may be kept ahead). */
export async function requireAnchor(tx: Queryable, actor: Actor, documentId: string, anchor: string | null): Promise<void> {
  if (anchor === null) return;
  const [found] = await tx.query(
    `SELECT 1 FROM document_sections s
     WHERE s.county = $1 AND s.document_id = $2::uuid AND s.anchor = $3
       AND s.version_no = (SELECT max(version_no) FROM document_versions v WHERE v.county = $1 AND v.document_id = $2::uuid)`,
    [actor.county, documentId, anchor]);
  if (!found) throw invalid([{ field: '/anchor', code: 'not_found', message: 'Det finns inget avsnitt med det länknamnet i dokumentets senaste version.' }]);
}

/** One entry per need and kind of principal: two would answer the same question differently. */
export async function requireFreeNeed(tx: Queryable, actor: Actor, need: string, principalKind: string, exceptId: string | null): Promise<void> {
  const [taken] = await tx.query(
    'SELECT 1 FROM responsibility_entries WHERE county = $1 AND lower(need) = lower($2) AND principal_kind = $3 AND ($4::uuid IS NULL OR id <> $4::uuid)',
    [actor.county, need, principalKind, exceptId]);
  if (taken) throw conflict('duplicate', 'Behovet finns redan i ansvarsguiden för den sortens huvudman.', [{ field: '/need', code: 'duplicate', message: 'Finns redan.' }]);
}

/** How the API names a column in an audit row's list of changed fields. */
export const apiName = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
