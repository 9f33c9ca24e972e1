import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan } from '../plan-command.ts';

export interface GetPlanVersionOptions {
  actor: Actor;
  planId: string;
  versionNo: number;
}

/** Reads an earlier (or the current) established version of the plan, as it was frozen. */
export async function getPlanVersion(ctx: Context, { actor, planId, versionNo }: GetPlanVersionOptions): Promise<{ versionNo: number; reason: string; createdAt: Date; content: unknown }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.read', action: 'R', event: 'plan.read_version' }, async ({ tx, plan, detail }) => {
    detail.versionNo = versionNo;
    const row = (await tx.query<{ version_no: number; reason: string; created_at: Date; content: unknown }>(
      'SELECT version_no, reason, created_at, content FROM plan_versions WHERE county = $1 AND plan_id = $2 AND version_no = $3',
      [plan.county, plan.id, versionNo]))[0];
    if (!row) throw invalid([{ field: '/versionNo', code: 'unknown', message: 'Ingen sådan version.' }]);
    return { versionNo: row.version_no, reason: row.reason, createdAt: row.created_at, content: row.content };
  });
}
