import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan, requireVersion } from '../plan-command.ts';
import { requireOpen } from '../plan-rows.ts';
import { requireParticipatingUnit, requireStaffInUnit } from '../references.ts';

export interface UpdatePlanOptions {
  actor: Actor;
  planId: string;
  version: number | undefined;
  patch: {
    reason?: string;
    coordinator?: { staffId: string; unitId: string } | null;
    overallPrincipalId?: string | null;
    nextFollowUpOn?: string | null;
    noMeasuresByOthers?: boolean;
  };
}

/**
 * Changes the plan's own fields: the coordinator (samordnare, from a participating unit), the
 * principal with overall responsibility (SoL 2 kap 7 § p. 4, a participating principal), the
 * next follow-up date, and the statement that no one else takes measures (p. 3).
 */
export async function updatePlan(ctx: Context, { actor, planId, version, patch }: UpdatePlanOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'U', event: 'plan.update' }, async (step) => {
    requireOpen(step);
    requireVersion(step.plan.version, version);
    const { tx, plan } = step;
    const set: Record<string, unknown> = {};
    if (patch.reason !== undefined) {
      if (!patch.reason.trim()) throw invalid([{ field: '/reason', code: 'required', message: 'Får inte vara tomt.' }]);
      set.reason = patch.reason.trim();
    }
    if (patch.coordinator !== undefined) {
      if (patch.coordinator) {
        await requireParticipatingUnit(tx, plan.county, plan.id, patch.coordinator.unitId, '/coordinator/unitId');
        await requireStaffInUnit(tx, plan.county, patch.coordinator.staffId, patch.coordinator.unitId, '/coordinator/staffId');
      }
      set.coordinator_staff_id = patch.coordinator?.staffId ?? null;
      set.coordinator_unit_id = patch.coordinator?.unitId ?? null;
    }
    if (patch.overallPrincipalId !== undefined) {
      if (patch.overallPrincipalId) {
        const ok = await tx.query(
          `SELECT 1 FROM plan_participants pp JOIN units u ON u.county = pp.county AND u.id = pp.unit_id
           WHERE pp.county = $1 AND pp.plan_id = $2 AND pp.kind = 'unit' AND pp.active AND u.principal_id = $3::uuid LIMIT 1`,
          [plan.county, plan.id, patch.overallPrincipalId]);
        if (!ok[0]) throw invalid([{ field: '/overallPrincipalId', code: 'not_participating', message: 'Huvudmannen deltar inte i planen.' }]);
      }
      set.overall_principal_id = patch.overallPrincipalId;
    }
    if (patch.nextFollowUpOn !== undefined) {
      if (patch.nextFollowUpOn && patch.nextFollowUpOn <= step.today) throw invalid([{ field: '/nextFollowUpOn', code: 'not_future', message: 'Datumet ska ligga efter i dag.' }]);
      set.next_follow_up_on = patch.nextFollowUpOn;
    }
    if (patch.noMeasuresByOthers !== undefined) set.no_measures_by_others = patch.noMeasuresByOthers;
    const cols = Object.keys(set);
    const rows = await tx.query<{ version: number }>(
      `UPDATE plans SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE county = $1 AND id = $2 AND version = $3 RETURNING version`,
      [plan.county, plan.id, version, ...Object.values(set)]);
    if (!rows[0]) requireVersion(-1, version);
    step.detail.fields = cols;
    return { version: rows[0]!.version };
  });
}
