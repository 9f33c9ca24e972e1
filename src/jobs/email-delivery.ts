/**
 * The delivery worker: takes the queued mails of the outbox and sends them, with retries.
 *
 * The outbox (email-outbox.ts) is the one source of truth on both paths: which rows are due
 * (`next_attempt_at`), the one backoff between attempts, how many attempts, and the lease under
 * which a worker holds a row (`claimed_until`).
 *
 * - On PostgreSQL through pg-boss, a real job queue in its own schema (`pgboss`) of the same
 *   database, which carries due rows to the workers of every server. A relay moves due outbox rows
 *   into pg-boss jobs in one transaction with marking them queued (`queued_at`). pg-boss does not
 *   retry (retryLimit 0): a failed attempt puts the row back to pending with its next time and
 *   clears `queued_at`, the job completes, and the relay queues the row again once it is due. The
 *   relay also takes back rows whose worker died ('sending' past its lease) and rows whose job was
 *   lost (queued a whole lease ago and never claimed: pg-boss failed the job, or the worker's
 *   claim failed). A job's singletonKey is its row's id, on a 'short' queue: at most one waiting
 *   job per row, however often the relay hands it over.
 * - On PGlite (one process, one connection) an in-process loop claims due rows with
 *   FOR UPDATE SKIP LOCKED and a lease.
 *
 * Both send a row through the same claim → send → mark steps (email-outbox.ts), which is where the
 * at-least-once trade-off and the stable Message-ID are explained.
 */
import PgBoss from 'pg-boss';
import type { Context } from '../services/context.ts';
import type { Queryable } from '../store/database.ts';
import type { Mailer } from './mailer.ts';
import { claimDue, claimKeys, DEFAULT_DELIVERY, deliverClaimed, outstanding, type ClaimedMail, type DeliveryOptions } from './email-outbox.ts';

export const EMAIL_QUEUE = 'samplan-email';

export interface EmailDeliveryOptions {
  mailer: Mailer;
  /** Where staff open Samplan: links in mails point here. */
  publicUrl: string;
  /** postgres://… of ctx.db: pg-boss runs there. Absent: the in-process loop (PGlite). */
  databaseUrl?: string | undefined;
  /** How often the worker looks for new mail when nobody kicked it. */
  pollMs?: number;
  maxAttempts?: number;
  /** How long a claimed mail (or a batch of pg-boss jobs) may take before another worker takes it over. */
  leaseMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface EmailDelivery {
  readonly mode: 'pg-boss' | 'loop';
  /** Look for new mail now (e.g. right after a sweep or an invitation). */
  kick(): void;
  /**
   * Resolves once no mail is being sent and none is due (a retry waiting for its time is not), or
   * rejects after `timeoutMs`. For tests.
   */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmailDelivery(ctx: Context, o: EmailDeliveryOptions): Promise<EmailDelivery> {
  const delivery: DeliveryOptions = {
    publicUrl: o.publicUrl, maxAttempts: o.maxAttempts ?? DEFAULT_DELIVERY.maxAttempts, leaseMs: o.leaseMs ?? DEFAULT_DELIVERY.leaseMs,
  };
  const log = o.log ?? ((message: string, error?: unknown) => console.error(`[e-post] ${message}`, error ?? ''));
  return o.databaseUrl ? startPgBoss(ctx, o, o.databaseUrl, delivery, log) : startLoop(ctx, o, delivery, log);
}

/** A sleep that `wake()` ends early. */
function alarm(): { sleep(ms: number): Promise<void>; wake(): void } {
  let wakeUp: (() => void) | null = null;
  let pending = false;
  return {
    sleep(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => { wakeUp = null; resolve(); }, ms);
        wakeUp = () => { clearTimeout(timer); wakeUp = null; resolve(); };
      });
    },
    wake() {
      if (wakeUp) wakeUp();
      else pending = true;
    },
  };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startLoop(ctx: Context, o: EmailDeliveryOptions, delivery: DeliveryOptions, log: NonNullable<EmailDeliveryOptions['log']>): EmailDelivery {
  const pollMs = o.pollMs ?? 5_000;
  const bell = alarm();
  let stopped = false;
  // Those waiting for the next pass that found nothing to send (settle).
  let idleWaiters: Array<() => void> = [];
  const now = () => ctx.clock.now();
  const running = (async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        const mails = await claimDue(ctx.db, now(), delivery.leaseMs, 20);
        claimed = mails.length;
        await sendAll(ctx, o.mailer, mails, delivery, log);
      } catch (error) {
        log('utskicket misslyckades; försöker igen', error);
      }
      if (claimed === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
        if (!stopped) await bell.sleep(pollMs);
      }
    }
  })();
  return {
    mode: 'loop',
    kick: () => bell.wake(),
    async settle(timeoutMs = 10_000) {
      await waitUntil(async () => {
        // A whole pass that found nothing due, then the outbox agrees: nothing is being sent.
        const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
        bell.wake();
        await idle;
        return (await outstanding(ctx.db, now())) === 0;
      }, timeoutMs, 'the outbox to settle');
    },
    async stop() {
      stopped = true;
      bell.wake();
      await running;
      for (const w of idleWaiters) w();
    },
  };
}

