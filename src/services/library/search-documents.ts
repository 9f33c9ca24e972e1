import { swedishDate, type Actor, type Context } from '../context.ts';
import { invalid } from '../errors.ts';
import type { DocumentKind } from '../../domain/governing-documents.ts';
import { IN_FORCE } from './signatory.ts';

export interface SearchHit {
  documentId: string;
  title: string;
  kind: DocumentKind;
  versionNo: number;
  anchor: string;
  heading: string;
  /** Plain text from the heading and the body; the matched words stand between « and ». */
  snippet: string;
}

// Only the text in force is searched: an old version answers questions nobody should act on.
const SEARCH = (query: string) => `
  WITH in_force AS (${IN_FORCE('$1', '$3')})
  SELECT s.document_id AS "documentId", d.title, d.kind, s.version_no AS "versionNo", s.anchor, s.heading,
         ts_headline('swedish', s.heading || ' – ' || s.body, q, 'StartSel=«, StopSel=», MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
  FROM ${query} q, in_force f
  JOIN document_sections s ON s.county = $1 AND s.document_id = f.document_id AND s.version_no = f.version_no
  JOIN governing_documents d ON d.county = s.county AND d.id = s.document_id
  WHERE s.search @@ q
  ORDER BY ts_rank(s.search, q) DESC, d.induction_order NULLS LAST, d.title, s.position
  LIMIT 30`;

/**
 * Swedish full-text search over the documents in force. PostgreSQL's Swedish stemmer finds the
 * inflected forms ("samordnad" finds "samordnade", "planer" finds "plan"); the search field's own
 * syntax ("citat", OR, -ord) comes from websearch_to_tsquery. When that finds nothing, the last
 * word is taken as the beginning of a word, for a search typed as it is thought ("kartl").
 */
export async function searchDocuments(ctx: Context, { actor, q }: { actor: Actor; q: string }): Promise<SearchHit[]> {
  const text = q.trim();
  if (!text) throw invalid([{ field: '/q', code: 'required', message: 'Skriv vad du söker.' }]);
  // Only words to leave out ("-samtycke") would list every other section: that is no search.
  if (text.split(/\s+/).every((w) => w.startsWith('-') || /^or$/i.test(w))) return [];
  const today = swedishDate(ctx.clock.now());
  const hits = await ctx.db.query<SearchHit>(SEARCH(`websearch_to_tsquery('swedish', $2)`), [actor.county, text, today]);
  // The beginning-of-a-word fallback is for plain words only: it cannot honour "-ord", "citat" or OR.
  if (hits.length || /"|(^|\s)-|\bor\b/i.test(text)) return hits;
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return [];
  const prefix = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
  return ctx.db.query<SearchHit>(SEARCH(`to_tsquery('swedish', $2)`), [actor.county, prefix, today]);
}
