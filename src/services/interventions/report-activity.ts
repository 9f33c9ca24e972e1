import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan } from '../plan-command.ts';
import { requireOpen } from '../plan-rows.ts';

export interface ReportActivityOptions {
  actor: Actor;
  planId: string;
  interventionId: string;
  report: { status: 'planned' | 'ongoing' | 'done' | 'cancelled'; note: string };
}

/**
 * Activity follow-up (aktivitetsuppföljning): the responsible unit reports how its intervention
 * goes between meetings. Only the unit responsible for the intervention reports on it.
 */
export async function reportActivity(ctx: Context, { actor, planId, interventionId, report }: ReportActivityOptions): Promise<{ id: string; interventionVersion: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'intervention.report' }, async (step) => {
    requireOpen(step);
    if (!report.note.trim()) throw invalid([{ field: '/note', code: 'required', message: 'Beskriv hur insatsen går.' }]);
    const iv = (await step.tx.query<{ unit_id: string }>(
      'SELECT unit_id FROM interventions WHERE county = $1 AND plan_id = $2 AND id = $3::uuid FOR UPDATE',
      [step.plan.county, step.plan.id, interventionId]))[0];
    if (!iv) throw invalid([{ field: '/interventionId', code: 'unknown', message: 'Ingen sådan insats i planen.' }]);
    if (iv.unit_id !== actor.unitId) throw invalid([{ field: '/interventionId', code: 'not_responsible', message: 'Det är en annan verksamhets insats.' }]);
    const [{ id }] = (await step.tx.query<{ id: string }>(
      `INSERT INTO activity_reports (county, id, plan_id, intervention_id, status, note, reported_by, reported_unit)
       VALUES ($1, uuid_v7(), $2, $3, $4, $5, $6, $7) RETURNING id`,
      [step.plan.county, step.plan.id, interventionId, report.status, report.note.trim(), actor.staffId, actor.unitId])) as [{ id: string }];
    const [{ version }] = (await step.tx.query<{ version: number }>(
      `UPDATE interventions SET status = $4, done_on = CASE WHEN $4 = 'done' THEN coalesce(done_on, $5::date) END, version = version + 1
       WHERE county = $1 AND plan_id = $2 AND id = $3 RETURNING version`,
      [step.plan.county, step.plan.id, interventionId, report.status, step.today])) as [{ version: number }];
    Object.assign(step.detail, { interventionId, reportId: id });
    return { id, interventionVersion: version };
  });
}