/**
 * Sends claimed mails one after the other. A failure of one (the database, not the mail server:
 * deliverClaimed records those) is logged and leaves its row under its lease, which runs out.
 */
async function sendAll(ctx: Context, mailer: EmailDeliveryOptions['mailer'], mails: readonly ClaimedMail[], delivery: DeliveryOptions,
  log: NonNullable<EmailDeliveryOptions['log']>): Promise<void> {
  const now = () => ctx.clock.now();
  for (const mail of mails) {
    try {
      const outcome = await deliverClaimed(ctx.db, mailer, mail, now, delivery);
      if (outcome === 'retry' || outcome === 'failed') log(`e-post ${mail.id} kunde inte skickas (${outcome === 'retry' ? 'nytt försök senare' : 'ger upp'}, försök ${mail.attempts})`);
    } catch (error) {
      log(`e-post ${mail.id}: utfallet kunde inte sparas; försöker igen när tiden för försöket har gått ut`, error);
    }
  }
}

async function startPgBoss(ctx: Context, o: EmailDeliveryOptions, url: string, delivery: DeliveryOptions,
  log: NonNullable<EmailDeliveryOptions['log']>): Promise<EmailDelivery> {
  const pollMs = o.pollMs ?? 5_000;
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, application_name: 'samplan-email', schedule: false });
  boss.on('error', (error) => log('pg-boss', error));
  await boss.start();
  const queue = {
    name: EMAIL_QUEUE,
    // 'short': at most one job waiting per singletonKey (the outbox row), so a row handed over
    // again while its job still waits is not queued twice.
    policy: 'short' as const,
    // The outbox retries (see the top of this file); a job pg-boss fails (its worker died, or its
    // batch took longer than a lease) leaves its rows to the relay, which queues them again.
    retryLimit: 0,
    expireInSeconds: Math.max(1, Math.ceil(delivery.leaseMs / 1000)),
  };
  await boss.createQueue(EMAIL_QUEUE, queue);
  await boss.updateQueue(EMAIL_QUEUE, queue);
  const now = () => ctx.clock.now();
  // Ten jobs per fetch (pg-boss waits a polling interval between fetches), their rows claimed at
  // once; pg-boss completes the jobs when the handler returns, whatever each attempt's outcome.
  const workerId = await boss.work<{ county: string; id: string }>(EMAIL_QUEUE, { batchSize: 10, pollingIntervalSeconds: Math.max(0.5, pollMs / 1000) }, async (jobs) => {
    const mails = await claimKeys(ctx.db, jobs.map((j) => ({ county: j.data.county, id: j.data.id })), now(), delivery.leaseMs);
    await sendAll(ctx, o.mailer, mails, delivery, log);
  });

  /**
   * Hands due outbox rows to pg-boss, in one transaction with marking them queued: rows pending,
   * due and not queued (or queued a lease ago and never claimed: the job was lost), and rows whose
   * worker's lease ran out and that have not been handed over since it was taken.
   */
  const relay = async (): Promise<number> => ctx.db.transaction(async (tx) => {
    const at = now();
    const rows = await tx.query<{ county: string; id: string }>(
      `SELECT county, id FROM email_outbox
       WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1
         AND CASE WHEN status = 'pending' THEN queued_at IS NULL OR queued_at < $2
                  ELSE claimed_until < $1 AND (queued_at IS NULL OR queued_at < claimed_until) END
       ORDER BY next_attempt_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      [at, new Date(at.getTime() - delivery.leaseMs)]);
    if (rows.length === 0) return 0;
    await boss.insert(rows.map((r) => ({ name: EMAIL_QUEUE, data: r, singletonKey: r.id })), { db: bossDb(tx) });
    await tx.query(`UPDATE email_outbox SET queued_at = $3 WHERE (county, id) IN (SELECT * FROM unnest($1::char(2)[], $2::uuid[]))`,
      [rows.map((r) => r.county), rows.map((r) => r.id), at]);
    return rows.length;
  });

  const bell = alarm();
  let stopped = false;
  const relaying = (async () => {
    while (!stopped) {
      try {
        if ((await relay()) > 0) boss.notifyWorker(workerId);
      } catch (error) {
        log('kön kunde inte fyllas på; försöker igen', error);
      }
      if (!stopped) await bell.sleep(pollMs);
    }
  })();

  return {
    mode: 'pg-boss',
    kick: () => bell.wake(),
    async settle(timeoutMs = 20_000) {
      await waitUntil(async () => {
        bell.wake();
        return (await outstanding(ctx.db, now())) === 0;
      }, timeoutMs, 'the outbox to settle');
    },
    async stop() {
      stopped = true;
      bell.wake();
      await relaying;
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
}

/** pg-boss's connection interface over one of our transactions, so its insert commits with ours. */
function bossDb(tx: Queryable): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await tx.query(text, values) }) };
}
