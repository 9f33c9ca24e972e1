import { READABLE_BY_UNIT } from '../../access/require-plan-access.ts';
import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';

/** How far ahead the worklist shows follow-ups (UI.md: "this fortnight or late"). */
export const FOLLOW_UP_HORIZON_DAYS = 14;

export interface WorkItem {
  planId: string;
  planNumber: string;
  childName: string;
  state: string;
  /** The date the item is about (meeting, follow-up, due date, initiative). */
  date: string | null;
  overdue: boolean;
  invitationId?: string;
  inviteeVersion?: number;
  interventionId?: string;
  description?: string;
}

export interface Worklist {
  invitations: WorkItem[];
  followUps: WorkItem[];
  overdueInterventions: WorkItem[];
  drafts: WorkItem[];
  myPlans: WorkItem[];
}

/**
 * The worklist (Att göra) of the signed-in staff member: invitations to answer, follow-ups due
 * within 14 days or late, interventions late, drafts, and the plans they coordinate or take part in.
 * Only plans the unit may read appear; each plan shown leaves one audit row.
 */
export async function getWorklist(ctx: Context, { actor }: { actor: Actor }): Promise<Worklist> {
  const empty: Worklist = { invitations: [], followUps: [], overdueInterventions: [], drafts: [], myPlans: [] };
  if (actor.role === 'analyst') return empty;
  const today = swedishDate(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<WorkItem & { list: keyof Worklist; childId: string; protected: boolean }>(
      `WITH readable AS (
         SELECT p.*, ch.given_name || ' ' || ch.family_name AS child_name, ch.protected_identity
         FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
         WHERE p.county = $1 AND ${READABLE_BY_UNIT('$2', '$3')}
       )
       SELECT 'invitations' AS list, r.id AS "planId", r.plan_number AS "planNumber", r.child_name AS "childName", r.state,
              to_json(i.starts_at)#>>'{}' AS date, false AS overdue, i.id AS "invitationId", iv.version AS "inviteeVersion", NULL::uuid AS "interventionId",
              i.purpose AS description, r.child_id AS "childId", r.protected_identity AS protected
       FROM readable r JOIN invitees iv ON iv.county = r.county AND iv.plan_id = r.id AND iv.unit_id = $2 AND iv.answer = 'pending'
       JOIN invitations i ON i.county = iv.county AND i.id = iv.invitation_id AND i.cancelled_at IS NULL AND i.starts_at > now()
       UNION ALL
       SELECT 'followUps', r.id, r.plan_number, r.child_name, r.state, r.next_follow_up_on::text, r.next_follow_up_on < $3::date,
              NULL, NULL, NULL, NULL, r.child_id, r.protected_identity
       FROM readable r WHERE r.state IN ('established', 'evaluated') AND r.next_follow_up_on <= $3::date + $5::int
         AND (r.coordinator_staff_id = $4 OR r.coordinator_unit_id = $2 OR r.initiating_unit_id = $2)
       UNION ALL
       SELECT 'overdueInterventions', r.id, r.plan_number, r.child_name, r.state, iv.due_on::text, true, NULL, NULL, iv.id, iv.description,
              r.child_id, r.protected_identity
       FROM readable r JOIN interventions iv ON iv.county = r.county AND iv.plan_id = r.id
       WHERE iv.status IN ('planned', 'ongoing') AND iv.due_on < $3::date AND (iv.unit_id = $2 OR iv.responsible_staff_id = $4)
         AND r.state IN ('established', 'evaluated', 'mapped', 'invited', 'initiated')
       UNION ALL
       SELECT 'drafts', r.id, r.plan_number, r.child_name, r.state, to_json(r.initiated_at)#>>'{}', false, NULL, NULL, NULL, NULL, r.child_id, r.protected_identity
       FROM readable r WHERE r.initiating_unit_id = $2 AND r.state IN ('initiated', 'invited', 'mapped')
       UNION ALL
       SELECT 'myPlans', r.id, r.plan_number, r.child_name, r.state, r.next_follow_up_on::text, false, NULL, NULL, NULL, NULL, r.child_id, r.protected_identity
       FROM readable r WHERE r.state NOT IN ('closed', 'cancelled')
       ORDER BY 1, 6 NULLS LAST, 3`,
      [actor.county, actor.unitId, today, actor.staffId, FOLLOW_UP_HORIZON_DAYS]);
    const seen = new Map<string, { childId: string; protected: boolean }>();
    const list: Worklist = { invitations: [], followUps: [], overdueInterventions: [], drafts: [], myPlans: [] };
    for (const { list: key, childId, protected: prot, ...item } of rows) {
      seen.set(item.planId, { childId, protected: prot });
      list[key].push(Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)) as unknown as WorkItem);
    }
    await appendAudit(tx, [...seen].map(([planId, c]) => actorEvent(actor, 'R', 'plan.worklist', { planId, personId: c.childId, protectedIdentity: c.protected })));
    return list;
  });
}
