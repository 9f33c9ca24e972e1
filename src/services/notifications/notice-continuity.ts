/**
 * Notices that keep a plan going when people change (issue 6 item 4): the manager hears of each
 * plan or intervention a leaver left in the hand-over queue, and a plan's participants hear who
 * its new coordinator is. Both are keyed on the queue item or the recorded change, so the sweep
 * may run them any number of times; a hand-over made through the API tells at once, in its own
 * transaction, and the sweep finds nothing left to tell.
 */
import type { Queryable } from '../../store/database.ts';
import { appendAudit } from '../../store/audit.ts';
import { OPEN_STATES_SQL } from '../../domain/plan-lifecycle.ts';
import { coordinatorChangedText, handoverPendingText, noticeLink } from './messages.ts';
import { insertNotifications, notificationAudit, type AuditedPlan, type InsertedNotification, type NewNotification } from './insert-notifications.ts';

/**
 * The SQL condition "hand-over item h still needs doing": the leaver does not serve the unit
 * again (reactivated, or back in the unit: then the plan is theirs as before), and is still the
 * plan's coordinator, or still answers for the open intervention (nobody re-assigned it some
 * other way).
 */
export const HANDOVER_STILL_OPEN = `h.resolved_at IS NULL AND NOT staff_serves_unit(h.county, h.former_staff_id, h.unit_id) AND (
  (h.role = 'coordinator' AND EXISTS (SELECT 1 FROM plans hp WHERE hp.county = h.county AND hp.id = h.plan_id
     AND hp.coordinator_staff_id = h.former_staff_id AND hp.state IN ${OPEN_STATES_SQL}))
  OR (h.role = 'intervention' AND EXISTS (SELECT 1 FROM interventions hi JOIN plans hp ON hp.county = hi.county AND hp.id = hi.plan_id
     WHERE hi.county = h.county AND hi.id = h.intervention_id AND hi.responsible_staff_id = h.former_staff_id
       AND hi.status IN ('planned', 'ongoing') AND hp.state IN ${OPEN_STATES_SQL})))`;

export interface ContinuityOptions {
  /** One county, or all. */
  county?: string | undefined;
  /** One plan (a hand-over just made), or all. */
  planId?: string | undefined;
  now: Date;
  /** Whoever made the change is not told about it. */
  exceptStaffId?: string | undefined;
}

/**
 * Tells the participants of each plan about coordinator changes not yet told, and the new
 * coordinator that the plan is now theirs; marks the changes told. Returns the notices created.
 *
 * "Participants" are the people named in the plan who can act on the news: those responsible for
 * its open interventions, the named contacts of its participating units, and the initiator.
 * The family has no channel in Samplan yet; the plan they are given names the coordinator.
 */
export async function noticeCoordinatorChanges(tx: Queryable, o: ContinuityOptions): Promise<InsertedNotification[]> {
  const changes = await tx.query<{ county: string; id: string; planId: string; planNumber: string; open: boolean; toStaffId: string | null;
    toName: string | null; toUnitName: string | null; fromStaffId: string; fromName: string; participants: string[] }>(
    `SELECT c.county, c.id, c.plan_id AS "planId", p.plan_number AS "planNumber", p.state IN ${OPEN_STATES_SQL} AS open,
            c.to_staff_id AS "toStaffId", ns.name AS "toName", nu.name AS "toUnitName", c.from_staff_id AS "fromStaffId", fs.name AS "fromName",
            ARRAY(SELECT DISTINCT x.staff_id FROM (
                SELECT iv.responsible_staff_id AS staff_id FROM interventions iv
                WHERE iv.county = c.county AND iv.plan_id = c.plan_id AND iv.status IN ('planned', 'ongoing')
                UNION SELECT pp.staff_id FROM plan_participants pp
                WHERE pp.county = c.county AND pp.plan_id = c.plan_id AND pp.kind = 'unit' AND pp.active AND pp.staff_id IS NOT NULL
                UNION SELECT p.initiated_by) x
              JOIN staff st ON st.county = c.county AND st.id = x.staff_id AND st.active) AS participants
     FROM plan_coordinator_changes c
     JOIN plans p ON p.county = c.county AND p.id = c.plan_id
     JOIN staff fs ON fs.county = c.county AND fs.id = c.from_staff_id
     LEFT JOIN staff ns ON ns.county = c.county AND ns.id = c.to_staff_id
     LEFT JOIN units nu ON nu.county = c.county AND nu.id = c.to_unit_id
     WHERE c.notified_at IS NULL AND ($1::text IS NULL OR c.county = $1) AND ($2::uuid IS NULL OR c.plan_id = $2::uuid)
     ORDER BY c.county, c.changed_at, c.id
     FOR UPDATE OF c SKIP LOCKED`, [o.county ?? null, o.planId ?? null]);
  if (changes.length === 0) return [];
  const rows: NewNotification[] = [];
  for (const c of changes) {
    if (!c.open) continue;
    const facts = { planNumber: c.planNumber, newName: c.toName, newUnitName: c.toUnitName, formerName: c.fromName };
    const base = { county: c.county, planId: c.planId, kind: 'coordinator_changed' as const, key: `coordinator:${c.id}`, stage: 'info' as const, dueOn: null, link: noticeLink('coordinator_changed', c.planId) };
    if (c.toStaffId && c.toStaffId !== o.exceptStaffId) rows.push({ ...base, recipientId: c.toStaffId, ...coordinatorChangedText(facts, true) });
    for (const staffId of c.participants) {
      if (staffId === c.toStaffId || staffId === c.fromStaffId || staffId === o.exceptStaffId) continue;
      rows.push({ ...base, recipientId: staffId, ...coordinatorChangedText(facts, false) });
    }
  }
  const inserted = await insertNotifications(tx, rows, o.now);
  await tx.query('UPDATE plan_coordinator_changes SET notified_at = $3 WHERE county = ANY($1::char(2)[]) AND id = ANY($2::uuid[])',
    [[...new Set(changes.map((c) => c.county))], changes.map((c) => c.id), o.now]);
  return inserted;
}

