/**
 * samplan serve | migrate | seed | sweep | audit verify
 *
 * DATABASE_URL set: PostgreSQL. Unset: the embedded PGlite database under ./data/pglite.
 */
import { existsSync } from 'node:fs';
import { readConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './store/database.ts';
import { migrate } from './store/migrate.ts';
import { verifyAuditChain } from './store/audit.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { systemClock } from './services/context.ts';
import { buildApp } from './http/app.ts';
import { DEMO_STAFF } from './seed/demo-organisation.ts';
import { setConsentPolicy } from './services/counties/set-consent-policy.ts';
import { setYoungPersonAge } from './services/counties/set-young-person-age.ts';
import { loadReferenceData } from './store/reference-data.ts';
import { startBackground } from './jobs/background.ts';
import { runSweep } from './services/notifications/run-sweep.ts';
import { randomBytes } from 'node:crypto';
import { DEMO_PEOPLE } from './idp/demo-people.ts';
import { startIdentityProvider, type RunningIdentityProvider } from './idp/identity-provider.ts';
import type { OidcSettings } from './http/oidc.ts';

const USAGE = `Användning: samplan <kommando>
  serve          starta servern (migrerar och laddar demodata första gången)
  migrate        kör databasmigreringar
  seed           ladda referensdata och demodata (om databasen är tom)
  seed --synthetic --plans N [--seed S]
                 en syntetisk nationell datamängd: alla 21 regioner och 290 kommuner, N planer
  sweep [län]    bevaka tidsfristerna en gång: skapa aviseringar och köa e-post (servern gör det var SAMPLAN_SWEEP_MINUTES:e minut)
  audit verify   kontrollera granskningsloggens hashkedja
  consent-policy <län> guardians|child_from_age [ålder]
                 vilket samtycke ett barns plan kräver i länet (enligt den regionala överenskommelsen)
  young-person-age <län> <ålder>
                 från vilken ålder den unge själv kan se sin plan (när samordnaren har öppnat den)`;

async function open(config: Config): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite`, poolSize: config.poolSize, readBatches: config.readBatches });
}

async function serve(config: Config): Promise<void> {
  const db = await open(config);
  await migrate(db);
  const ctx = { db, clock: systemClock };
  const { seeded } = await seedDemo(ctx);
  const identity = await identityProvider(config);
  const app = await buildApp({
    ctx, secret: config.secret, devSignIn: config.devSignIn, secureCookies: config.secureCookies, webRoot: config.webRoot,
    oidc: identity.settings, sessionPolicy: config.sessionPolicy, rateLimit: config.rateLimit,
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'] },
  });
  await app.listen({ port: config.port, host: config.host });
  const background = await startBackground(ctx, config, app.log);
  const url = `http://localhost:${config.port}`;
  console.log(`\nSamplan körs på ${url}  (databas: ${db.kind === 'pglite' ? `inbäddad PGlite i ${config.dataDir}/pglite` : 'PostgreSQL'}${seeded ? ', demodata laddad' : ''})`);
  console.log(`Webbappen: ${url}/${existsSync(`${config.webRoot}/index.html`) ? '' : '  (inte byggd: kör npm run build:web)'}`);
  console.log(`API-dokumentation: ${url}/api/docs   OpenAPI: ${url}/api/openapi.json`);
  console.log(`Inloggning (OpenID Connect): ${identity.settings.issuer}${identity.bundled ? '  (den inbyggda test-inloggningen; sidan listar demopersonerna)' : ''}`);
  if (identity.bundled) {
    console.log('\nDemoanvändare (välj på inloggningssidan):');
    for (const s of DEMO_STAFF) console.log(`  ${s.hsaId.padEnd(18)} ${s.name.padEnd(15)} ${s.title.padEnd(20)} ${s.units.map(([u, r]) => `${u} (${r})`).join(', ')}`);
    const citizens = (role: 'guardian' | 'child') => DEMO_PEOPLE.flatMap((p) => (p.kind === 'citizen' && p.role === role ? [p.name] : [])).join(', ');
    console.log(`  och vårdnadshavarna ${citizens('guardian')} (BankID)`);
    console.log(`  och barnen ${citizens('child')} (BankID; Ebba ser sin egen plan, Maja är under länets ålder)`);
  }
  if (config.devSignIn) console.log('Utvecklingsinloggning utan identitetsutfärdare (för skript): POST /api/dev/sign-in {"hsaId": "..."}');
  const stop = async () => { await app.close(); await background.stop(); await identity.idp?.close(); await db.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * The configured identity provider, or, outside production and without OIDC_ISSUER, the bundled
 * one on IDP_PORT with Samplan registered under a secret made up for this run.
 */
async function identityProvider(config: Config): Promise<{ settings: OidcSettings; bundled: boolean; idp: RunningIdentityProvider | null }> {
  if (config.oidc) return { settings: config.oidc, bundled: false, idp: null };
  if (config.production) throw new Error('I produktion krävs en riktig identitetsutfärdare: sätt OIDC_ISSUER, OIDC_CLIENT_ID och OIDC_CLIENT_SECRET.');
  const clientSecret = randomBytes(32).toString('base64url');
  const redirectUrl = `${config.publicUrl}/auth/callback`;
  const postLogoutRedirectUrl = `${config.publicUrl}/`;
  let idp: RunningIdentityProvider;
  try {
    idp = await startIdentityProvider({
      port: config.idpPort,
      clients: [{ clientId: 'samplan', clientSecret, clientName: 'Samplan', redirectUris: [redirectUrl], postLogoutRedirectUris: [postLogoutRedirectUrl] }],
      people: DEMO_PEOPLE,
    });
  } catch (error) {
    throw new Error(`Den inbyggda test-inloggningen kunde inte starta på port ${config.idpPort} (${(error as Error).message}). Välj en annan med IDP_PORT.`);
  }
  return { settings: { issuer: idp.issuer, clientId: 'samplan', clientSecret, redirectUrl, postLogoutRedirectUrl }, bundled: true, idp };
}

/** A county setting changed by an operator: the answer on stdout, or each problem by field and exit code 2. */
async function countySetting(config: Config, change: (db: Database) => Promise<string>): Promise<number> {
  const db = await open(config);
  await migrate(db);
  // The counties are reference data: there even before the first `serve`.
  await db.transaction((tx) => loadReferenceData(tx));
  try {
    console.log(await change(db));
    return 0;
  } catch (error) {
    console.error((error as { problems?: Array<{ field: string; message: string }> }).problems?.map((p) => `${p.field}: ${p.message}`).join('\n') ?? String(error));
    return 2;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const config = readConfig();
  const [command, sub] = argv;
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'migrate': {
      const db = await open(config);
      const applied = await migrate(db);
      console.log(applied.length ? `Migrerade: ${applied.join(', ')}` : 'Databasen är redan aktuell.');
      await db.close();
      return 0;
    }
    case 'seed': {
      const db = await open(config);
      if (sub === '--synthetic') {
        try { return await (await import('./seed/synthetic/command.ts')).syntheticCommand(db, argv.slice(2)); } finally { await db.close(); }
      }
      await migrate(db);
      const { seeded } = await seedDemo({ db, clock: systemClock });
      console.log(seeded ? 'Demodata laddad.' : 'Databasen har redan data; inget ändrat.');
      await db.close();
      return 0;
    }
    case 'sweep': {
      const db = await open(config);
      await migrate(db);
      const r = await runSweep({ db, clock: systemClock }, { county: sub });
      console.log(`Tidsfrister: ${r.plans} öppna planer, ${r.deadlines} frister att avisera, ${r.created} nya aviseringar, ${r.emails} e-brev i kön.`);
      if (r.invalidRules.length) console.error(`Ogiltiga regler för tidsfrister i län ${r.invalidRules.join(', ')}: standardreglerna användes.`);
      await db.close();
      return 0;
    }
    case 'consent-policy': {
      const [, county, policy, age] = argv;
      if (!county || !policy) break;
      return countySetting(config, async (db) => {
        const r = await setConsentPolicy(db, { county, policy: policy as 'guardians', ...(age ? { age: Number(age) } : {}) });
        return `${r.name}: ${r.policy === 'guardians' ? 'alla vårdnadshavare samtycker, oavsett barnets ålder' : `barnet kan samtycka själv från ${r.age} år`}.`;
      });
    }
    case 'young-person-age': {
      const [, county, age] = argv;
      if (!county || !age) break;
      return countySetting(config, async (db) => {
        const r = await setYoungPersonAge(db, { county, age: Number(age) });
        return `${r.name}: den unge kan se sin egen plan från ${r.age} år, när samordnaren har öppnat den.`;
      });
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const db = await open(config);
      await migrate(db);
      const { rows, breaks } = await verifyAuditChain(db);
      await db.close();
      if (breaks.length === 0) {
        console.log(`Granskningsloggen är hel: ${rows} rader, hashkedjan stämmer i varje län.`);
        return 0;
      }
      for (const b of breaks) console.error(`Bruten kedja i län ${b.county}: första felaktiga rad nr ${b.seq} (${b.problem}).`);
      return 1;
    }
  }
  console.error(USAGE);
  return 2;
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
