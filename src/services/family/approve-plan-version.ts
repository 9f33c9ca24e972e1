import type { Citizen } from '../../access/citizen-access.ts';
import type { Context } from '../context.ts';
import { conflict, invalid, stale } from '../errors.ts';
import { inFamilyPlan } from './family-command.ts';

/**
 * The family approves the plan's latest version, or comments on it: the plan is not changed
 * without the person's approval (Skåne's routine; SoL 2 kap 7 §), and staff see the answer. An
 * answer names the version it was given on; a newer version since is 412.
 */
export async function approvePlanVersion(ctx: Context, citizen: Citizen, o: { planId: string; versionNo: number; decision: 'approved' | 'commented'; comment?: string | null }): Promise<{ versionNo: number; decision: string }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'C', event: 'family.approval' }, async ({ tx, plan, now, detail }) => {
    const comment = o.comment?.trim() || null;
    if (o.decision === 'commented' && !comment) throw invalid([{ field: '/comment', code: 'required', message: 'Skriv vad du vill ändra eller fråga om.' }]);
    if (plan.planVersion === 0) throw conflict('no_version', 'Planen har ingen version att godkänna än.', [{ field: '/versionNo', code: 'no_version', message: 'Planen är inte upprättad.' }]);
    if (o.versionNo !== plan.planVersion) throw stale(plan.planVersion);
    const rows = await tx.query(
      `INSERT INTO plan_approvals (county, id, plan_id, version_no, person_id, role, decision, comment, decided_at)
       VALUES ($1, uuid_v7(), $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (county, plan_id, version_no, person_id) DO NOTHING RETURNING 1`,
      [plan.county, plan.id, o.versionNo, plan.personId, plan.as, o.decision, comment, now]);
    if (rows.length === 0) throw conflict('already_answered', 'Du har redan svarat på den här versionen.', [{ field: '/versionNo', code: 'already_answered', message: 'Redan besvarad.' }]);
    Object.assign(detail, { versionNo: o.versionNo, decision: o.decision });
    return { versionNo: o.versionNo, decision: o.decision };
  });
}
