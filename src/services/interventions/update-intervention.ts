import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan } from '../plan-command.ts';
import { sentOnly, updateRow } from '../plan-rows.ts';
import { requireParticipatingUnit, requireStaffInUnit } from '../references.ts';

export interface UpdateInterventionOptions {
  actor: Actor;
  planId: string;
  interventionId: string;
  version: number | undefined;
  patch: { description?: string; unitId?: string; responsibleStaffId?: string; startsOn?: string; dueOn?: string; status?: 'planned' | 'ongoing' | 'done' | 'cancelled' };
}

/** Changes an intervention; moving it to another unit moves the responsibility to that unit's principal. */
export async function updateIntervention(ctx: Context, { actor, planId, interventionId, version, patch }: UpdateInterventionOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'intervention.update' }, async (step) => {
    const current = (await step.tx.query<{ unit_id: string; starts_on: string; due_on: string }>(
      'SELECT unit_id, starts_on, due_on FROM interventions WHERE county = $1 AND plan_id = $2 AND id = $3::uuid',
      [step.plan.county, step.plan.id, interventionId]))[0];
    if (!current) throw invalid([{ field: '/interventionId', code: 'unknown', message: 'Ingen sådan insats i planen.' }]);
    const values = sentOnly(patch, { description: 'description', unitId: 'unit_id', responsibleStaffId: 'responsible_staff_id', startsOn: 'starts_on', dueOn: 'due_on', status: 'status' });
    const unitId = patch.unitId ?? current.unit_id;
    if (patch.unitId) values.principal_id = (await requireParticipatingUnit(step.tx, step.plan.county, step.plan.id, patch.unitId, '/unitId')).principalId;
    if (patch.responsibleStaffId || patch.unitId) await requireStaffInUnit(step.tx, step.plan.county, patch.responsibleStaffId ?? '', unitId, '/responsibleStaffId');
    if ((patch.dueOn ?? current.due_on) < (patch.startsOn ?? current.starts_on)) throw invalid([{ field: '/dueOn', code: 'before_start', message: 'Slutdatum före startdatum.' }]);
    if (patch.status) values.done_on = patch.status === 'done' ? step.today : null;
    step.detail.interventionId = interventionId;
    return { version: await updateRow(step, 'interventions', interventionId, version, values, '/interventionId') };
  });
}
