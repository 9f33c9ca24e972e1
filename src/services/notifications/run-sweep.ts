/**
 * The deadline sweep: finds what is due in every open plan and tells the right people, once.
 *
 * Set-based: each batch of plans (in key order, `batchSize` at a time) is one query that returns
 * every plan with the facts the deadline rules need as JSON, one statement that inserts the
 * notices and queues their mails, and one that appends the audit rows; not a query per plan.
 * Each batch is its own transaction.
 *
 * Idempotent: a notice is keyed on (county, recipient, deadline key, stage) and inserted with
 * ON CONFLICT DO NOTHING, and a mail is queued only for a notice inserted in the same statement.
 * Running the sweep twice creates nothing the second time; a sweep that dies half-way has
 * committed whole batches only, and the next run creates exactly what is missing. Two sweeps at
 * once (two servers) are safe too: the second insert of the same key waits for the first and
 * then does nothing.
 *
 * After the deadlines, one more transaction tells managers about plans in their hand-over queue
 * and participants about coordinator changes nobody has told them of yet (notice-continuity.ts),
 * keyed the same way.
 */
import { checkDeadlineRules, computeDeadlines, DEFAULT_DEADLINE_RULES, type Deadline, type DeadlinePlan, type DeadlineRules } from '../../domain/deadlines.ts';
import { deadlineRecipients, notificationStage, type PlanPeople, type StaffRef } from '../../domain/notifications.ts';
import { OPEN_STATES_SQL, type PlanState } from '../../domain/plan-lifecycle.ts';
import { appendAudit } from '../../store/audit.ts';
import { swedishDate, type Context } from '../context.ts';
import { deadlineText, noticeLink } from './messages.ts';
import { insertNotifications, notificationAudit, type NewNotification } from './insert-notifications.ts';
import { auditNotices, noticeCoordinatorChanges, noticeHandoverItems } from './notice-continuity.ts';

export interface SweepOptions {
  /** One county (län), or every county when absent. */
  county?: string | undefined;
  /** Plans per batch (one transaction each). */
  batchSize?: number;
  /** Called after each committed batch; a test throws here to stop the sweep half-way, like a crash. */
  afterBatch?: (batch: number) => void | Promise<void>;
}

export interface SweepResult {
  /** Open plans looked at. */
  plans: number;
  /** Deadlines found that are announced today (each for one or more recipients). */
  deadlines: number;
  /** Notices created now (0 when the sweep ran before with the same facts). */
  created: number;
  /** Of those, the ones with a mail queued. */
  emails: number;
  /** Counties whose deadline_rules could not be used (the defaults applied instead). */
  invalidRules: string[];
}

interface PlanRow {
  county: string;
  id: string;
  planNumber: string;
  state: PlanState;
  initiatedAt: Date;
  nextFollowUpOn: string | null;
  childId: string;
  protected: boolean;
  rules: Partial<DeadlineRules>;
  coordinator: StaffRef | null;
  initiator: StaffRef;
  ownerManagers: string[];
  /** Null when the initiating unit is the owner's unit: then they are ownerManagers. */
  initiatingManagers: string[] | null;
  interventions: Array<{ id: string; dueOn: string; status: 'planned' | 'ongoing'; responsible: StaffRef; unitManagers: string[] }>;
  invitations: Array<{ id: string; sentAt: string; startsAt: string; sender: StaffRef;
    invitees: Array<{ id: string; unitId: string | null; unitName: string | null; contacts: string[] | null }> }>;
  consents: Array<{ id: string; validUntil: string }>;
  firstMeetingAt: Date | null;
}

