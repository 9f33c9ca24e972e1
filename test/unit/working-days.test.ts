import { describe, it, expect } from 'vitest';
import { addCalendarDays, addWorkingDays, holidayName, isWorkingDay, workingDaysBetween } from '../../src/domain/working-days.ts';

// Every expected date below is reasoned out from a printed calendar and lag (1989:253) om allmänna
// helgdagar, never from the functions under test. The months that matter, Monday first:
//
//      March 2027              April 2027              May 2027
// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
//  1  2  3  4  5  6  7              1  2  3  4                    1  2
//  8  9 10 11 12 13 14     5  6  7  8  9 10 11     3  4  5  6  7  8  9
// 15 16 17 18 19 20 21    12 13 14 15 16 17 18    10 11 12 13 14 15 16
// 22 23 24 25 26 27 28    19 20 21 22 23 24 25    17 18 19 20 21 22 23
// 29 30 31                26 27 28 29 30          24 25 26 27 28 29 30
//
//      June 2027               July 2027            December 2026 / January 2027
// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
//     1  2  3  4  5  6              1  2  3  4        21 22 23 24 25 26 27
//  7  8  9 10 11 12 13     5  6  7  8  9 10 11        28 29 30 31  1  2  3
// 14 15 16 17 18 19 20    12 13 14 15 16 17 18         4  5  6  7  8  9 10
// 21 22 23 24 25 26 27    19 20 21 22 23 24 25
// 28 29 30                26 27 28 29 30 31
//
// Easter Sunday 2027 is 28 March: Good Friday (långfredagen) 26 March, Easter Monday (annandag påsk)
// 29 March. Ascension (Kristi himmelsfärdsdag), the sixth Thursday after Easter: 6 May. Whitsun
// (pingstdagen) 16 May; Whit Monday 17 May has been an ordinary working day since 2005.
// Midsummer eve 2027: Friday 25 June (the Friday between 19 and 25 June); midsommardagen Sat 26.
// National Day 6 June: Sunday in 2027, Friday in 2025, Tuesday in 2028.
// Christmas 2026: julafton Thu 24, juldagen Fri 25, annandag jul Sat 26; nyårsafton Thu 31 Dec,
// nyårsdagen Fri 1 Jan 2027, trettondedag jul Wed 6 Jan 2027.

