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
