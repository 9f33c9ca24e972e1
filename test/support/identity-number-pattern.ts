/**
 * What a personal identity number looks like in a text (12 digits, with or without the dash),
 * for the tests that make sure none leaves the server. Not inside a longer run of hex digits: a
 * UUID (a plan's id in a link) can end in twelve decimal digits by chance, and is not one.
 */
export const IDENTITY_NUMBER = /(?<![0-9a-f-])\d{8}-?\d{4}(?![0-9a-f])/i;

/** An identity number, or any of `words` (names, addresses). */
export const identityNumberOr = (...words: string[]): RegExp =>
  new RegExp([...words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), IDENTITY_NUMBER.source].join('|'), 'i');
