/**
 * Swedish working days (arbetsdagar), for deadlines counted in working days such as Lotsmodellen's
 * "at most 15 working days from invitation to network meeting" (SIP.md §4).
 *
 * Days are plain ISO calendar days 'YYYY-MM-DD' in the Swedish calendar: no Date objects and no
 * time zones cross this API, so a deadline never shifts by a day because a server runs in UTC.
 * (Callers turn an instant into a Swedish day with `swedishDate` in services/context.ts.)
 *
 * Which days are not working days, and why:
 * - Saturdays and Sundays.
 * - Every public holiday, *allmän helgdag* under lag (1989:253) om allmänna helgdagar. date-holidays
 *   marks exactly these as type 'public' for SE: nyårsdagen, trettondedag jul, långfredagen,
 *   påskdagen, annandag påsk, första maj, Kristi himmelsfärdsdag, pingstdagen, nationaldagen,
 *   midsommardagen, alla helgons dag, juldagen, annandag jul.
 * - Midsommarafton, julafton and nyårsafton. They are not allmänna helgdagar, and date-holidays
 *   types them 'bank', but Swedish law treats them as days off: lag (1930:173) om beräkning av
 *   lagstadgad tid 2 § moves a statutory deadline falling on one of them to the next weekday, and
 *   semesterlagen (1977:480) 3 a § equates them with a Sunday. Offices are closed and no SIP
 *   meeting is held on them, so counting them would give a family less real time than a local
 *   agreement promises.
 * - Nothing else. date-holidays also lists 'optional' half days (trettondagsafton,
 *   valborgsmässoafton, allhelgonaafton) and 'observance' days (skärtorsdagen, annandag pingst
 *   since 2005, Luciadagen, ...); offices are open on them, so they stay working days.
 *
 * The eves are picked by their date-holidays rule rather than by the type 'bank', so that a future
 * data release adding some other bank day cannot silently shorten every deadline; a unit test
 * checks the three eves across many years, so a changed rule name fails loudly instead.
 */
import Holidays from 'date-holidays';

/** The date-holidays rules (SE) of the three eves that count as non-working (see above). */
const NON_WORKING_EVE_RULES: ReadonlySet<string> = new Set(['friday after 06-19', '12-24', '12-31']);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// One Holidays instance serves every year; building the holiday list of a year is the costly
// part, so each year's non-working holidays are computed once and kept (a sweep asks thousands of
// times about the same few years).
let swedishCalendar: Holidays | undefined;
const nonWorkingByYear = new Map<number, ReadonlyMap<string, string>>();

/** The non-working holidays of `year`: day → Swedish name. */
function nonWorkingHolidays(year: number): ReadonlyMap<string, string> {
  let days = nonWorkingByYear.get(year);
  if (!days) {
    swedishCalendar ??= new Holidays('SE');
    const found = new Map<string, string>();
    for (const h of swedishCalendar.getHolidays(year, 'sv')) {
      if (h.type !== 'public' && !(h.type === 'bank' && NON_WORKING_EVE_RULES.has(h.rule))) continue;
      // `date` is the local calendar date 'YYYY-MM-DD hh:mm:ss' in Sweden; no time zone involved.
      const day = h.date.slice(0, 10);
      // Two holidays can share a day (2027-11-06 is alla helgons dag and Gustav-Adolf-dagen);
      // only public and eve entries reach here, and the first one wins.
      if (!found.has(day)) found.set(day, h.name);
    }
    days = found;
    nonWorkingByYear.set(year, days);
  }
  return days;
}

/** Days since 1970-01-01 of an ISO day; throws RangeError on anything but a real 'YYYY-MM-DD'. */
function toEpochDay(day: string): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`not an ISO day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2027-02-30 over to March; a round trip catches days that do not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`no such day: ${day}`);
  }
  return ms / MS_PER_DAY;
}

function fromEpochDay(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

function isWorkingEpochDay(n: number): boolean {
  // 1970-01-01 was a Thursday: weekday 4 with Sunday as 0.
  const weekday = (((n + 4) % 7) + 7) % 7;
  if (weekday === 0 || weekday === 6) return false;
  const day = fromEpochDay(n);
  return !nonWorkingHolidays(Number(day.slice(0, 4))).has(day);
}

/** Whether `day` is a Swedish working day: a weekday that is no public holiday and no midsummer, Christmas or New Year's eve. */
export function isWorkingDay(day: string): boolean {
  return isWorkingEpochDay(toEpochDay(day));
}

/**
 * The day `n` working days after `day` (before it when `n` is negative). `day` itself never
 * counts, and need not be a working day: one working day after Good Friday 2027 is Tuesday
 * 30 March. With n = 0 the answer is `day` unchanged. For n ≥ 0,
 * `workingDaysBetween(day, addWorkingDays(day, n)) === n`.
 */
export function addWorkingDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  let at = toEpochDay(day);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    at += step;
    if (isWorkingEpochDay(at)) left--;
  }
  return fromEpochDay(at);
}

/**
 * How many working days lie after `from` up to and including `to`: Friday to the next Monday is 1
 * in an ordinary week. 0 when `to` equals `from`; negative (the same count, reversed) when `to`
 * is before `from`, so that swapping the arguments only flips the sign.
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  if (b < a) return -workingDaysBetween(to, from);
  let count = 0;
  for (let at = a + 1; at <= b; at++) if (isWorkingEpochDay(at)) count++;
  return count;
}

/**
 * The Swedish name of the holiday that makes `day` a non-working day ('långfredagen',
 * 'midsommarafton', ...), or null: for ordinary days, plain weekends, and days date-holidays
 * knows but that stay working days (e.g. 'valborgsmässoafton').
 */
export function holidayName(day: string): string | null {
  assertIsoDay(day);
  return nonWorkingHolidays(Number(day.slice(0, 4))).get(day) ?? null;
}

/** Throws RangeError unless `day` is a real calendar day written 'YYYY-MM-DD'. */
export function assertIsoDay(day: string): void {
  toEpochDay(day);
}

/** The calendar day `n` days after `day` (before it when negative). */
export function addCalendarDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be a whole number: ${n}`);
  return fromEpochDay(toEpochDay(day) + n);
}
