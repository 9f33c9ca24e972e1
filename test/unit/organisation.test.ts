/**
 * The HSA-id staff sign in with, checked as Inera's HSA catalogue writes it, and the e-mail shape
 * check; the server and the web form use the same functions (src/domain/organisation.ts).
 */
import { describe, expect, it } from 'vitest';
import { isEmailAddress, parseHsaId, UNIT_KINDS } from '../../src/domain/organisation.ts';

describe('HSA-id', () => {
  it.each([
    ['SE2321000255-A01', 'SE2321000255-A01'],
    ['  se2321000255-b10 ', 'SE2321000255-B10'],
    ['SE2120001290-1', 'SE2120001290-1'],
    [`SE2321000255-${'Z'.repeat(18)}`, `SE2321000255-${'Z'.repeat(18)}`],
  ])('accepts %j as %s', (input, value) => {
    expect(parseHsaId(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'], ['   ', 'empty'],
    ['SE2321000255', 'format'], ['SE2321000255-', 'format'], ['SE232100025-A01', 'format'], ['SE23210002555-A01', 'format'],
    ['DK2321000255-A01', 'format'], ['SE2321000255-ÅSA', 'format'], ['SE2321000255-A@1', 'format'], ['SE2321000255-A 1', 'format'],
    // Letters that upper-case into allowed ones are refused as typed.
    ['SE2321000255-ß', 'format'], ['SE2321000255-ı', 'format'],
    [`SE2321000255-${'Z'.repeat(19)}`, 'length'],
  ])('refuses %j (%s), with a message that names the rule', (input, error) => {
    const r = parseHsaId(input);
    expect(r).toMatchObject({ ok: false, error });
    expect(r.ok ? '' : r.message).toMatch(/HSA-id/);
  });
});

describe('e-mail address', () => {
  it('catches typing mistakes only', () => {
    expect(['anna.lind@example.se', 'a+b@region.skane.se'].map(isEmailAddress)).toEqual([true, true]);
    expect(['anna.lind.example.se', 'anna@lind', 'anna @example.se', `${'a'.repeat(250)}@x.se`].map(isEmailAddress)).toEqual([false, false, false, false]);
  });
});

describe('unit kinds', () => {
  it('are the ones the database allows (units.kind in migration 001)', async () => {
    const { readFileSync } = await import('node:fs');
    const sql = readFileSync('src/store/migrations/001_organisation.sql', 'utf8');
    const check = /kind\s+text NOT NULL CHECK \(kind IN \(([^)]*)\)\)/g;
    const lists = [...sql.matchAll(check)].map((m) => [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((q) => q[1]));
    expect(lists).toContainEqual([...UNIT_KINDS]);
  });
});
