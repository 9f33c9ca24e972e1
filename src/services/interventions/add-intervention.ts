import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan } from '../plan-command.ts';
import { insertRow } from '../plan-rows.ts';
import { requireParticipatingUnit, requireStaffInUnit } from '../references.ts';

export interface InterventionInput {
  goalId?: string | null;
  description: string;
  unitId: string;
  responsibleStaffId: string;
  startsOn: string;
  dueOn: string;
}

export interface AddInterventionOptions {
  actor: Actor;
  planId: string;
  intervention: InterventionInput;
}

/**
 * Adds an intervention (insats) with its responsible principal, unit and named person
 * (SoL 2 kap 7 § p. 2: which interventions each principal is responsible for). The principal is
 * the one the responsible unit belongs to; the unit must take part in the plan.
 */
export async function addIntervention(ctx: Context, { actor, planId, intervention: i }: AddInterventionOptions): Promise<{ id: string; version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'intervention.add' }, async (step) => {
    if (i.dueOn < i.startsOn) throw invalid([{ field: '/dueOn', code: 'before_start', message: 'Slutdatum före startdatum.' }]);
    const { principalId } = await requireParticipatingUnit(step.tx, step.plan.county, step.plan.id, i.unitId, '/unitId');
    await requireStaffInUnit(step.tx, step.plan.county, i.responsibleStaffId, i.unitId, '/responsibleStaffId');
    if (i.goalId) {
      const g = await step.tx.query('SELECT 1 FROM goals WHERE county = $1 AND plan_id = $2 AND id = $3::uuid', [step.plan.county, step.plan.id, i.goalId]);
      if (!g[0]) throw invalid([{ field: '/goalId', code: 'unknown', message: 'Inget sådant mål i planen.' }]);
    }
    const id = await insertRow(step, 'interventions', {
      goal_id: i.goalId ?? null, description: i.description.trim(), principal_id: principalId, unit_id: i.unitId,
      responsible_staff_id: i.responsibleStaffId, starts_on: i.startsOn, due_on: i.dueOn, created_by: actor.staffId,
    });
    step.detail.interventionId = id;
    return { id, version: 1 };
  });
}
