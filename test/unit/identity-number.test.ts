import { describe, it, expect } from 'vitest';
import {
  ageOn,
  formatIdentityNumber,
  lastFour,
  luhnCheckDigit,
  maskIdentityNumber,
  parseIdentityNumber,
} from '../../src/domain/identity-number.ts';
import type { IdentityNumber, IdentityNumberError, ParseResult } from '../../src/domain/identity-number.ts';

const TODAY = '2026-11-22';

/*
 * Test numbers. Check digit C = Luhn over YYMMDDNNN, weights 2,1,2,1,2,1,2,1,2, digits of products
 * summed, C = (10 - sum % 10) % 10. Hand-computed:
 *
 *   19121212-1212  121212121: 2+2+2+2+2+2+2+2+2 = 18                    → C=2  (Skatteverket's example)
 *   20100567-2389  100567238: 2+0+0+5+(12→3)+7+4+3+(16→7) = 31          → C=9  (samordningsnummer, 2010-05-07, day 67)
 *   20140315-1234  140315123: 2+4+0+3+2+5+2+2+6 = 26                    → C=4  (child, 12 years old on 2026-11-22)
 *   20000229-1235  000229123: 0+0+0+2+4+9+2+2+6 = 25                    → C=5  (leap-day birth)
 *   20230229-1238  230229123: 4+3+0+2+4+9+2+2+6 = 32                    → C=8  (29 Feb in a common year: bad date)
 *   20230230-1235  230230123: 4+3+0+2+6+0+2+2+6 = 25                    → C=5  (30 Feb: bad date)
 *   20231301-1237  231301123: 4+3+2+3+0+1+2+2+6 = 23                    → C=7  (month 13: bad date)
 *   20100291-1236  100291123: 2+0+0+2+(18→9)+1+2+2+6 = 24               → C=6  (samordningsnummer for 31 Feb: bad date)
 *   20100592-1232  100592123: 2+0+0+5+(18→9)+2+2+2+6 = 28               → C=2  (day 92: bad date)
 *   20261201-1235  261201123: 4+6+2+2+0+1+2+2+6 = 25                    → C=5  (after TODAY: future)
 *   261122-1231    261122123: 4+6+2+1+4+2+2+2+6 = 29                    → C=1  (born exactly on TODAY's day/month)
 *   261123-1230    261123123: 4+6+2+1+4+3+2+2+6 = 30                    → C=0  (day after TODAY's day/month)
 */

