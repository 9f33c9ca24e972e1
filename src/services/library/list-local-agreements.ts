import type { Actor, Context } from '../context.ts';

export interface LocalAgreementSummary {
  id: string;
  name: string;
  /** The principals that signed it (the region and its municipalities). */
  principalIds: string[];
}

/**
 * The county's local agreements (lokala överenskommelser) with the principals that signed them:
 * what a principal admin chooses from when writing the text of a local agreement, whose
 * signatories it starts from. Organisational data, open to the county's staff.
 */
export async function listLocalAgreements(ctx: Context, { actor }: { actor: Actor }): Promise<LocalAgreementSummary[]> {
  return ctx.db.query<LocalAgreementSummary>(
    `SELECT a.id, a.name,
            coalesce(array_agg(lp.principal_id ORDER BY p.kind DESC, p.name) FILTER (WHERE lp.principal_id IS NOT NULL), '{}') AS "principalIds"
     FROM local_agreements a
     LEFT JOIN local_agreement_principals lp ON lp.county = a.county AND lp.agreement_id = a.id
     LEFT JOIN principals p ON p.county = lp.county AND p.id = lp.principal_id
     WHERE a.county = $1
     GROUP BY a.id, a.name
     ORDER BY a.name`, [actor.county]);
}
