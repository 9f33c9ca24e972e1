/**
 * Deadlines and consent periods follow the Swedish calendar day; swedishDate keeps the last
 * minute's answer, so the day must still turn exactly at Swedish midnight, summer and winter.
 */
import { describe, expect, it } from 'vitest';
import { swedishDate } from '../../src/services/context.ts';

describe('swedishDate', () => {
  it('turns the day at Swedish midnight in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(swedishDate(new Date('2026-11-22T22:59:59.999Z'))).toBe('2026-11-22');
    expect(swedishDate(new Date('2026-11-22T23:00:00.000Z'))).toBe('2026-11-23');
    expect(swedishDate(new Date('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(swedishDate(new Date('2026-06-30T22:00:00.000Z'))).toBe('2026-07-01');
  });

  it('answers for the time asked, also when asked out of order within and across minutes', () => {
    const times = ['2026-11-22T23:00:30Z', '2026-11-22T22:59:30Z', '2026-11-22T23:00:10Z', '2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z'];
    const expected = ['2026-11-23', '2026-11-22', '2026-11-23', '2026-03-29', '2026-03-29'];
    expect(times.map((t) => swedishDate(new Date(t)))).toEqual(expected);
    expect(swedishDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(swedishDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
