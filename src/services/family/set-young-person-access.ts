import type { Actor, Context } from '../context.ts';
import { inPlan, refuse, requireVersion } from '../plan-command.ts';
import { stale } from '../errors.ts';

/**
 * The coordinator opens (or closes) the plan to the young person themself, who then sees it from
 * the county's age (counties.young_person_access_age). The coordinator judges the child's maturity
 * (barnkonventionen art. 12; the child's view weighs more with age and maturity, SIP.md §2).
 */
export async function setYoungPersonAccess(ctx: Context, o: { actor: Actor; planId: string; enabled: boolean; version: number | undefined }): Promise<{ version: number }> {
  const options = { actor: o.actor, planId: o.planId, permission: 'plan.write' as const, action: 'U' as const, event: 'plan.young_person_access' };
  return inPlan(ctx, options, async (step) => {
    requireVersion(step.plan.version, o.version);
    const [p] = await step.tx.query<{ coordinator_staff_id: string | null }>('SELECT coordinator_staff_id FROM plans WHERE county = $1 AND id = $2', [step.plan.county, step.plan.id]);
    if (p!.coordinator_staff_id !== o.actor.staffId) throw await refuse(step, options, 'not_coordinator', 'Det är planens samordnare som bestämmer om den unge själv ser planen.');
    const rows = await step.tx.query<{ version: number }>(
      'UPDATE plans SET young_person_access = $3, version = version + 1, updated_at = now() WHERE county = $1 AND id = $2 AND version = $4 RETURNING version',
      [step.plan.county, step.plan.id, o.enabled, step.plan.version]);
    if (!rows[0]) throw stale(step.plan.version);
    step.detail.enabled = o.enabled;
    return { version: rows[0].version };
  });
}
