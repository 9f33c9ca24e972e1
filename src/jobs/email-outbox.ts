/**
 * Sending the queued mails of the outbox (migration 008), one row at a time:
 * claim (pending → sending, with a lease) in one short transaction, send over SMTP outside any
 * transaction, then mark (sending → sent, with its audit row) in another.
 *
 * No transaction is held open while the SMTP server answers: on PGlite one open transaction
 * stops every request, and on PostgreSQL it would hold a connection for as long as the mail
 * server takes.
 *
 * The outbox is the one source of truth for retries, on both workers: a failed attempt puts the
 * row back to 'pending' with its next time (`retryDelayMs`), and a claim whose worker died ends
 * with its lease (`claimed_until`). pg-boss only carries due rows to a worker (email-delivery.ts).
 *
 * The trade-off: if the process dies after the SMTP server accepted a mail and before the row is
 * marked sent, the row's lease runs out and the mail is sent again:
 * delivery is at-least-once, never at-most-once, because a lost deadline notice is worse than a
 * repeated one. The repeat carries the same Message-ID (derived from the notification id), so a
 * mail server or client that drops duplicates by Message-ID shows it once. Every other failure
 * (refused connection, temporary SMTP error) happens before acceptance and is simply retried.
 */
import type { Database, Queryable } from '../store/database.ts';
import { appendAudit } from '../store/audit.ts';
import { systemEvent } from '../services/audit-actor.ts';
import { emailText } from '../services/notifications/messages.ts';
import { senderDomain, type Mailer } from './mailer.ts';

export interface ClaimedMail {
  county: string;
  id: string;
  notificationId: string;
  attempts: number;
  /** The recipient's address now (not when queued): a changed address is used, a removed one skips. */
  to: string | null;
  recipientId: string;
  recipientActive: boolean;
  subject: string;
  textBody: string;
  link: string;
  calendar: string | null;
  calendarMethod: 'REQUEST' | 'CANCEL' | null;
  planId: string;
  childId: string;
  protectedIdentity: boolean;
}

export interface DeliveryOptions {
  /** Where staff open Samplan: the notice's link is appended to it. */
  publicUrl: string;
  /** Attempts before a mail is given up ('failed'). */
  maxAttempts: number;
  /** How long a claim holds before another worker may take the row over. */
  leaseMs: number;
}

export const DEFAULT_DELIVERY: Omit<DeliveryOptions, 'publicUrl'> = { maxAttempts: 6, leaseMs: 5 * 60_000 };

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

const DETAILS = `
SELECT o.county, o.id, o.notification_id AS "notificationId", o.attempts, nullif(trim(s.email), '') AS "to",
       o.recipient_id AS "recipientId", s.active AS "recipientActive", o.subject, o.text_body AS "textBody", n.link,
       o.calendar, o.calendar_method AS "calendarMethod", n.plan_id AS "planId", p.child_id AS "childId",
       ch.protected_identity AS "protectedIdentity"
FROM email_outbox o
JOIN notifications n ON n.county = o.county AND n.id = o.notification_id
JOIN plans p ON p.county = n.county AND p.id = n.plan_id
JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
JOIN staff s ON s.county = o.county AND s.id = o.recipient_id`;

/**
 * The rows due to be sent at `$1`: pending ones whose time has come, and ones another worker
 * claimed whose lease ran out (it died, or its SMTP call never returned).
 */
const DUE = `status IN ('pending', 'sending') AND next_attempt_at <= $1 AND (status = 'pending' OR claimed_until < $1)`;

/** Marks the rows of `due` (a CTE) claimed until `$2`, one attempt more; returns their keys. */
const CLAIM = `UPDATE email_outbox o SET status = 'sending', claimed_until = $2, attempts = o.attempts + 1
       FROM due WHERE o.county = due.county AND o.id = due.id
       RETURNING o.county, o.id`;

/**
 * Claims up to `limit` rows that are due (the loop on PGlite). SKIP LOCKED lets several workers
 * claim side by side without waiting for or taking each other's rows.
 */
export async function claimDue(db: Database, now: Date, leaseMs: number, limit: number): Promise<ClaimedMail[]> {
  return db.transaction(async (tx) => {
    const ids = await tx.query<{ county: string; id: string }>(
      `WITH due AS (
         SELECT county, id FROM email_outbox WHERE ${DUE}
         ORDER BY next_attempt_at LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       ${CLAIM}`,
      [now, new Date(now.getTime() + leaseMs), limit]);
    return details(tx, ids);
  });
}

/**
 * Claims the named rows that are due, all at once (the pg-boss path: a batch of jobs names its
 * rows). A row already sent, given up, skipped, not yet due or held under another worker's live
 * lease is left alone: the outbox, not the job, says whether a mail is to be sent now. Claiming
 * the whole batch at once means that a worker that stalls on one mail leaves every row of its
 * batch under a lease, which runs out, rather than rows that look queued but have no job.
 */
