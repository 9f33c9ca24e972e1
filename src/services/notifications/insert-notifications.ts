/**
 * Writes notices and their queued mails in one statement, inside the caller's transaction (the
 * sweep's, or the use case's that sent a kallelse): the transactional outbox. A notice that
 * already exists for the same recipient, key and stage is skipped (ON CONFLICT DO NOTHING), and
 * only a notice inserted now gets a mail, so a repeated or resumed run neither duplicates nor
 * loses one.
 */
import type { Queryable } from '../../store/database.ts';
import type { AuditEvent } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import type { NotificationKind, NotificationStage } from '../../domain/notifications.ts';
import { systemEvent } from '../audit-actor.ts';

export interface NewNotification {
  county: string;
  recipientId: string;
  /** Null for a notice about a deviation (avvikelse), which names no plan (migration 015). */
  planId: string | null;
  deviationId?: string | undefined;
  kind: NotificationKind;
  key: string;
  stage: NotificationStage;
  dueOn: string | null;
  title: string;
  body: string;
  link: string;
  /** A calendar file for the mail (kallelse): the iCalendar text and its method. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string } | undefined;
}

export interface InsertedNotification {
  county: string;
  id: string;
  planId: string | null;
  recipientId: string;
  kind: NotificationKind;
  emailed: boolean;
}

/**
 * Inserts the notices that do not exist yet and queues a mail for each new one whose recipient
 * is active, has an address, and has not switched email off for its kind (the inbox has them all).
 * Returns the notices inserted now.
 */
export async function insertNotifications(tx: Queryable, rows: readonly NewNotification[], now: Date): Promise<InsertedNotification[]> {
  if (rows.length === 0) return [];
  const input = rows.map((r) => ({
    county: r.county, id: newId(now.getTime()), recipient_id: r.recipientId, plan_id: r.planId, deviation_id: r.deviationId ?? null, kind: r.kind, key: r.key, stage: r.stage,
    due_on: r.dueOn, title: r.title, body: r.body, link: r.link, calendar: r.calendar?.content ?? null, calendar_method: r.calendar?.method ?? null,
  }));
  return tx.query<InsertedNotification>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(county char(2), id uuid, recipient_id uuid, plan_id uuid, deviation_id uuid, kind text, key text,
         stage text, due_on date, title text, body text, link text, calendar text, calendar_method text)
     ), ins AS (
       INSERT INTO notifications (county, id, recipient_id, plan_id, deviation_id, kind, key, stage, due_on, title, body, link, created_at)
       SELECT county, id, recipient_id, plan_id, deviation_id, kind, key, stage, due_on, title, body, link, $2 FROM input
       ON CONFLICT (county, recipient_id, key, stage) DO NOTHING
       RETURNING county, id, recipient_id, plan_id, kind
     ), mail AS (
       INSERT INTO email_outbox (county, id, notification_id, recipient_id, subject, text_body, calendar, calendar_method, next_attempt_at, created_at)
       SELECT ins.county, uuid_v7(), ins.id, ins.recipient_id, i.title, i.body, i.calendar, i.calendar_method, $2, $2
       FROM ins
       JOIN input i ON i.county = ins.county AND i.id = ins.id
       JOIN staff s ON s.county = ins.county AND s.id = ins.recipient_id AND s.active AND coalesce(trim(s.email), '') <> ''
       WHERE NOT EXISTS (SELECT 1 FROM notification_email_off o
                         WHERE o.county = ins.county AND o.staff_id = ins.recipient_id AND o.kind = ins.kind)
       RETURNING county, notification_id
     )
     SELECT ins.county, ins.id, ins.plan_id AS "planId", ins.recipient_id AS "recipientId", ins.kind,
            EXISTS (SELECT 1 FROM mail WHERE mail.county = ins.county AND mail.notification_id = ins.id) AS emailed
     FROM ins`,
    [JSON.stringify(input), now]);
}

/** What the audit row of a plan's notices names besides the plan: its child. */
export interface AuditedPlan {
  county: string;
  id: string;
  childId: string;
  protected: boolean;
}

/**
 * One audit row per plan that got new notices: telling staff about a plan discloses that the
 * plan exists and what is due in it, so it is logged like any other access (patientdatalagen
 * 4 kap 3 §), by the system actor, naming the notices, their kinds and their recipients. Reading
 * the facts to compute deadlines is the system's own processing and is not logged per sweep: it
 * would add a row per open plan every few minutes and drown the accesses that the log is there
 * to show. `plans` must hold every plan of `inserted` (it may hold more).
 */
export function notificationAudit(inserted: readonly InsertedNotification[], plans: Iterable<AuditedPlan>): AuditEvent[] {
  const byPlan = new Map<string, InsertedNotification[]>();
  for (const n of inserted) {
    if (n.planId === null) continue;
    const key = `${n.county}/${n.planId}`;
    const list = byPlan.get(key);
    if (list) list.push(n);
    else byPlan.set(key, [n]);
  }
  const planOf = new Map<string, AuditedPlan>();
  for (const p of plans) planOf.set(`${p.county}/${p.id}`, p);
  return [...byPlan].map(([key, ns]) => {
    const p = planOf.get(key);
    if (!p) throw new Error(`notificationAudit: no plan ${key}`);
    return systemEvent(p.county, 'C', 'notification.create', {
      planId: p.id, personId: p.childId, protectedIdentity: p.protected,
      detail: { notificationIds: ns.map((n) => n.id), kinds: [...new Set(ns.map((n) => n.kind))].sort(), recipientIds: [...new Set(ns.map((n) => n.recipientId))].sort() },
    });
  });
}
