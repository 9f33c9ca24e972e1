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
import { startBackground } from './jobs/background.ts';
import { runSweep } from './services/notifications/run-sweep.ts';

const USAGE = `Användning: samplan <kommando>
  serve          starta servern (migrerar och laddar demodata första gången)
  migrate        kör databasmigreringar
  seed           ladda referensdata och demodata (om databasen är tom)
  sweep [län]    bevaka tidsfristerna en gång: skapa aviseringar och köa e-post (servern gör det var SAMPLAN_SWEEP_MINUTES:e minut)
  audit verify   kontrollera granskningsloggens hashkedja
  consent-policy <län> guardians|child_from_age [ålder]
                 vilket samtycke ett barns plan kräver i länet (enligt den regionala överenskommelsen)`;

async function open(config: Config): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite`, poolSize: config.poolSize });
}

async function serve(config: Config): Promise<void> {
  const db = await open(config);
  await migrate(db);
  const ctx = { db, clock: systemClock };
  const { seeded } = await seedDemo(ctx);
  const app = await buildApp({
    ctx, secret: config.secret, devSignIn: config.devSignIn, secureCookies: config.production, webRoot: config.webRoot,
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
  });
  await app.listen({ port: config.port, host: config.host });
  const background = await startBackground(ctx, config, app.log);
  const url = `http://localhost:${config.port}`;
  console.log(`\nSamplan körs på ${url}  (databas: ${db.kind === 'pglite' ? `inbäddad PGlite i ${config.dataDir}/pglite` : 'PostgreSQL'}${seeded ? ', demodata laddad' : ''})`);
  console.log(`Webbappen: ${url}/${existsSync(`${config.webRoot}/index.html`) ? '' : '  (inte byggd: kör npm run build:web)'}`);
  console.log(`API-dokumentation: ${url}/api/docs   OpenAPI: ${url}/api/openapi.json`);
  if (config.devSignIn) {
    console.log('\nDemoanvändare (utvecklingsinloggning: POST /api/dev/sign-in {"hsaId": "..."}):');
    for (const s of DEMO_STAFF) console.log(`  ${s.hsaId.padEnd(18)} ${s.name.padEnd(15)} ${s.title.padEnd(20)} ${s.units.map(([u, r]) => `${u} (${r})`).join(', ')}`);
  }
  const stop = async () => { await app.close(); await background.stop(); await db.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
      const db = await open(config);
      await migrate(db);
      try {
        const r = await setConsentPolicy(db, { county, policy: policy as 'guardians', ...(age ? { age: Number(age) } : {}) });
        console.log(`${r.name}: ${r.policy === 'guardians' ? 'alla vårdnadshavare samtycker, oavsett barnets ålder' : `barnet kan samtycka själv från ${r.age} år`}.`);
        return 0;
      } catch (error) {
        console.error((error as { problems?: Array<{ field: string; message: string }> }).problems?.map((p) => `${p.field}: ${p.message}`).join('\n') ?? String(error));
        return 2;
      } finally {
        await db.close();
      }
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