describe('isWorkingDay and holidayName', () => {
  it('an ordinary Wednesday is a working day with no holiday name', () => {
    expect(isWorkingDay('2027-03-17')).toBe(true);
    expect(holidayName('2027-03-17')).toBeNull();
  });

  it('plain Saturdays and Sundays are not working days and carry no holiday name', () => {
    expect(isWorkingDay('2027-03-20')).toBe(false);
    expect(isWorkingDay('2027-03-21')).toBe(false);
    expect(holidayName('2027-03-20')).toBeNull();
  });

  it('Easter 2027: Good Friday and Easter Monday are off, Maundy Thursday is a working day', () => {
    expect(isWorkingDay('2027-03-25')).toBe(true); // skärtorsdagen: offices open
    expect(holidayName('2027-03-25')).toBeNull();
    expect(isWorkingDay('2027-03-26')).toBe(false);
    expect(holidayName('2027-03-26')).toBe('långfredagen');
    expect(holidayName('2027-03-28')).toBe('påskdagen');
    expect(isWorkingDay('2027-03-29')).toBe(false);
    expect(holidayName('2027-03-29')).toBe('annandag påsk');
    expect(isWorkingDay('2027-03-30')).toBe(true);
  });

  it('Ascension Day (Thursday 6 May 2027) is off; Whit Monday 17 May 2027 is a working day', () => {
    expect(isWorkingDay('2027-05-06')).toBe(false);
    expect(holidayName('2027-05-06')).toBe('Kristi himmelsfärdsdag');
    expect(isWorkingDay('2027-05-17')).toBe(true);
    expect(holidayName('2027-05-17')).toBeNull();
  });

  it('National Day is off when it falls on a weekday (Friday 2025, Tuesday 2028)', () => {
    expect(isWorkingDay('2025-06-06')).toBe(false);
    expect(holidayName('2025-06-06')).toBe('nationaldagen');
    expect(isWorkingDay('2028-06-06')).toBe(false);
    expect(holidayName('2028-06-06')).toBe('nationaldagen');
    // On a Sunday (2027) it is off anyway and still has its name.
    expect(holidayName('2027-06-06')).toBe('nationaldagen');
    expect(isWorkingDay('2028-06-05')).toBe(true);
    expect(isWorkingDay('2028-06-07')).toBe(true);
  });

  it('midsummer eve, Christmas eve and New Year\'s eve are off although they are no public holidays', () => {
    expect(isWorkingDay('2027-06-24')).toBe(true);
    expect(isWorkingDay('2027-06-25')).toBe(false);
    expect(holidayName('2027-06-25')).toBe('midsommarafton');
    expect(holidayName('2027-06-26')).toBe('midsommardagen');
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(holidayName('2026-12-24')).toBe('julafton');
    expect(isWorkingDay('2026-12-31')).toBe(false);
    expect(holidayName('2026-12-31')).toBe('nyårsafton');
  });

  it('half days and days of observance stay working days', () => {
    expect(isWorkingDay('2027-01-05')).toBe(true); // trettondagsafton, Tuesday
    expect(isWorkingDay('2027-04-30')).toBe(true); // valborgsmässoafton, Friday
    expect(isWorkingDay('2027-11-05')).toBe(true); // allhelgonaafton, Friday
    expect(isWorkingDay('2027-12-13')).toBe(true); // Luciadagen, Monday
    expect(holidayName('2027-04-30')).toBeNull();
  });

  it('the three eves are off in every year 2020–2040 (guards the choice against a date-holidays upgrade)', () => {
    for (let year = 2020; year <= 2040; year++) {
      // Midsummer eve is the Friday between 19 and 25 June: found here with plain weekday arithmetic.
      const june = [19, 20, 21, 22, 23, 24, 25].find((d) => new Date(Date.UTC(year, 5, d)).getUTCDay() === 5)!;
      const eve = `${year}-06-${june}`;
      expect(isWorkingDay(eve), eve).toBe(false);
      expect(holidayName(eve), eve).toBe('midsommarafton');
      expect(isWorkingDay(`${year}-06-${june - 1}`), `day before ${eve}`).toBe(true);
      expect(holidayName(`${year}-12-24`)).toBe('julafton');
      expect(holidayName(`${year}-12-31`)).toBe('nyårsafton');
    }
  });

  it('a whole year: 2027 has 261 weekdays less 8 weekday holidays = 253 working days', () => {
    // 2027 starts on a Friday and has 365 days: 52 full weeks (260 weekdays) plus Friday 31 Dec.
    // Weekday holidays: 1 Jan (Fri), 6 Jan (Wed), 26 Mar (Fri), 29 Mar (Mon), 6 May (Thu),
    // 25 Jun (Fri, eve), 24 Dec (Fri, eve), 31 Dec (Fri, eve). 1 May, 6 Jun, 26 Jun, 6 Nov, 25 and
    // 26 Dec fall on a weekend.
    expect(workingDaysBetween('2026-12-31', '2027-12-31')).toBe(253);
  });

  it('refuses anything but a real ISO day', () => {
    expect(() => isWorkingDay('2027-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('27-03-01')).toThrow(RangeError);
    expect(() => isWorkingDay('2027-03-01T00:00:00Z')).toThrow(RangeError);
    expect(() => holidayName('2027-13-01')).toThrow(RangeError);
    expect(() => addWorkingDays('2027-03-01', 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('in an ordinary week: Friday + 1 is the next Monday', () => {
    expect(addWorkingDays('2027-03-19', 1)).toBe('2027-03-22');
    expect(addWorkingDays('2027-03-15', 5)).toBe('2027-03-22');
  });

  it('zero returns the day unchanged, even a holiday', () => {
    expect(addWorkingDays('2027-03-26', 0)).toBe('2027-03-26');
  });

  it('starting on a holiday does not count the holiday: Good Friday + 1 is Tuesday 30 March', () => {
    expect(addWorkingDays('2027-03-26', 1)).toBe('2027-03-30');
  });

  it('Lotsmodellen across Easter 2027: 15 working days from Monday 15 March is Wednesday 7 April', () => {
    // 16 17 18 19 | 22 23 24 25 (26 Good Friday, 29 Easter Monday off) | 30 31 1 2 | 5 6 7
    //  1  2  3  4 |  5  6  7  8                                           |  9 10 11 12 | 13 14 15
    // Three plain weeks would end on Monday 5 April; the two Easter holidays push it two days on.
    expect(addWorkingDays('2027-03-15', 15)).toBe('2027-04-07');
  });

  it('Lotsmodellen across midsummer 2027: 15 working days from Monday 14 June is Tuesday 6 July', () => {
    // 15 16 17 18 | 21 22 23 24 (25 midsummer eve off) | 28 29 30 1 2 | 5 6
    //  1  2  3  4 |  5  6  7  8                         |  9 10 11 12 13 | 14 15
    // Counting midsummer eve as a working day would wrongly give Monday 5 July.
    expect(addWorkingDays('2027-06-14', 15)).toBe('2027-07-06');
  });

  it('across Ascension Day: Wednesday 5 May 2027 + 1 is Friday 7 May', () => {
    expect(addWorkingDays('2027-05-05', 1)).toBe('2027-05-07');
  });

  it('across the year boundary 2026/2027', () => {
    // 24 julafton, 25 juldagen, 26–27 weekend → Monday 28 December.
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-28');
    // 31 nyårsafton, 1 nyårsdagen, 2–3 weekend → Monday 4 January; then Tuesday 5; Wednesday 6 is
    // trettondedag jul, so the third is Thursday 7 January.
    expect(addWorkingDays('2026-12-30', 1)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-30', 2)).toBe('2027-01-05');
    expect(addWorkingDays('2026-12-30', 3)).toBe('2027-01-07');
  });

  it('counts backwards with a negative number', () => {
    expect(addWorkingDays('2027-01-04', -1)).toBe('2026-12-30');
    expect(addWorkingDays('2027-04-07', -15)).toBe('2027-03-15');
    expect(addWorkingDays('2027-03-30', -1)).toBe('2027-03-25');
  });
});

describe('workingDaysBetween', () => {
  it('counts the days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2027-03-15', '2027-03-15')).toBe(0);
    expect(workingDaysBetween('2027-03-15', '2027-03-16')).toBe(1);
    expect(workingDaysBetween('2027-03-19', '2027-03-22')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2027-03-19', '2027-03-21')).toBe(0); // Friday → Sunday
  });

  it('Easter and midsummer 2027: the Lotsmodellen limits are exactly 15 working days away', () => {
    expect(workingDaysBetween('2027-03-15', '2027-04-07')).toBe(15);
    expect(workingDaysBetween('2027-03-15', '2027-04-08')).toBe(16);
    expect(workingDaysBetween('2027-06-14', '2027-07-06')).toBe(15);
    // Thursday 24 June → Monday 28 June skips midsummer eve: one working day.
    expect(workingDaysBetween('2027-06-24', '2027-06-28')).toBe(1);
  });

  it('the week of Ascension 2027 has four working days', () => {
    // Monday 3 May to Sunday 9 May: Tue 4, Wed 5, Fri 7 after Monday; Thursday 6 is off.
    expect(workingDaysBetween('2027-05-03', '2027-05-09')).toBe(3);
    expect(workingDaysBetween('2027-05-02', '2027-05-09')).toBe(4);
  });

  it('across the year boundary 2026/2027', () => {
    // After 23 Dec: 28, 29, 30 Dec; 4, 5 Jan; (6 Jan off) 7, 8 Jan → 7.
    expect(workingDaysBetween('2026-12-23', '2027-01-08')).toBe(7);
  });

  it('swapping the arguments only flips the sign', () => {
    expect(workingDaysBetween('2027-04-07', '2027-03-15')).toBe(-15);
  });
});

describe('addCalendarDays', () => {
  it('crosses month and year ends and leap days', () => {
    expect(addCalendarDays('2027-03-15', 3)).toBe('2027-03-18');
    expect(addCalendarDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-03-01', -1)).toBe('2027-02-28');
  });
});
