/** Settings from the environment, with the defaults `npm start` needs on a laptop. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SESSION_POLICY, sessionPolicyProblems, type SessionPolicy } from './domain/session-policy.ts';
import type { OidcSettings } from './http/oidc.ts';

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
  /** Coalesced plan-read batches at once (SAMPLAN_READ_BATCHES, docs/decisions/0012): about the database server's cores. */
  readBatches: number;
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
  /**
   * The identity provider: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL
   * (default <public URL>/auth/callback), OIDC_POST_LOGOUT_URL (default <public URL>/). Null when
   * OIDC_ISSUER is unset: then `serve` starts the bundled identity provider (not in production).
   */
  oidc: OidcSettings | null;
  /** The bundled identity provider's port (IDP_PORT, default 3001), when OIDC_ISSUER is unset. */
  idpPort: number;
  /** SAMPLAN_SESSION_IDLE_MINUTES (30) and SAMPLAN_SESSION_MAX_HOURS (10). */
  sessionPolicy: SessionPolicy;
  /** SAMPLAN_RATE_LIMIT requests per minute per session (600; 0 turns limits off), SAMPLAN_SIGN_IN_RATE_LIMIT per address (30). */
  rateLimit: { perMinute: number; signInPerMinute: number } | false;
  /** Cookies marked Secure: whenever the public URL is https, and always in production. */
  secureCookies: boolean;
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
  const publicUrl = (env.SAMPLAN_PUBLIC_URL ?? `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, '');
  const sessionPolicy: SessionPolicy = {
    idleMinutes: Number(env.SAMPLAN_SESSION_IDLE_MINUTES ?? DEFAULT_SESSION_POLICY.idleMinutes),
    absoluteHours: Number(env.SAMPLAN_SESSION_MAX_HOURS ?? DEFAULT_SESSION_POLICY.absoluteHours),
  };
  const problems = sessionPolicyProblems(sessionPolicy);
  if (problems.length) throw new Error(problems.join(' '));
  const readBatches = Number(env.SAMPLAN_READ_BATCHES || 2);
  if (!Number.isInteger(readBatches) || readBatches < 1) {
    throw new Error(`SAMPLAN_READ_BATCHES ska vara ett heltal från 1 och uppåt (var "${env.SAMPLAN_READ_BATCHES}").`);
  }
  const perMinute = Number(env.SAMPLAN_RATE_LIMIT ?? 600);
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
    readBatches,
    webRoot: resolve(env.SAMPLAN_WEB_ROOT ?? 'web/dist'),
    smtp: readSmtp(env),
    publicUrl,
    sweepMinutes: Number(env.SAMPLAN_SWEEP_MINUTES ?? 15),
    oidc: readOidc(env, publicUrl),
    idpPort: Number(env.IDP_PORT ?? 3001),
    sessionPolicy,
    rateLimit: perMinute > 0 ? { perMinute, signInPerMinute: Number(env.SAMPLAN_SIGN_IN_RATE_LIMIT ?? 30) } : false,
    secureCookies: production || publicUrl.startsWith('https://'),
  };
}

function readOidc(env: NodeJS.ProcessEnv, publicUrl: string): OidcSettings | null {
  const issuer = env.OIDC_ISSUER || undefined;
  if (!issuer) return null;
  const missing = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((k) => !env[k]);
  if (missing.length) throw new Error(`OIDC_ISSUER är satt men ${missing.join(' och ')} saknas.`);
  return {
    issuer, clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!,
    redirectUrl: env.OIDC_REDIRECT_URL ?? `${publicUrl}/auth/callback`,
    postLogoutRedirectUrl: env.OIDC_POST_LOGOUT_URL ?? `${publicUrl}/`,
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
