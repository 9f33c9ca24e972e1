import type { Citizen } from '../../access/citizen-access.ts';
import type { Context } from '../context.ts';
import { inFamilyPlan } from './family-command.ts';

export interface FamilyLogEntry {
  at: string;
  /** 'read' or 'change': the family's plain-language split of the audit actions. */
  kind: 'read' | 'change';
  event: string;
  outcome: string;
  actorKind: 'staff' | 'citizen' | 'system';
  staffName: string | null;
  unitName: string | null;
  principalName: string | null;
  /** The family's own reads and changes: "you" or "another family member". */
  byMe: boolean;
}

/**
 * The log extract (loggutdrag) of the plan for the family: who read or changed the plan, when,
 * for which unit and principal (patientdatalagen 4 kap 3 § and 8 kap 6 §: the person's right to
 * know who has accessed their data; the social services' equivalent). The same audit trail as the
 * principal administrator's extract (src/services/persons/get-log-extract.ts), limited to this
 * plan. Refused attempts are shown too: the family may see that someone tried. Reading it is
 * itself a logged read.
 */
export async function getFamilyAccessLog(ctx: Context, citizen: Citizen, planId: string): Promise<{ entries: FamilyLogEntry[] }> {
  return inFamilyPlan(ctx, citizen, planId, { action: 'R', event: 'family.log_extract' }, async ({ tx, plan }) => {
    const entries = await tx.query<FamilyLogEntry>(
      `SELECT a.recorded_at AS at, CASE WHEN a.action = 'R' THEN 'read' ELSE 'change' END AS kind, a.event, a.outcome,
              a.actor_kind AS "actorKind",
              CASE WHEN a.actor_kind = 'staff' THEN s.name END AS "staffName", u.name AS "unitName", pr.name AS "principalName",
              (a.actor_kind = 'citizen' AND a.actor_id = $3) AS "byMe"
       FROM audit_events a
       LEFT JOIN staff s ON a.actor_kind = 'staff' AND s.county = a.county AND s.id = a.actor_id
       LEFT JOIN units u ON u.county = a.county AND u.id = a.actor_unit_id
       LEFT JOIN principals pr ON pr.county = u.county AND pr.id = u.principal_id
       WHERE a.county = $1 AND a.plan_id = $2 AND a.event NOT LIKE 'notification.%'
       ORDER BY a.seq DESC LIMIT 500`,
      [plan.county, plan.id, plan.personId]);
    return { entries };
  });
}
