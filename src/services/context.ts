/**
 * What every use case receives: the database, the clock, and who acts.
 */
import type { Database } from '../store/database.ts';

export type Role = 'staff' | 'manager' | 'principal_admin' | 'analyst';

/** A signed-in staff member acting for one unit in one role (medarbetaruppdrag). */
export interface Actor {
  kind: 'staff';
  staffId: string;
  county: string;
  unitId: string;
  principalId: string;
  role: Role;
  name: string;
  networkAddress: string | null;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Today's date in Sweden ('YYYY-MM-DD'); deadlines and consent periods follow Swedish dates. */
export function swedishDate(at: Date): string {
  // Every request asks, and the answer changes at most once a minute (Swedish midnight, as every
  // time zone's, falls on a whole minute): the last minute's answer is kept.
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastMinute = minute;
    lastDate = SWEDISH_DATE.format(at);
  }
  return lastDate;
}
let lastMinute = Number.NaN;
let lastDate = '';
// Building a formatter is costly; one serves every request ('sv-SE' formats as YYYY-MM-DD).
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

export interface Context {
  db: Database;
  clock: Clock;
}