/**
 * Tells the unit's managers about each open hand-over item (once per item). A unit without a
 * manager in Samplan: the plan's coordinator, or its initiator, so that someone still hears.
 */
export async function noticeHandoverItems(tx: Queryable, o: ContinuityOptions): Promise<InsertedNotification[]> {
  const items = await tx.query<{ county: string; id: string; planId: string; planNumber: string; role: 'coordinator' | 'intervention';
    reason: 'deactivated' | 'left_unit'; formerStaffId: string; formerName: string; managers: string[]; fallback: string | null }>(
    `SELECT h.county, h.id, h.plan_id AS "planId", p.plan_number AS "planNumber", h.role, h.reason, h.former_staff_id AS "formerStaffId",
            fs.name AS "formerName", unit_managers(h.county, h.unit_id) AS managers,
            CASE WHEN p.coordinator_staff_id <> h.former_staff_id AND staff_serves_unit(p.county, p.coordinator_staff_id, p.coordinator_unit_id)
                   THEN p.coordinator_staff_id
                 WHEN p.initiated_by <> h.former_staff_id AND staff_serves_unit(p.county, p.initiated_by, p.initiating_unit_id)
                   THEN p.initiated_by END AS fallback
     FROM handover_items h
     JOIN plans p ON p.county = h.county AND p.id = h.plan_id
     JOIN staff fs ON fs.county = h.county AND fs.id = h.former_staff_id
     WHERE ${HANDOVER_STILL_OPEN} AND ($1::text IS NULL OR h.county = $1) AND ($2::uuid IS NULL OR h.plan_id = $2::uuid)
     ORDER BY h.county, h.id`, [o.county ?? null, o.planId ?? null]);
  const rows: NewNotification[] = [];
  for (const h of items) {
    const facts = { planNumber: h.planNumber, role: h.role, reason: h.reason, formerName: h.formerName };
    const base = { county: h.county, planId: h.planId, kind: 'handover_pending' as const, key: `handover:${h.id}`, stage: 'info' as const, dueOn: null, link: noticeLink('handover_pending', h.planId) };
    const to = h.managers.length ? h.managers : h.fallback ? [h.fallback] : [];
    for (const staffId of to) rows.push({ ...base, recipientId: staffId, ...handoverPendingText(facts, h.managers.length > 0) });
  }
  return insertNotifications(tx, rows, o.now);
}

/** One system audit row per plan that got notices (notificationAudit, as in the sweep): telling staff about a plan discloses it. */
export async function auditNotices(tx: Queryable, inserted: readonly InsertedNotification[]): Promise<void> {
  if (inserted.length === 0) return;
  const plans = await tx.query<AuditedPlan>(
    `SELECT p.county, p.id, p.child_id AS "childId", ch.protected_identity AS protected
     FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
     WHERE (p.county, p.id) IN (SELECT * FROM unnest($1::char(2)[], $2::uuid[]))`,
    [inserted.map((n) => n.county), inserted.map((n) => n.planId)]);
  await appendAudit(tx, notificationAudit(inserted, plans));
}
