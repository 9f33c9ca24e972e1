/**
 * Every string of the web app goes through i18n: each key the code names exists in Swedish and in
 * English, and the two languages have the same keys (so that switching language never shows a raw
 * key to a user).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sv from '../../web/src/i18n/sv.json' with { type: 'json' };
import en from '../../web/src/i18n/en.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
const svKeys = new Set(keys(sv as Tree));
const enKeys = new Set(keys(en as Tree));
/** i18next plural forms: "found" is present when "found_one"/"found_other" are. */
const has = (set: Set<string>, key: string) => set.has(key) || set.has(`${key}_one`) || set.has(`${key}_other`);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('web app translations', () => {
  it('Swedish and English have the same keys', () => {
    expect([...svKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !svKeys.has(k))).toEqual([]);
  });

  it('every literal key the code uses exists in both languages', () => {
    const used = new Set<string>();
    for (const file of sources('web/src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(200);
    const missing = [...used].filter((k) => !has(svKeys, k) || !has(enKeys, k));
    expect(missing).toEqual([]);
  });

  it('every value a template key can take is translated (states, life areas, events, reasons)', async () => {
    const { PLAN_STATES } = await import('../../src/domain/plan-lifecycle.ts');
    const { LIFE_AREAS } = await import('../../src/services/mapping/add-need.ts');
    const { CLOSURE_REASONS } = await import('../../src/domain/plan-guards.ts');
    const families: Array<[string, readonly string[]]> = [
      ['state', PLAN_STATES], ['lifeArea', LIFE_AREAS], ['lifeAreaHint', LIFE_AREAS], ['close.reason', CLOSURE_REASONS],
      ['role', ['staff', 'manager', 'principal_admin', 'analyst']], ['interventionStatus', ['planned', 'ongoing', 'done', 'cancelled']],
      ['section', ['plan', 'samtycke', 'moten', 'kartlaggning', 'upprattande', 'uppfoljning', 'tidslinje', 'versioner']],
    ];
    const missing = families.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`)).filter((k) => !svKeys.has(k) || !enKeys.has(k));
    expect(missing).toEqual([]);
  });

  it('every notice the server can send, and every reason a plan is handed over, has its words', async () => {
    const { NOTIFICATION_KINDS } = await import('../../src/domain/notifications.ts');
    const { KIND_GROUPS } = await import('../../web/src/notifications/api.ts');
    // The values a column may hold, read from its CHECK in the migration that made it.
    const allowed = (migration: string, column: string): string[] => {
      const sql = readFileSync(`src/store/migrations/${migration}`, 'utf8');
      const m = new RegExp(`\\b${column}\\s+text NOT NULL CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql);
      if (!m) throw new Error(`no CHECK for ${column} in ${migration}`);
      return [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((x) => x[1]!);
    };
    const stages = allowed('008_notifications.sql', 'stage');
    const reasons = allowed('009_handover.sql', 'reason');
    const roles = allowed('009_handover.sql', 'role');
    expect(stages).toEqual(['reminder', 'overdue', 'info']);
    expect(reasons.length).toBeGreaterThan(1);
    const families: Array<[string, readonly string[]]> = [
      ['inbox.kind', NOTIFICATION_KINDS], ['emailPrefs.hint', NOTIFICATION_KINDS], ['inbox.stage', stages],
      ['inbox.open', ['plan', 'samtycke', 'moten', 'kartlaggning', 'upprattande', 'uppfoljning', 'tidslinje', 'versioner']],
      ['emailPrefs.group', KIND_GROUPS.map((g) => g.key)], ['handover.reason', reasons], ['handover.role', roles],
    ];
    const missing = families.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`)).filter((k) => !svKeys.has(k) || !enKeys.has(k));
    expect(missing).toEqual([]);
    // The email settings group every kind the server has, each once.
    expect(KIND_GROUPS.flatMap((g) => g.kinds).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it('every change the audit trail can hold has a name in the timeline', () => {
    const events = new Set<string>();
    for (const file of sources('src/services')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/event: '([a-z_]+\.[a-z_]+)'/g)) events.add(m[1]!);
    }
    const changes = [...events].filter((e) => !/\.(read|list|worklist|lookup|log_extract|print|read_version|read_timeline)$/.test(e) && !e.startsWith('person.'));
    expect(changes.length).toBeGreaterThan(15);
    expect(changes.filter((e) => !svKeys.has(`event.${e}`) || !enKeys.has(`event.${e}`))).toEqual([]);
  });
});
