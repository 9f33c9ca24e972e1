/**
 * Loads the 21 counties (län) and 290 municipalities with their SCB codes (from shared/data,
 * copied to ./reference). Idempotent: running it again changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { Queryable } from './database.ts';

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(new URL(`./reference/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i]!, v.trim()])));
}

export const COUNTIES = readCsv('counties.csv');
export const MUNICIPALITIES = readCsv('municipalities.csv');

export async function loadReferenceData(tx: Queryable): Promise<void> {
  await tx.query(
    `INSERT INTO counties (county, name, region_name)
     SELECT c->>'county_code', c->>'county_name', c->>'region_name' FROM jsonb_array_elements($1::jsonb) AS c
     ON CONFLICT DO NOTHING`, [JSON.stringify(COUNTIES)]);
  await tx.query(
    `INSERT INTO municipalities (county, code, name)
     SELECT m->>'county_code', m->>'municipality_code', m->>'municipality_name' FROM jsonb_array_elements($1::jsonb) AS m
     ON CONFLICT DO NOTHING`, [JSON.stringify(MUNICIPALITIES)]);
}