// Only what can produce a deadline is loaded: planned or ongoing interventions, invitations not
// cancelled and their unanswered invitees, consents not withdrawn, the first meeting held.
const BATCH_SQL = `
SELECT p.county, p.id, p.plan_number AS "planNumber", p.state, p.initiated_at AS "initiatedAt",
       p.next_follow_up_on::text AS "nextFollowUpOn", p.child_id AS "childId", ch.protected_identity AS protected,
       co.deadline_rules AS rules,
       CASE WHEN p.coordinator_staff_id IS NULL THEN NULL ELSE json_build_object('staffId', p.coordinator_staff_id,
         'active', staff_serves_unit(p.county, p.coordinator_staff_id, p.coordinator_unit_id)) END AS coordinator,
       json_build_object('staffId', p.initiated_by, 'active', staff_serves_unit(p.county, p.initiated_by, p.initiating_unit_id)) AS initiator,
       unit_managers(p.county, coalesce(p.coordinator_unit_id, p.initiating_unit_id)) AS "ownerManagers",
       -- Null when the initiating unit is the owner's (no coordinator, or one of the same unit): the same managers.
       CASE WHEN p.coordinator_unit_id <> p.initiating_unit_id THEN unit_managers(p.county, p.initiating_unit_id) END AS "initiatingManagers",
       coalesce((SELECT json_agg(json_build_object('id', iv.id, 'dueOn', iv.due_on, 'status', iv.status,
           'responsible', json_build_object('staffId', iv.responsible_staff_id, 'active', staff_serves_unit(iv.county, iv.responsible_staff_id, iv.unit_id)),
           'unitManagers', unit_managers(iv.county, iv.unit_id)) ORDER BY iv.id)
         FROM interventions iv WHERE iv.county = p.county AND iv.plan_id = p.id AND iv.status IN ('planned', 'ongoing')), '[]') AS interventions,
       coalesce((SELECT json_agg(json_build_object('id', i.id, 'sentAt', i.sent_at, 'startsAt', i.starts_at,
           'sender', json_build_object('staffId', i.sent_by, 'active', EXISTS (SELECT 1 FROM staff s WHERE s.county = i.county AND s.id = i.sent_by AND s.active)),
           'invitees', coalesce((SELECT json_agg(json_build_object('id', v.id, 'unitId', v.unit_id, 'unitName', u.name,
               'contacts', CASE WHEN v.unit_id IS NULL THEN NULL ELSE unit_contacts(v.county, v.unit_id, coalesce(v.staff_id, pp.staff_id)) END) ORDER BY v.id)
             FROM invitees v
             LEFT JOIN units u ON u.county = v.county AND u.id = v.unit_id
             LEFT JOIN plan_participants pp ON pp.county = v.county AND pp.plan_id = v.plan_id AND pp.kind = 'unit' AND pp.unit_id = v.unit_id AND pp.active
             WHERE v.county = i.county AND v.invitation_id = i.id AND v.answer = 'pending'), '[]')) ORDER BY i.id)
         FROM invitations i WHERE i.county = p.county AND i.plan_id = p.id AND i.cancelled_at IS NULL), '[]') AS invitations,
       coalesce((SELECT json_agg(json_build_object('id', c.id, 'validUntil', c.valid_until) ORDER BY c.id)
         FROM consents c WHERE c.county = p.county AND c.plan_id = p.id AND c.withdrawn_at IS NULL), '[]') AS consents,
       (SELECT min(m.held_at) FROM meetings m WHERE m.county = p.county AND m.plan_id = p.id) AS "firstMeetingAt"
FROM plans p
JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
JOIN counties co ON co.county = p.county
WHERE p.state IN ${OPEN_STATES_SQL} AND ($1::text IS NULL OR p.county = $1) AND (p.county, p.id) > ($2::char(2), $3::uuid)
ORDER BY p.county, p.id
LIMIT $4`;

