/**
 * The delivery worker: takes the queued mails of the outbox and sends them, with retries.
 *
 * - On PostgreSQL through pg-boss, a real job queue in its own schema (`pgboss`) of the same
 *   database. A relay moves outbox rows into pg-boss jobs in one transaction (the job id is the
 *   outbox row's id, so a row is never queued twice), and pg-boss runs them with retries, backoff
 *   and expiry of jobs whose worker died. Several servers can run the worker side by side.
 * - On PGlite (one process, one connection) an in-process loop claims due rows with
 *   FOR UPDATE SKIP LOCKED and a lease, and retries with backoff from `next_attempt_at`.
 *
 * Both send a row through the same claim → send → mark steps (email-outbox.ts), which is where the
 * at-least-once trade-off and the stable Message-ID are explained.
 */
import PgBoss from 'pg-boss';
import type { Context } from '../services/context.ts';
import type { Queryable } from '../store/database.ts';
import type { Mailer } from './mailer.ts';
import { claimDue, claimOne, DEFAULT_DELIVERY, deliverClaimed, type DeliveryOptions } from './email-outbox.ts';

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
  /** How long a claimed mail (or a pg-boss job) may take before another worker takes it over. */
  leaseMs?: number;
  /** pg-boss: seconds before the first retry; later ones back off exponentially unless `retryBackoff` is false. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface EmailDelivery {
  readonly mode: 'pg-boss' | 'loop';
  /** Look for new mail now (e.g. right after a sweep or an invitation). */
  kick(): void;
  /**
   * Resolves once no mail is being sent and none is due (on pg-boss: none pending at all), or
   * rejects after `timeoutMs`. For tests and for `samplan sweep --send`.
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
        for (const mail of mails) {
          const outcome = await deliverClaimed(ctx.db, o.mailer, mail, now, delivery);
          if (outcome === 'retry' || outcome === 'failed') log(`e-post ${mail.id} kunde inte skickas (${outcome === 'retry' ? 'nytt försök senare' : 'ger upp'}, försök ${mail.attempts})`);
        }
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
        const [row] = await ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM email_outbox WHERE status = 'sending' OR (status = 'pending' AND next_attempt_at <= $1)`, [now()]);
        return row!.n === 0;
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

async function startPgBoss(ctx: Context, o: EmailDeliveryOptions, url: string, delivery: DeliveryOptions,
  log: NonNullable<EmailDeliveryOptions['log']>): Promise<EmailDelivery> {
  const pollMs = o.pollMs ?? 5_000;
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, application_name: 'samplan-email', schedule: false });
  boss.on('error', (error) => log('pg-boss', error));
  await boss.start();
  const queue = {
    name: EMAIL_QUEUE,
    // The outbox counts attempts and gives up after maxAttempts; pg-boss may retry a little
    // longer so that a run of crashed workers still ends with the outbox's decision.
    retryLimit: delivery.maxAttempts + 2,
    retryDelay: o.retryDelaySeconds ?? 30,
    retryBackoff: o.retryBackoff ?? true,
    expireInSeconds: Math.max(1, Math.ceil(delivery.leaseMs / 1000)),
  };
  await boss.createQueue(EMAIL_QUEUE, queue);
  await boss.updateQueue(EMAIL_QUEUE, queue);
  const now = () => ctx.clock.now();
  // Ten jobs per fetch (pg-boss waits a polling interval between fetches), each failed on its
  // own: pg-boss completes the rest when the handler returns, and a failed job is no longer active.
  const workerId = await boss.work<{ county: string; id: string }>(EMAIL_QUEUE, { batchSize: 10, pollingIntervalSeconds: Math.max(0.5, pollMs / 1000) }, async (jobs) => {
    for (const job of jobs) {
      const mail = await claimOne(ctx.db, job.data.county, job.data.id, now(), delivery.leaseMs);
      if (!mail) continue; // already sent, given up or skipped: nothing to do
      const outcome = await deliverClaimed(ctx.db, o.mailer, mail, now, delivery);
      if (outcome === 'retry' || outcome === 'failed') log(`e-post ${mail.id} kunde inte skickas (${outcome === 'retry' ? 'nytt försök senare' : 'ger upp'}, försök ${mail.attempts})`);
      // pg-boss retries a failed job after its delay; the outbox row is pending again meanwhile.
      if (outcome === 'retry') await boss.fail(EMAIL_QUEUE, job.id, { error: 'nytt försök senare' });
    }
  });

  /** Moves outbox rows not yet queued into pg-boss jobs, in one transaction with marking them queued. */
  const relay = async (): Promise<number> => ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ county: string; id: string }>(
      `SELECT county, id FROM email_outbox WHERE status = 'pending' AND queued_at IS NULL
       ORDER BY next_attempt_at LIMIT 500 FOR UPDATE SKIP LOCKED`);
    if (rows.length === 0) return 0;
    await boss.insert(rows.map((r) => ({ id: r.id, name: EMAIL_QUEUE, data: r })), { db: bossDb(tx) });
    await tx.query(`UPDATE email_outbox SET queued_at = $3 WHERE (county, id) IN (SELECT * FROM unnest($1::char(2)[], $2::uuid[]))`,
      [rows.map((r) => r.county), rows.map((r) => r.id), now()]);
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
        const [row] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_outbox WHERE status IN ('pending', 'sending')`);
        return row!.n === 0;
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
