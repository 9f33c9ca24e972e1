/**
 * Dates as people say them (UI.md): "tisdag 12 mars kl. 13.00", relative where it helps
 * ("om 3 dagar", "försenad 5 dagar"). Always in Swedish time (Europe/Stockholm), whatever the
 * computer's own time zone.
 */
import i18n from './i18n/index.ts';

export const TIME_ZONE = 'Europe/Stockholm';
const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');

/**
 * A calendar day 'YYYY-MM-DD' as "tisdag 12 mars 2026". An instant (an ISO time with a zone) is
 * first turned into its day in Swedish time: 23.30 UTC is already the next day in Stockholm.
 */
export function formatDay(day: string | null | undefined, withWeekday = true): string {
  if (!day) return '–';
  if (day.length > 10) day = today(new Date(day));
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', ...(withWeekday ? { weekday: 'long' } : {}), day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** An instant as "tisdag 12 mars 2026 kl. 13.00" in Swedish time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(date).replace(':', '.');
  return i18n.language === 'en' ? `${day} at ${time.replace('.', ':')}` : `${day} kl. ${time}`;
}

/** Today in Swedish time, 'YYYY-MM-DD'. */
export function today(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole days from today to `day` (negative when past). */
export function daysFromToday(day: string, now = new Date()): number {
  const a = Date.parse(`${today(now)}T00:00:00Z`);
  const b = Date.parse(`${day.length > 10 ? today(new Date(day)) : day}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** "om 3 dagar" / "i dag" / "försenad 5 dagar". */
export function relativeDay(day: string | null | undefined): string {
  if (!day) return '';
  const n = daysFromToday(day);
  if (n === 0) return i18n.t('time.today');
  if (n === 1) return i18n.t('time.tomorrow');
  if (n > 0) return i18n.t('time.inDays', { count: n });
  return i18n.t('time.lateDays', { count: -n });
}

/**
 * A wall-clock time typed in a form ('YYYY-MM-DDTHH:mm', meant as Swedish time) as an ISO
 * instant. The browser's own zone may differ (a laptop set to UTC), so the offset of
 * Europe/Stockholm at that moment is worked out explicitly.
 */
export function stockholmToIso(local: string): string {
  const asUtc = Date.parse(`${local}:00Z`);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - ms;
  };
  const guess = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(guess)).toISOString();
}

/** An ISO instant as the 'YYYY-MM-DDTHH:mm' a datetime-local field shows, in Swedish time. */
export function isoToStockholmLocal(iso: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