/** Runs one sweep on `ctx.clock`'s Swedish day. */
export async function runSweep(ctx: Context, o: SweepOptions = {}): Promise<SweepResult> {
  const batchSize = o.batchSize ?? 500;
  const now = ctx.clock.now();
  const today = swedishDate(now);
  const result: SweepResult = { plans: 0, deadlines: 0, created: 0, emails: 0, invalidRules: [] };
  const rulesOf = new Map<string, DeadlineRules>();
  let after: [string, string] = ['00', '00000000-0000-0000-0000-000000000000'];
  for (let batch = 1; ; batch++) {
    const done = await ctx.db.transaction(async (tx) => {
      const plans = await tx.query<PlanRow>(BATCH_SQL, [o.county ?? null, after[0], after[1], batchSize]);
      if (plans.length === 0) return true;
      after = [plans.at(-1)!.county, plans.at(-1)!.id];
      result.plans += plans.length;

      const rows: NewNotification[] = [];
      for (const p of plans) {
        let rules = rulesOf.get(p.county);
        if (!rules) rulesOf.set(p.county, (rules = countyRules(p.county, p.rules, result)));
        for (const d of computeDeadlines(deadlinePlan(p), rules, today)) {
          const stage = notificationStage(d, today);
          if (!stage) continue;
          result.deadlines++;
          for (const r of deadlineRecipients(d, stage, planPeople(p))) {
            const { title, body } = deadlineText(d.kind, stage, r.as, {
              planNumber: p.planNumber, dueOn: d.dueOn, meetingOn: d.meetingOn, lotsmodellenDays: rules.lotsmodellenMaxWorkingDays,
              unitName: d.kind === 'invitation_unanswered' ? unitNameOf(p, d) : undefined,
            });
            rows.push({ county: p.county, recipientId: r.staffId, planId: p.id, kind: d.kind, key: d.key, stage, dueOn: d.dueOn, title, body, link: noticeLink(d.kind, p.id) });
          }
        }
      }

      const inserted = await insertNotifications(tx, rows, now);
      result.created += inserted.length;
      result.emails += inserted.filter((n) => n.emailed).length;
      await appendAudit(tx, notificationAudit(inserted, plans));
      return false;
    });
    if (done) break;
    await o.afterBatch?.(batch);
  }
  // Continuity (issue 6 item 4): hand-over items waiting for a manager, and coordinator changes
  // made without a hand-over (an edit of the plan) that the participants have not been told of.
  const told = await ctx.db.transaction(async (tx) => {
    const inserted = [...await noticeHandoverItems(tx, { county: o.county, now }), ...await noticeCoordinatorChanges(tx, { county: o.county, now })];
    await auditNotices(tx, inserted);
    return inserted;
  });
  result.created += told.length;
  result.emails += told.filter((n) => n.emailed).length;
  return result;
}

/** The county's rules: its local agreement's settings over the defaults, or the defaults if they do not hold. */
function countyRules(county: string, overrides: Partial<DeadlineRules>, result: SweepResult): DeadlineRules {
  const rules = { ...DEFAULT_DEADLINE_RULES, ...overrides };
  try {
    checkDeadlineRules(rules);
    return rules;
  } catch {
    result.invalidRules.push(county);
    return { ...DEFAULT_DEADLINE_RULES };
  }
}

/** The plan as the deadline rules take it: instants become Swedish days. */
function deadlinePlan(p: PlanRow): DeadlinePlan {
  return {
    id: p.id,
    state: p.state,
    initiatedOn: swedishDate(p.initiatedAt),
    nextFollowUpOn: p.nextFollowUpOn,
    interventions: p.interventions.map((iv) => ({ id: iv.id, dueOn: iv.dueOn, status: iv.status })),
    invitations: p.invitations.map((i) => ({
      id: i.id, sentOn: swedishDate(new Date(i.sentAt)), startsOn: swedishDate(new Date(i.startsAt)), cancelled: false,
      invitees: i.invitees.map((v) => ({ id: v.id, answer: 'pending' as const })),
    })),
    consents: p.consents.map((c) => ({ id: c.id, validUntil: c.validUntil, withdrawn: false })),
    // The earliest meeting is enough: the rules ask only whether one was held by today.
    meetings: p.firstMeetingAt ? [{ heldOn: swedishDate(new Date(p.firstMeetingAt)) }] : [],
  };
}

function planPeople(p: PlanRow): PlanPeople {
  return {
    coordinator: p.coordinator,
    initiator: p.initiator,
    ownerManagers: p.ownerManagers,
    initiatingManagers: p.initiatingManagers ?? p.ownerManagers,
    interventions: Object.fromEntries(p.interventions.map((iv) => [iv.id, { responsible: iv.responsible, unitManagers: iv.unitManagers }])),
    invitations: Object.fromEntries(p.invitations.map((i) => [i.id, { sender: i.sender }])),
    invitees: Object.fromEntries(p.invitations.flatMap((i) => i.invitees.map((v) => [v.id,
      v.unitId ? { kind: 'unit' as const, unitName: v.unitName ?? '', contacts: v.contacts ?? [] } : { kind: 'person' as const }]))),
  };
}

function unitNameOf(p: PlanRow, d: Deadline): string | undefined {
  for (const i of p.invitations) for (const v of i.invitees) if (v.id === d.subjectId) return v.unitName ?? undefined;
  return undefined;
}
