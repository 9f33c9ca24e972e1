import { appendAudit, type AuditEvent } from '../../store/audit.ts';
import { CITIZEN_FACT_COLUMNS, citizenFacts, decideCitizenAccess, type Citizen, type FactsRow } from '../../access/citizen-access.ts';
import { swedishDate, type Context } from '../context.ts';

export interface FamilyPlanSummary {
  id: string;
  planNumber: string;
  state: string;
  childGivenName: string;
  as: 'guardian' | 'child';
  nextMeetingAt: string | null;
  coordinatorName: string | null;
  /** The latest plan version has no answer from this person yet. */
  approvalPending: boolean;
}

/**
 * The plans the citizen may see: of the children in their care, and their own when the coordinator
 * has opened it and they are old enough (src/access/citizen-access.ts). Each plan listed is an
 * access to the child's data and is audited.
 */
export async function listFamilyPlans(ctx: Context, citizen: Citizen): Promise<{ plans: FamilyPlanSummary[] }> {
  const today = swedishDate(ctx.clock.now());
  const ids = citizen.personRefs.map((r) => r.personId);
  if (ids.length === 0) return { plans: [] };
  const counties = [...new Set(citizen.personRefs.map((r) => r.county))];
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<FactsRow & { plan_number: string; given_name: string; next_meeting_at: string | null; coordinator_name: string | null; approved_versions: number[] }>(
      `SELECT ${CITIZEN_FACT_COLUMNS('$2')}, p.plan_number, ch.given_name,
         (SELECT min(i.starts_at) FROM invitations i WHERE i.county = p.county AND i.plan_id = p.id AND i.cancelled_at IS NULL AND i.ends_at > $3) AS next_meeting_at,
         (SELECT s.name FROM staff s WHERE s.county = p.county AND s.id = p.coordinator_staff_id) AS coordinator_name,
         coalesce((SELECT array_agg(a.version_no) FROM plan_approvals a WHERE a.county = p.county AND a.plan_id = p.id AND a.person_id = ANY($2::uuid[])), '{}') AS approved_versions
       FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id JOIN counties co ON co.county = p.county
       WHERE p.county = ANY($1::char(2)[])
         AND (p.child_id = ANY($2::uuid[]) OR EXISTS (SELECT 1 FROM guardianships g WHERE g.county = p.county AND g.child_id = p.child_id AND g.guardian_id = ANY($2::uuid[])))
       ORDER BY ch.given_name, p.initiated_at`,
      [counties, ids, ctx.clock.now()]);
    const plans: FamilyPlanSummary[] = [];
    const audit: AuditEvent[] = [];
    for (const r of rows) {
      const d = decideCitizenAccess(citizenFacts(r, today));
      if (!d.allowed) continue;
      const personId = d.as === 'guardian' ? r.guardian_id! : r.child_id;
      plans.push({ id: r.id, planNumber: r.plan_number, state: r.state, childGivenName: r.given_name, as: d.as,
        nextMeetingAt: r.next_meeting_at, coordinatorName: r.coordinator_name,
        approvalPending: r.plan_version > 0 && !r.approved_versions.includes(r.plan_version) });
      audit.push({ county: r.county, actorKind: 'citizen', actorId: personId, actorUnitId: null, actorRole: d.as, action: 'R', event: 'family.list',
        planId: r.id, personId: r.child_id, outcome: 'success', networkAddress: citizen.networkAddress, protectedIdentity: r.protected_identity });
    }
    await appendAudit(tx, audit);
    return { plans };
  });
}