function expectOk(result: ParseResult): IdentityNumber {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}`);
  return result.value;
}

function expectError(result: ParseResult, error: IdentityNumberError): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toBe(error);
}

describe('luhnCheckDigit', () => {
  it('computes the hand-verified check digits', () => {
    expect(luhnCheckDigit('121212121')).toBe(2);
    expect(luhnCheckDigit('100567238')).toBe(9);
    expect(luhnCheckDigit('140315123')).toBe(4);
    expect(luhnCheckDigit('261123123')).toBe(0); // sum divisible by 10 → 0, not 10
  });

  it('rejects anything but exactly nine digits', () => {
    expect(() => luhnCheckDigit('12121212')).toThrow(RangeError);
    expect(() => luhnCheckDigit('1212121212')).toThrow(RangeError);
    expect(() => luhnCheckDigit('12121212a')).toThrow(RangeError);
  });
});

describe('parseIdentityNumber: valid personnummer in every input form', () => {
  const expected: IdentityNumber = { kind: 'personnummer', normalised: '191212121212', birthDate: '1912-12-12' };

  it.each([
    ['12 digits with -', '19121212-1212'],
    ['12 digits without separator', '191212121212'],
    ['12 digits with + (separator ignored)', '19121212+1212'],
    ['surrounding whitespace', '  19121212-1212\t'],
    ['10 digits with + for someone aged 100+', '121212+1212'],
  ])('%s', (_label, input) => {
    expect(expectOk(parseIdentityNumber(input, { today: TODAY }))).toEqual(expected);
  });

  it('10 digits with - or none: century giving an age of 0–99 (2012, not 1912)', () => {
    for (const input of ['121212-1212', '1212121212']) {
      const v = expectOk(parseIdentityNumber(input, { today: TODAY }));
      expect(v.normalised).toBe('201212121212');
      expect(v.birthDate).toBe('2012-12-12');
    }
  });

  it('parses a 12-year-old child in 12- and 10-digit form', () => {
    const twelve = expectOk(parseIdentityNumber('20140315-1234', { today: TODAY }));
    const ten = expectOk(parseIdentityNumber('140315-1234', { today: TODAY }));
    expect(twelve).toEqual({ kind: 'personnummer', normalised: '201403151234', birthDate: '2014-03-15' });
    expect(ten).toEqual(twelve);
    expect(ageOn(twelve.birthDate ?? '', TODAY)).toBe(12);
  });

  it('chooses the century at the 0/99/100 boundaries around today', () => {
    // Birthday today in the current year → born today (age 0), not 100 years ago.
    expect(expectOk(parseIdentityNumber('261122-1231', { today: TODAY })).birthDate).toBe('2026-11-22');
    // One day later would be in the future → previous century, age 99.
    expect(expectOk(parseIdentityNumber('261123-1230', { today: TODAY })).birthDate).toBe('1926-11-23');
    // '+' moves a further century back: 100 and 199 years old.
    expect(expectOk(parseIdentityNumber('261122+1231', { today: TODAY })).birthDate).toBe('1926-11-22');
    expect(expectOk(parseIdentityNumber('261123+1230', { today: TODAY })).birthDate).toBe('1826-11-23');
  });

  it('accepts a leap-day birth, and validates it against the chosen century', () => {
    expect(expectOk(parseIdentityNumber('20000229-1235', { today: TODAY })).birthDate).toBe('2000-02-29');
    expect(expectOk(parseIdentityNumber('000229-1235', { today: TODAY })).birthDate).toBe('2000-02-29');
    // With '+' the century is 1900, which was not a leap year.
    expectError(parseIdentityNumber('000229+1235', { today: TODAY }), 'date');
  });

  it('accepts a birth date equal to today', () => {
    expect(expectOk(parseIdentityNumber('20261122-1231', { today: TODAY })).birthDate).toBe('2026-11-22');
  });
});

describe('parseIdentityNumber: samordningsnummer', () => {
  it('recognises day + 60 and reports the real birth date', () => {
    const v = expectOk(parseIdentityNumber('20100567-2389', { today: TODAY }));
    expect(v).toEqual({ kind: 'samordningsnummer', normalised: '201005672389', birthDate: '2010-05-07' });
  });

  it('works in 10-digit form too', () => {
    const v = expectOk(parseIdentityNumber('100567-2389', { today: TODAY }));
    expect(v.kind).toBe('samordningsnummer');
    expect(v.normalised).toBe('201005672389');
    expect(v.birthDate).toBe('2010-05-07');
  });

  it('rejects a real day that does not exist (31 Feb) and day 92', () => {
    expectError(parseIdentityNumber('20100291-1236', { today: TODAY }), 'date');
    expectError(parseIdentityNumber('20100592-1232', { today: TODAY }), 'date');
  });
});

describe('parseIdentityNumber: errors', () => {
  it('empty or blank input', () => {
    expectError(parseIdentityNumber('', { today: TODAY }), 'empty');
    expectError(parseIdentityNumber('   ', { today: TODAY, allowReserve: true }), 'empty');
  });

  it('every wrong check digit is caught', () => {
    for (const c of [0, 1, 3, 4, 5, 6, 7, 8, 9]) {
      expectError(parseIdentityNumber(`19121212-121${c}`, { today: TODAY }), 'check_digit');
    }
    expectError(parseIdentityNumber('100567-2388', { today: TODAY }), 'check_digit');
  });

  it('invalid calendar dates', () => {
    expectError(parseIdentityNumber('20230230-1235', { today: TODAY }), 'date');
    expectError(parseIdentityNumber('20230229-1238', { today: TODAY }), 'date');
    expectError(parseIdentityNumber('20231301-1237', { today: TODAY }), 'date');
  });

  it('birth date after today', () => {
    expectError(parseIdentityNumber('20261201-1235', { today: TODAY }), 'future');
    // The same number is fine once that day has come.
    expect(parseIdentityNumber('20261201-1235', { today: '2026-12-01' }).ok).toBe(true);
  });

  it.each([
    ['11 digits', '19121212121'],
    ['13 digits', '1912121212123'],
    ['9 digits', '191212121'],
    ['too short after separator', '19121212-121'],
    ['separator in the wrong place', '1912-12121212'],
    ['two separators', '19121212--1212'],
    ['space as separator', '19121212 1212'],
  ])('wrong length or shape: %s', (_label, input) => {
    expectError(parseIdentityNumber(input, { today: TODAY }), 'format');
  });

  it('letters without allowReserve', () => {
    expectError(parseIdentityNumber('19121212-12A2', { today: TODAY }), 'format');
    expectError(parseIdentityNumber('RES-123456', { today: TODAY }), 'format');
    expectError(parseIdentityNumber('RES-123456', { today: TODAY, allowReserve: false }), 'format');
  });

  it('rejects a malformed today as a programming error', () => {
    expect(() => parseIdentityNumber('19121212-1212', { today: '20261122' })).toThrow(RangeError);
    expect(() => parseIdentityNumber('19121212-1212', { today: '2026-02-30' })).toThrow(RangeError);
  });

  it('error results never contain the input number (no digits at all)', () => {
    const cases: Array<[string, IdentityNumberError, boolean]> = [
      ['19121212-1213', 'check_digit', false],
      ['20230230-1235', 'date', false],
      ['20261201-1235', 'future', false],
      ['19121212121', 'format', false],
      ['19121212-12A2', 'format', false],
      ['19121212-1213', 'check_digit', true],
      ['1912121212123', 'format', true],
    ];
    for (const [input, error, allowReserve] of cases) {
      const result = parseIdentityNumber(input, { today: TODAY, allowReserve });
      expectError(result, error);
      if (result.ok) continue;
      expect(result.message.length).toBeGreaterThan(0);
      expect(result.message).not.toContain(input);
      expect(result.message).not.toContain(input.slice(-4));
      expect(JSON.stringify(result)).not.toMatch(/\d/);
    }
  });

  it('check digit message is in Swedish', () => {
    const result = parseIdentityNumber('19121212-1213', { today: TODAY });
    expect(result.ok ? '' : result.message).toBe('Kontrollsiffran stämmer inte.');
  });
});

describe('parseIdentityNumber: reservnummer', () => {
  it('accepted only with allowReserve, trimmed and upper-cased', () => {
    expect(expectOk(parseIdentityNumber('  99760312-abc1 ', { today: TODAY, allowReserve: true }))).toEqual({
      kind: 'reservnummer',
      normalised: '99760312-ABC1',
      birthDate: null,
    });
    expect(expectOk(parseIdentityNumber('RES-123456', { today: TODAY, allowReserve: true })).normalised).toBe('RES-123456');
    expect(expectOk(parseIdentityNumber('Res 12', { today: TODAY, allowReserve: true })).normalised).toBe('RES 12');
  });

  it('enforces 3–40 characters of [A-Za-z0-9 -]', () => {
    const opts = { today: TODAY, allowReserve: true };
    expectError(parseIdentityNumber('AB', opts), 'format');
    expect(parseIdentityNumber('ABC', opts).ok).toBe(true);
    expect(parseIdentityNumber('A'.repeat(40), opts).ok).toBe(true);
    expectError(parseIdentityNumber('A'.repeat(41), opts), 'format');
    expectError(parseIdentityNumber('RES_123', opts), 'format');
    expectError(parseIdentityNumber('RES+123', opts), 'format');
    expectError(parseIdentityNumber('RÖS-123', opts), 'format');
  });

  it('a personnummer-shaped input that fails is still an error, not a reservnummer', () => {
    const opts = { today: TODAY, allowReserve: true };
    expectError(parseIdentityNumber('19121212-1213', opts), 'check_digit');
    expectError(parseIdentityNumber('121212-1213', opts), 'check_digit');
    expectError(parseIdentityNumber('20230230-1235', opts), 'date');
    expectError(parseIdentityNumber('20261201-1235', opts), 'future');
  });

  it('digits-only input of the wrong length is not taken as a reservnummer', () => {
    const opts = { today: TODAY, allowReserve: true };
    expectError(parseIdentityNumber('19121212-121', opts), 'format');
    expectError(parseIdentityNumber('1912121212123', opts), 'format');
  });

  it('a valid personnummer is still a personnummer with allowReserve', () => {
    expect(expectOk(parseIdentityNumber('19121212-1212', { today: TODAY, allowReserve: true })).kind).toBe('personnummer');
  });
});

describe('formatting, masking, lastFour', () => {
  const pnr = { kind: 'personnummer', normalised: '191212121212' } as const;
  const snr = { kind: 'samordningsnummer', normalised: '201005672389' } as const;
  const res = { kind: 'reservnummer', normalised: 'RES-123456' } as const;

  it('formats as YYYYMMDD-NNNN; reservnummer as stored', () => {
    expect(formatIdentityNumber(pnr)).toBe('19121212-1212');
    expect(formatIdentityNumber(snr)).toBe('20100567-2389');
    expect(formatIdentityNumber(res)).toBe('RES-123456');
  });

  it('round-trips a 10-digit input into the 12-digit display form', () => {
    expect(formatIdentityNumber(expectOk(parseIdentityNumber('121212+1212', { today: TODAY })))).toBe('19121212-1212');
  });

  it('masks the last four; reservnummer keeps two characters', () => {
    expect(maskIdentityNumber(pnr)).toBe('19121212-****');
    expect(maskIdentityNumber(snr)).toBe('20100567-****');
    expect(maskIdentityNumber(res)).toBe('RE****');
    expect(maskIdentityNumber(pnr)).not.toContain('1212-1212');
  });

  it('lastFour', () => {
    expect(lastFour(pnr)).toBe('1212');
    expect(lastFour(snr)).toBe('2389');
    expect(lastFour(res)).toBe('3456');
  });

  it('refuses a malformed normalised personnummer without echoing it', () => {
    const bad = { kind: 'personnummer', normalised: '19121212-1212' } as const;
    expect(() => formatIdentityNumber(bad)).toThrow(RangeError);
    expect(() => maskIdentityNumber(bad)).toThrow(RangeError);
    expect(() => formatIdentityNumber(bad)).not.toThrow(/1212/);
  });
});

describe('ageOn', () => {
  it('increases on the birthday, not the day before', () => {
    expect(ageOn('2014-03-15', '2027-03-14')).toBe(12);
    expect(ageOn('2014-03-15', '2027-03-15')).toBe(13);
    expect(ageOn('2014-03-15', '2026-11-22')).toBe(12);
  });

  it('handles month boundaries (later month, earlier day)', () => {
    expect(ageOn('2014-03-15', '2027-04-01')).toBe(13);
    expect(ageOn('2014-03-15', '2027-02-28')).toBe(12);
  });

  it('is 0 on the day of birth and 100 for the 1926-11-22 birth', () => {
    expect(ageOn('2026-11-22', TODAY)).toBe(0);
    expect(ageOn('1926-11-22', TODAY)).toBe(100);
    expect(ageOn('1926-11-23', TODAY)).toBe(99);
  });

  it('leap-day birth: birthday counts from 1 March in common years, 29 Feb in leap years', () => {
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-28')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('rejects malformed dates', () => {
    expect(() => ageOn('2014-3-15', TODAY)).toThrow(RangeError);
    expect(() => ageOn('2014-03-15', '2026-13-01')).toThrow(RangeError);
  });
});
