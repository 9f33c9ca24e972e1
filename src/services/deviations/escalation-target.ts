import type { Queryable } from '../../store/database.ts';

/**
 * The local agreement whose steering group receives an escalated deviation: one in force that
 * every involved unit's principal has signed (SIP.md §5, migration 012). Where several qualify
 * (the region signs one with each municipality), the one signed by the municipalities where the
 * units are wins; then the name, so that the choice is the same every time.
 */
export async function escalationTarget(tx: Queryable, county: string, deviationId: string, today: string): Promise<{ id: string; name: string } | null> {
  const rows = await tx.query<{ id: string; name: string }>(
    `WITH involved AS (
       SELECT DISTINCT u.principal_id, u.municipality_code FROM deviation_units du
       JOIN units u ON u.county = du.county AND u.id = du.unit_id
       WHERE du.county = $1 AND du.deviation_id = $2)
     SELECT a.id, a.name FROM local_agreements a
     WHERE a.county = $1 AND a.effective_from <= $3::date AND (a.effective_until IS NULL OR a.effective_until >= $3::date)
       AND NOT EXISTS (SELECT 1 FROM involved i WHERE NOT EXISTS (
             SELECT 1 FROM local_agreement_principals lp WHERE lp.county = a.county AND lp.agreement_id = a.id AND lp.principal_id = i.principal_id))
     ORDER BY (SELECT count(*) FROM involved i WHERE i.municipality_code IS NOT NULL AND EXISTS (
                 SELECT 1 FROM local_agreement_principals lp JOIN principals p ON p.county = lp.county AND p.id = lp.principal_id
                 WHERE lp.county = a.county AND lp.agreement_id = a.id AND p.municipality_code = i.municipality_code)) DESC, a.name
     LIMIT 1`, [county, deviationId, today]);
  return rows[0] ?? null;
}