export async function claimKeys(db: Database, keys: ReadonlyArray<{ county: string; id: string }>, now: Date, leaseMs: number): Promise<ClaimedMail[]> {
  if (keys.length === 0) return [];
  return db.transaction(async (tx) => {
    const ids = await tx.query<{ county: string; id: string }>(
      `WITH due AS (
         SELECT county, id FROM email_outbox
         WHERE (county, id) IN (SELECT * FROM unnest($3::char(2)[], $4::uuid[])) AND ${DUE}
         FOR UPDATE SKIP LOCKED
       )
       ${CLAIM}`,
      [now, new Date(now.getTime() + leaseMs), keys.map((k) => k.county), keys.map((k) => k.id)]);
    return details(tx, ids);
  });
}

/** Mails being sent, or due and not sent: 0 when the outbox has settled at `now`. */
export async function outstanding(db: Queryable, now: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM email_outbox WHERE status = 'sending' OR (status = 'pending' AND next_attempt_at <= $1)`, [now]);
  return row!.n;
}

async function details(tx: Queryable, ids: Array<{ county: string; id: string }>): Promise<ClaimedMail[]> {
  if (ids.length === 0) return [];
  return tx.query<ClaimedMail>(`${DETAILS} WHERE (o.county, o.id) IN (SELECT * FROM unnest($1::char(2)[], $2::uuid[])) ORDER BY o.next_attempt_at, o.id`,
    [ids.map((r) => r.county), ids.map((r) => r.id)]);
}

/** The Message-ID of a notice's mail: the same at every attempt. */
export function messageIdOf(notificationId: string, from: string): string {
  return `<${notificationId}@${senderDomain(from)}>`;
}

/** Sends one claimed mail and records the outcome. */
export async function deliverClaimed(db: Database, mailer: Mailer, mail: ClaimedMail, now: () => Date, o: DeliveryOptions): Promise<DeliveryOutcome> {
  if (!mail.recipientActive || !mail.to) {
    // Someone who has left gets no more mail about the plans; the inbox keeps the notice.
    await finish(db, mail, 'skipped', mail.recipientActive ? 'no_address' : 'recipient_inactive', now());
    return 'skipped';
  }
  const messageId = messageIdOf(mail.notificationId, mailer.from);
  try {
    await mailer.send({
      to: mail.to, subject: mail.subject, text: emailText(mail.textBody, o.publicUrl + mail.link), messageId,
      calendar: mail.calendar && mail.calendarMethod ? { method: mail.calendarMethod, content: mail.calendar } : undefined,
    });
  } catch (error) {
    const e = error as { message?: string; responseCode?: number };
    // A 5xx answer (unknown mailbox, refused sender) will not change by trying again.
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
    const failed = permanent || mail.attempts >= o.maxAttempts;
    await finish(db, mail, failed ? 'failed' : 'retry', String(e.message ?? error).slice(0, 500), now());
    return failed ? 'failed' : 'retry';
  }
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE email_outbox SET status = 'sent', sent_at = $3, message_id = $4, claimed_until = NULL, last_error = NULL
       WHERE county = $1 AND id = $2 AND status = 'sending' RETURNING id`,
      [mail.county, mail.id, now(), messageId]);
    // Sending a notice about a plan discloses that the plan exists: logged like any access
    // (patientdatalagen 4 kap 3 §), by the system, naming the recipient. A row another worker
    // already marked (a repeat after a lease ran out) is not logged twice.
    if (rows.length) {
      await appendAudit(tx, [systemEvent(mail.county, 'E', 'notification.email', {
        planId: mail.planId, personId: mail.childId, protectedIdentity: mail.protectedIdentity,
        detail: { notificationId: mail.notificationId, outboxId: mail.id, recipientId: mail.recipientId, attempts: mail.attempts },
      })]);
    }
  });
  return 'sent';
}

/** Backoff between attempts: 30 s, 1, 2, 4, 8 min, … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Records a failed, given-up or skipped attempt. A retry is pending again from its next time, and
 * no longer queued (queued_at cleared), so that the pg-boss relay queues it anew once it is due:
 * the one backoff there is. Only this claim's row is changed (`attempts` is the claim's number):
 * a worker that comes back after its lease ran out does not undo another worker's claim.
 */
async function finish(db: Database, mail: ClaimedMail, outcome: 'retry' | 'failed' | 'skipped', error: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE email_outbox SET status = $3, last_error = $4, claimed_until = NULL, next_attempt_at = $5, queued_at = NULL
     WHERE county = $1 AND id = $2 AND status = 'sending' AND attempts = $6`,
    [mail.county, mail.id, outcome === 'retry' ? 'pending' : outcome, error, new Date(at.getTime() + (outcome === 'retry' ? retryDelayMs(mail.attempts) : 0)), mail.attempts]);
}
