/**
 * What `samplan serve` runs beside the HTTP server: the deadline sweep on a timer, and the
 * delivery of queued mail when SMTP is configured.
 */
import type { Config } from '../config.ts';
import type { Context } from '../services/context.ts';
import { runSweep, type SweepResult } from '../services/notifications/run-sweep.ts';
import { startEmailDelivery, type EmailDelivery } from './email-delivery.ts';
import { smtpMailer } from './mailer.ts';

export interface BackgroundLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Background {
  /** Runs one sweep now (not overlapping a running one). */
  sweep(): Promise<SweepResult | null>;
  stop(): Promise<void>;
}

/** Starts the sweep timer (every `config.sweepMinutes`, the first a few seconds after start) and the mail worker. */
export async function startBackground(ctx: Context, config: Config, log: BackgroundLog): Promise<Background> {
  const mailer = config.smtp ? smtpMailer(config.smtp) : null;
  const delivery: EmailDelivery | null = mailer
    ? await startEmailDelivery(ctx, {
      mailer, publicUrl: config.publicUrl, databaseUrl: config.databaseUrl,
      log: (message, error) => log.error({ err: error }, `e-post: ${message}`),
    })
    : null;
  if (!mailer) log.info({}, 'SMTP är inte inställt (SMTP_URL eller SMTP_HOST): aviseringar syns i inkorgen, e-post väntar i kön.');

  let running: Promise<SweepResult | null> | null = null;
  const sweep = (): Promise<SweepResult | null> => {
    running ??= (async () => {
      try {
        const result = await runSweep(ctx);
        log.info({ sweep: result }, 'bevakning av tidsfrister klar');
        delivery?.kick();
        return result;
      } catch (error) {
        // The next run picks up whatever this one did not commit: nothing is lost by waiting.
        log.error({ err: error }, 'bevakningen av tidsfrister misslyckades');
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timers: NodeJS.Timeout[] = [];
  if (config.sweepMinutes > 0) {
    timers.push(setTimeout(() => void sweep(), 5_000));
    timers.push(setInterval(() => void sweep(), config.sweepMinutes * 60_000));
    for (const t of timers) t.unref();
  }
  return {
    sweep,
    async stop() {
      for (const t of timers) clearTimeout(t);
      await running;
      await delivery?.stop();
      mailer?.close();
    },
  };
}
