/**
 * Adding and editing the rows that make up a plan's contents (needs, goals, interventions,
 * measures by others). Every edit names the row's version; a stale edit changes nothing (412).
 */
import { isOpen } from '../domain/plan-lifecycle.ts';
import type { PlanStep } from './plan-command.ts';
import { conflict, invalid, stale, versionRequired } from './errors.ts';

export type ContentTable = 'needs' | 'goals' | 'interventions' | 'measures_by_others';

/** Contents change only while the plan is open. */
export function requireOpen(step: PlanStep): void {
  if (!isOpen(step.plan.state)) {
    throw conflict('plan_not_open', 'Planen är avslutad och kan inte ändras.', [{ field: '/state', code: 'not_open', message: 'Planen är inte öppen.' }]);
  }
}

/** Inserts a content row; `values` are column → value (columns come from code, never from input). */
export async function insertRow(step: PlanStep, table: ContentTable, values: Record<string, unknown>): Promise<string> {
  requireOpen(step);
  const cols = ['county', 'id', 'plan_id', ...Object.keys(values)];
  const params = [step.plan.county, step.plan.id, ...Object.values(values)];
  const rows = await step.tx.query<{ id: string }>(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES ($1, uuid_v7(), ${params.slice(1).map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
    params);
  return rows[0]!.id;
}

/** Updates a content row if `version` is still its version; returns the new version. */
export async function updateRow(step: PlanStep, table: ContentTable, id: string, version: number | undefined, values: Record<string, unknown>, field: string): Promise<number> {
  requireOpen(step);
  if (version === undefined) throw versionRequired();
  const cols = Object.keys(values);
  const rows = await step.tx.query<{ version: number }>(
    `UPDATE ${table} SET ${[...cols.map((c, i) => `${c} = $${i + 5}`), 'version = version + 1'].join(', ')}
     WHERE county = $1 AND plan_id = $2 AND id = $3::uuid AND version = $4 RETURNING version`,
    [step.plan.county, step.plan.id, id, version, ...Object.values(values)]);
  if (rows[0]) return rows[0].version;
  const current = (await step.tx.query<{ version: number }>(
    `SELECT version FROM ${table} WHERE county = $1 AND plan_id = $2 AND id = $3::uuid`, [step.plan.county, step.plan.id, id]))[0];
  if (!current) throw invalid([{ field, code: 'unknown', message: 'Finns inte i planen.' }]);
  throw stale(current.version);
}

/** Keeps only the keys the user sent (a PATCH changes what it names and nothing else). */
export function sentOnly<T extends Record<string, unknown>>(patch: T, columns: Partial<Record<keyof T, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) if (patch[key] !== undefined) out[column as string] = patch[key];
  return out;
}

/** A goal may only refer to a need of the same plan. */
export async function requireNeedInPlan(step: PlanStep, needId: string): Promise<void> {
  const rows = await step.tx.query('SELECT 1 FROM needs WHERE county = $1 AND plan_id = $2 AND id = $3::uuid AND removed_at IS NULL', [step.plan.county, step.plan.id, needId]);
  if (!rows[0]) throw invalid([{ field: '/needId', code: 'unknown', message: 'Inget sådant behov i planen.' }]);
}
