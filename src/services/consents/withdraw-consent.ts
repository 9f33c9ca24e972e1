import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan, requireVersion } from '../plan-command.ts';

export interface WithdrawConsentOptions {
  actor: Actor;
  planId: string;
  consentId: string;
  /** The consent's version the user saw (If-Match). */
  version: number | undefined;
  note?: string | null;
}

/**
 * Withdraws a consent. It takes effect at once: from the same commit no unit that the consent
 * covered can read the plan (SIP.md §2: consent can be withdrawn at any time). Any participating
 * unit records the withdrawal, since the person may tell any of them.
 */
export async function withdrawConsent(ctx: Context, { actor, planId, consentId, version, note }: WithdrawConsentOptions): Promise<{ version: number }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.end', action: 'U', event: 'consent.withdraw' }, async ({ tx, plan, detail }) => {
    const current = (await tx.query<{ version: number; withdrawn_at: Date | null }>(
      'SELECT version, withdrawn_at FROM consents WHERE county = $1 AND plan_id = $2 AND id = $3::uuid FOR UPDATE',
      [plan.county, plan.id, consentId]))[0];
    if (!current) throw invalid([{ field: '/consentId', code: 'unknown', message: 'Inget sådant samtycke.' }]);
    requireVersion(current.version, version);
    if (current.withdrawn_at) throw invalid([{ field: '/consentId', code: 'already_withdrawn', message: 'Samtycket är redan återkallat.' }]);
    const rows = await tx.query<{ version: number }>(
      `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $4, withdrawal_note = $5, version = version + 1
       WHERE county = $1 AND plan_id = $2 AND id = $3 RETURNING version`,
      [plan.county, plan.id, consentId, actor.staffId, note ?? null]);
    detail.consentId = consentId;
    return { version: rows[0]!.version };
  });
}
