import type { Actor, Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';

export interface GetTimelineOptions {
  actor: Actor;
  planId: string;
}

export interface TimelineEntry {
  at: Date;
  /** The audit event code, e.g. "goal.add", "plan.establish". */
  event: string;
  /** Who did it (null for a system action). */
  actorName: string | null;
  unitId: string | null;
  unitName: string | null;
  principalName: string | null;
  /** The role the actor acted in (staff, manager, …). */
  role: string | null;
  /** As stored in the audit row: ids and codes only, never a name or an identity number. */
  detail: Record<string, unknown>;
}

/**
 * The plan's chronology (tidslinje): every change made to it, in the order it was made, by whom
 * and for which unit and principal. Built from the audit trail, which holds one row per change in
 * the same transaction as the change (src/services/plan-command.ts), so nothing is kept twice and
 * nothing can be missing. Reads (action R) and refused attempts are left out: they belong in a log
 * extract (patientdatalagen 4 kap 3 §), not in the plan's story; so do the system's notices about
 * the plan (notification.*: who was told what, when). Reading the chronology is itself
 * a read of the plan, access-checked and audited like any other.
 */
export async function getTimeline(ctx: Context, { actor, planId }: GetTimelineOptions): Promise<{ entries: TimelineEntry[] }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.read', action: 'R', event: 'plan.read_timeline' }, async ({ tx, plan }) => {
    const entries = await tx.query<TimelineEntry>(
      `SELECT a.recorded_at AS at, a.event, s.name AS "actorName", a.actor_unit_id AS "unitId", u.name AS "unitName",
              pr.name AS "principalName", a.actor_role AS role, a.detail
       FROM audit_events a
       LEFT JOIN staff s ON s.county = a.county AND s.id = a.actor_id
       LEFT JOIN units u ON u.county = a.county AND u.id = a.actor_unit_id
       LEFT JOIN principals pr ON pr.county = u.county AND pr.id = u.principal_id
       WHERE a.county = $1 AND a.plan_id = $2 AND a.action <> 'R' AND a.outcome = 'success' AND a.event NOT LIKE 'notification.%'
       ORDER BY a.seq`,
      [plan.county, plan.id]);
    return { entries };
  });
}
