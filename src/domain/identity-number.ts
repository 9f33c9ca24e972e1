/**
 * Swedish identity numbers (SIP.md §7): validate, normalise, format and mask.
 *
 * - *Personnummer*: YYYYMMDD-NNNC / YYMMDD-NNNC. Structure, the Luhn check digit C over the ten-digit
 *   form's first nine digits (YYMMDDNNN), and the '+' separator for people aged 100 or more come from
 *   Skatteverket, "Personnummer" (SKV 704).
 * - *Samordningsnummer*: same structure and check digit, but 60 is added to the day of birth
 *   (folkbokföringslagen (1991:481) 18 a §; Skatteverket SKV 707).
 * - *Reservnummer*: any other id a region assigns (no national standard). Accepted only when the
 *   caller opts in, stored trimmed and upper-cased.
 *
 * Pure domain code: no I/O. Error messages never contain the number itself, since an identity number
 * must never end up in a log line or a URL.
 */

/** The three kinds of identity number a person in a plan may have. */
export type IdentityKind = 'personnummer' | 'samordningsnummer' | 'reservnummer';

/**
 * A validated identity number.
 * `normalised` is 12 digits (YYYYMMDDNNNC; the day keeps its +60 for a samordningsnummer) or, for a
 * reservnummer, the trimmed upper-cased text. `birthDate` is 'YYYY-MM-DD' (the real day), or null for
 * a reservnummer.
 */
export interface IdentityNumber {
  kind: IdentityKind;
  normalised: string;
  birthDate: string | null;
}

/** Why an input was rejected. */
export type IdentityNumberError = 'empty' | 'format' | 'date' | 'check_digit' | 'future';

/** Outcome of {@link parseIdentityNumber}; `message` is Swedish and safe to show and log. */
export type ParseResult =
  | { ok: true; value: IdentityNumber }
  | { ok: false; error: IdentityNumberError; message: string };

// Constant texts on purpose: they can never echo the (personal) input.
const MESSAGES: Readonly<Record<IdentityNumberError, string>> = {
  empty: 'Identitetsnummer saknas.',
  format: 'Identitetsnumret har fel format. Ange personnummer som ÅÅÅÅMMDD-NNNN.',
  date: 'Födelsedatumet i identitetsnumret är inte ett giltigt datum.',
  check_digit: 'Kontrollsiffran stämmer inte.',
  future: 'Födelsedatumet ligger i framtiden.',
};

/** Birth date part (6 or 8 digits), optional separator, serial number + check digit (4 digits). */
const PNR_SHAPE = /^(\d{6}|\d{8})([-+]?)(\d{4})$/;
/** Input made only of digits, separators and spaces is always an attempted personnummer. */
const NUMERIC_LOOKING = /^[\d\s+-]+$/;
const RESERVE_SHAPE = /^[A-Za-z0-9 -]{3,40}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Samordningsnummer: 60 added to the day (folkbokföringslagen 18 a §). */
const SNR_DAY_OFFSET = 60;

function fail(error: IdentityNumberError): ParseResult {
  return { ok: false, error, message: MESSAGES[error] };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Parses a strict 'YYYY-MM-DD' calendar date; throws RangeError (a programming error) otherwise. */
function parseIsoDate(value: string, name: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (isValidDate(year, month, day)) return { year, month, day };
  }
  throw new RangeError(`${name} must be a calendar date 'YYYY-MM-DD'`);
}

