/** Settings from the environment, with the defaults `npm start` needs on a laptop. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  devSignIn: boolean;
  production: boolean;
  logLevel: string;
  poolSize: number;
  /** The built web app, served at `/`. */
  webRoot: string;
  /**
   * Outgoing mail for notices (SMTP_URL, or SMTP_HOST with SMTP_PORT, SMTP_SECURE, SMTP_USER,
   * SMTP_PASS; SMTP_FROM is the sender). Null when neither SMTP_URL nor SMTP_HOST is set: notices
   * still reach the inbox and their mails wait in the outbox until mail is configured.
   */
  smtp: SmtpConfig | null;
  /** Where staff open Samplan (SAMPLAN_PUBLIC_URL); the links in mails point here. */
  publicUrl: string;
  /** Minutes between deadline sweeps in `serve` (SAMPLAN_SWEEP_MINUTES); 0 turns the timer off. */
  sweepMinutes: number;
}

export interface SmtpConfig {
  /** smtp://user:pass@host:port or smtps://…; when set, host, port and the rest are ignored. */
  url: string | undefined;
  host: string | undefined;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | undefined;
  pass: string | undefined;
  /** The sender, e.g. "Samplan <noreply@region.se>"; its domain also names the Message-IDs. */
  from: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.SAMPLAN_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    secret: env.SAMPLAN_SECRET ?? localSecret(dataDir),
    // The development sign-in lets anyone pick a demo user: never in production.
    devSignIn: !production && env.SAMPLAN_DEV_SIGN_IN !== '0',
    production,
    logLevel: env.LOG_LEVEL ?? 'info',
    poolSize: Number(env.SAMPLAN_POOL_SIZE ?? 16),
    webRoot: resolve(env.SAMPLAN_WEB_ROOT ?? 'web/dist'),
    smtp: readSmtp(env),
    publicUrl: (env.SAMPLAN_PUBLIC_URL ?? `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, ''),
    sweepMinutes: Number(env.SAMPLAN_SWEEP_MINUTES ?? 15),
  };
}

function readSmtp(env: NodeJS.ProcessEnv): SmtpConfig | null {
  const url = env.SMTP_URL || undefined;
  const host = env.SMTP_HOST || undefined;
  if (!url && !host) return null;
  const secure = ['1', 'true'].includes((env.SMTP_SECURE ?? '').toLowerCase());
  return {
    url, host, secure,
    port: Number(env.SMTP_PORT ?? (secure ? 465 : 587)),
    user: env.SMTP_USER || undefined,
    pass: env.SMTP_PASS || undefined,
    from: env.SMTP_FROM ?? 'Samplan <noreply@samplan.invalid>',
  };
}

/** A secret kept beside the embedded database, so that sessions survive a restart on a laptop. */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
