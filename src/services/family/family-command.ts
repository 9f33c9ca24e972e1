/**
 * The one path of every family use case, the citizen's counterpart of src/services/plan-command.ts:
 * one transaction; the access check first; the work; the audit row last, in the same transaction
 * (patientdatalagen 4 kap 3 §: every access to the person's data is logged, the family's too).
 */
import type { Queryable } from '../../store/database.ts';
import { appendAudit, type AuditAction } from '../../store/audit.ts';
import { requireCitizenPlanAccess, type Citizen, type FamilyPlanHeader } from '../../access/citizen-access.ts';
import { swedishDate, type Context } from '../context.ts';

export interface FamilyStep {
  tx: Queryable;
  plan: FamilyPlanHeader;
  today: string;
  now: Date;
  /** Ids and codes for the audit row (never names or free text). */
  detail: Record<string, unknown>;
}

export async function inFamilyPlan<T>(ctx: Context, citizen: Citizen, planId: string, o: { action: AuditAction; event: string },
  work: (step: FamilyStep) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  const today = swedishDate(now);
  return ctx.db.transaction(async (tx) => {
    const plan = await requireCitizenPlanAccess(tx, citizen, planId, today, o);
    // Who acts, for the database's own guards (family_voice accepts only the family's writes).
    await tx.query("SELECT set_config('samplan.actor_kind', 'citizen', true), set_config('samplan.person_id', $1, true)", [plan.personId]);
    const step: FamilyStep = { tx, plan, today, now, detail: {} };
    const result = await work(step);
    // A change makes the kept plan document stale for staff (migration 007).
    if (o.action !== 'R') await tx.query('UPDATE plans SET content_stamp = content_stamp + 1 WHERE county = $1 AND id = $2', [plan.county, plan.id]);
    await appendAudit(tx, [{
      county: plan.county, actorKind: 'citizen', actorId: plan.personId, actorUnitId: null, actorRole: plan.as,
      action: o.action, event: o.event, planId: plan.id, personId: plan.childId, outcome: 'success',
      networkAddress: citizen.networkAddress, protectedIdentity: plan.childProtected, detail: step.detail,
    }]);
    return result;
  });
}
