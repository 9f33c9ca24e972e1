/**
 * Swedish full-text search over the directory and the responsibility guide (decision 0009): the
 * Snowball stemmer lets "utredning" find "utredningar". What a person types is read three ways:
 * every word (websearch_to_tsquery, so quotes and "-word" work as on the web), any word (the
 * fallback when nothing has every word, e.g. a whole intervention text searched for its best
 * match), and the letters as typed (ILIKE, for half a word: "neuropsyk").
 */
export interface SearchTerms {
  /** The text as typed, for websearch_to_tsquery; null when there is nothing to search for. */
  text: string | null;
  /** The words joined with | for to_tsquery; null when there is no word. */
  anyWord: string | null;
  /** %text% with the ILIKE wildcards escaped. */
  like: string | null;
}

export function searchTerms(q: string | undefined): SearchTerms {
  // PostgreSQL cannot hold the NUL character in text; it means nothing in a search anyway.
  const text = (q ?? '').replace(/\u0000/g, '').trim().slice(0, 200);
  if (!text) return { text: null, anyWord: null, like: null };
  // Letters and digits only, so that nothing typed can be read as a tsquery operator.
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, 16);
  return {
    text,
    anyWord: words.length ? words.join(' | ') : null,
    like: `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`,
  };
}

/**
 * The columns a search scores each row by, over `doc` (a tsvector expression) and `plain` (a text
 * expression for ILIKE); $t, $a and $l are the parameter numbers of the three terms.
 */
export function scoreColumns(doc: string, plain: string, t: number, a: number, l: number): string {
  return `coalesce(${doc} @@ websearch_to_tsquery('swedish', $${t}::text), false) AS all_hit,
          coalesce(${doc} @@ to_tsquery('swedish', $${a}::text), false) AS any_hit,
          coalesce(${plain} ILIKE $${l}::text, false) AS like_hit,
          coalesce(ts_rank(${doc}, to_tsquery('swedish', $${a}::text)), 0) AS rank`;
}

/** Over a CTE with those columns: rows that have every word or the letters as typed; only when none does, rows with any word. */
export function searchFilter(cte: string, t: number): string {
  return `($${t}::text IS NULL OR all_hit OR like_hit
           OR (any_hit AND NOT EXISTS (SELECT 1 FROM ${cte} x WHERE x.all_hit OR x.like_hit)))`;
}

export const SEARCH_ORDER = 'all_hit DESC, like_hit DESC, rank DESC';
