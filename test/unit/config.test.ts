/**
 * Settings from the environment: a setting that would make the server fail later, on a user's
 * request, is refused at start with a message naming it.
 */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';

const env = (extra: Record<string, string>) => ({ SAMPLAN_SECRET: 'test', ...extra });

describe('readConfig: SAMPLAN_READ_BATCHES', () => {
  it('is 2 when unset or empty, and what is given when it is a whole number from 1', () => {
    expect(readConfig(env({})).readBatches).toBe(2);
    expect(readConfig(env({ SAMPLAN_READ_BATCHES: '' })).readBatches).toBe(2);
    expect(readConfig(env({ SAMPLAN_READ_BATCHES: '6' })).readBatches).toBe(6);
  });

  it.each(['0', '-1', '1.5', 'två'])('refuses %j, naming the setting', (value) => {
    expect(() => readConfig(env({ SAMPLAN_READ_BATCHES: value }))).toThrow(/SAMPLAN_READ_BATCHES/);
  });
});