/**
 * Luhn ("modulus 10") check digit for the nine digits YYMMDDNNN, as specified for personnummer by
 * Skatteverket (SKV 704): weights 2,1,2,1,… from the left, digits of each product summed, check digit
 * = (10 − sum mod 10) mod 10. Throws RangeError unless given exactly nine ASCII digits.
 */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new RangeError('luhnCheckDigit expects exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Whole years between `birthDate` and `today` (both 'YYYY-MM-DD'); the age increases on the birthday.
 * Someone born on 29 February is counted as having their birthday on 1 March in common years (the
 * plain "has the month/day been reached" rule). Throws RangeError on malformed dates.
 */
export function ageOn(birthDate: string, today: string): number {
  const b = parseIsoDate(birthDate, 'birthDate');
  const t = parseIsoDate(today, 'today');
  const beforeBirthday = t.month < b.month || (t.month === b.month && t.day < b.day);
  return t.year - b.year - (beforeBirthday ? 1 : 0);
}

/**
 * Validates and normalises a personnummer or samordningsnummer (12 or 10 digits, optional '-' or '+'
 * separator, surrounding spaces ignored), or — with `allowReserve` — a reservnummer.
 *
 * 10-digit form: the century is chosen so the person is 0–99 years old on `options.today`; with '+'
 * (SKV 704: used from the year the person turns 100) it is 100 years earlier. In 12-digit form the
 * separator carries no meaning and is ignored.
 *
 * Input that looks numeric (only digits, separators, spaces) is always treated as an attempted
 * personnummer/samordningsnummer, even with `allowReserve`, so a mistyped personnummer is reported
 * rather than silently stored as a reservnummer. A reservnummer therefore contains at least one letter.
 *
 * Order of checks: empty → format → date → check_digit → future.
 * Throws RangeError if `options.today` is not a valid 'YYYY-MM-DD' date.
 */
export function parseIdentityNumber(input: string, options: { today: string; allowReserve?: boolean }): ParseResult {
  const today = parseIsoDate(options.today, 'options.today');
  const text = input.trim();
  if (text === '') return fail('empty');

  const m = PNR_SHAPE.exec(text);
  if (!m) {
    if (options.allowReserve === true && !NUMERIC_LOOKING.test(text) && RESERVE_SHAPE.test(text)) {
      return { ok: true, value: { kind: 'reservnummer', normalised: text.toUpperCase(), birthDate: null } };
    }
    return fail('format');
  }
  const datePart = m[1] ?? '';
  const separator = m[2] ?? '';
  const serialAndCheck = m[3] ?? '';

  const month = Number(datePart.slice(-4, -2));
  const rawDay = Number(datePart.slice(-2));
  const kind: IdentityKind = rawDay > SNR_DAY_OFFSET ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - SNR_DAY_OFFSET : rawDay;

  let year: number;
  if (datePart.length === 8) {
    year = Number(datePart.slice(0, 4));
  } else {
    const yy = Number(datePart.slice(0, 2));
    // Latest year ≤ today's year ending in yy; a century earlier if that date is still ahead this year.
    year = today.year - ((((today.year - yy) % 100) + 100) % 100);
    if (year === today.year && (month > today.month || (month === today.month && day > today.day))) year -= 100;
    if (separator === '+') year -= 100;
  }

  if (!isValidDate(year, month, day)) return fail('date');

  const normalised = pad(year, 4) + datePart.slice(-4) + serialAndCheck;
  const expected = luhnCheckDigit(normalised.slice(2, 11));
  if (expected !== Number(normalised[11])) return fail('check_digit');

  const birthDate = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (birthDate > options.today) return fail('future');

  return { ok: true, value: { kind, normalised, birthDate } };
}

function assertTwelveDigits(normalised: string): void {
  // The message deliberately omits the value.
  if (!/^\d{12}$/.test(normalised)) throw new RangeError('normalised personnummer/samordningsnummer must be 12 digits');
}

/** Display form: 'YYYYMMDD-NNNN' for personnummer/samordningsnummer; a reservnummer as stored. */
export function formatIdentityNumber(id: { kind: IdentityKind; normalised: string }): string {
  if (id.kind === 'reservnummer') return id.normalised;
  assertTwelveDigits(id.normalised);
  return `${id.normalised.slice(0, 8)}-${id.normalised.slice(8)}`;
}

/**
 * Masked form for lists and screens where the full number is not needed: 'YYYYMMDD-****' (birth part
 * shown, last four hidden); a reservnummer shows its first two characters + '****'.
 */
export function maskIdentityNumber(id: { kind: IdentityKind; normalised: string }): string {
  if (id.kind === 'reservnummer') return `${id.normalised.slice(0, 2)}****`;
  assertTwelveDigits(id.normalised);
  return `${id.normalised.slice(0, 8)}-****`;
}

/** The last four characters (serial number + check digit for personnummer/samordningsnummer). */
export function lastFour(id: { kind: IdentityKind; normalised: string }): string {
  if (id.kind !== 'reservnummer') assertTwelveDigits(id.normalised);
  return id.normalised.slice(-4);
}
