/**
 * The operator's county settings on the command line, as an operator runs them: a real process on
 * a fresh embedded database, its answer, its exit code, and what it changed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'samplan-cli-'));

function samplan(...args: string[]) {
  // Always the embedded database in its own directory, never the server the suite may run on.
  const env: NodeJS.ProcessEnv = { ...process.env, SAMPLAN_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['src/cli.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('samplan young-person-age', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sets the age from which a young person sees their own plan, and refuses what the rules do not allow', async () => {
    const ok = samplan('young-person-age', '12', '15');
    expect(ok.err).not.toMatch(/Error/);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Skåne.*15 år/);

    const tooYoung = samplan('young-person-age', '12', '9');
    expect(tooYoung.code).toBe(2);
    expect(tooYoung.err).toContain('/age');
    const unknown = samplan('young-person-age', '99', '14');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('/county');

    const db = await openDatabase({ url: undefined, dataDir: `${dataDir}/pglite`, poolSize: 1 });
    try {
      const rows = await db.query<{ county: string; age: number }>("SELECT county, young_person_access_age AS age FROM counties WHERE county IN ('12', '01') ORDER BY county");
      // Skåne changed; Stockholm kept the default; the refused calls changed nothing.
      expect(rows).toEqual([{ county: '01', age: 13 }, { county: '12', age: 15 }]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
