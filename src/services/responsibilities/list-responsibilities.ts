import type { UnitKind } from '../../domain/organisation.ts';
import type { LifeArea } from '../mapping/add-need.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { scoreColumns, SEARCH_ORDER, searchFilter, searchTerms } from '../directory/text-search.ts';
import { SIGNED_BY } from '../library/signatory.ts';

export interface ListResponsibilitiesOptions {
  actor: Actor;
  /** A need or an intervention in Swedish, e.g. "neuropsykiatrisk utredning" or a whole intervention text. */
  q?: string | undefined;
  lifeArea?: LifeArea | undefined;
}

export interface Responsibility {
  id: string;
  need: string;
  keywords: string;
  lifeArea: LifeArea | null;
  principalKind: 'region' | 'municipality';
  unitKind: UnitKind | null;
  responsibility: string;
  /** The agreement the entry restates; the heading is the anchor's in the version in force (null when that version has no such section). */
  source: { documentId: string; title: string; anchor: string | null; heading: string | null };
  version: number;
  /** The actor is an admin of a principal that signed the source. */
  canEdit: boolean;
}

/**
 * The responsibility guide: which principal answers for a need, as the agreements say, best match
 * first. Any staff member of the county reads it (organisational knowledge, nothing about a child).
 */
export async function listResponsibilities(ctx: Context, { actor, q, lifeArea }: ListResponsibilitiesOptions): Promise<Responsibility[]> {
  const terms = searchTerms(q);
  const today = swedishDate(ctx.clock.now());
  const rows = await ctx.db.query<Omit<Responsibility, 'source'> & { documentId: string; title: string; anchor: string | null; heading: string | null }>(
    `WITH scored AS (
       SELECT r.*, ${scoreColumns('r.search', `r.need || ' ' || r.keywords || ' ' || r.responsibility`, 5, 6, 7)}
       FROM responsibility_entries r
       WHERE r.county = $1 AND ($4::text IS NULL OR r.life_area = $4::text))
     SELECT r.id, r.need, r.keywords, r.life_area AS "lifeArea", r.principal_kind AS "principalKind", r.unit_kind AS "unitKind",
            r.responsibility, r.version, r.document_id AS "documentId", d.title, r.anchor, s.heading,
            ($2::text = 'principal_admin' AND ${SIGNED_BY('d', '$3')}) AS "canEdit"
     FROM scored r
     JOIN governing_documents d ON d.county = r.county AND d.id = r.document_id
     -- The version in force: the newest whose effective date has come (decision 0009).
     LEFT JOIN LATERAL (SELECT v.version_no FROM document_versions v
                        WHERE v.county = r.county AND v.document_id = r.document_id AND v.effective_from <= $8::date
                        ORDER BY v.version_no DESC LIMIT 1) f ON true
     LEFT JOIN document_sections s ON s.county = r.county AND s.document_id = r.document_id AND s.version_no = f.version_no AND s.anchor = r.anchor
     WHERE ${searchFilter('scored', 5)}
     ORDER BY ${SEARCH_ORDER}, r.need, r.principal_kind`,
    [actor.county, actor.role, actor.principalId, lifeArea ?? null, terms.text, terms.anyWord, terms.like, today]);
  return rows.map(({ documentId, title, anchor, heading, ...r }) => ({ ...r, source: { documentId, title, anchor, heading } }));
}
