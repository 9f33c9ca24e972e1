/**
 * The command line of `samplan seed --synthetic --plans N [--seed S] [--today YYYY-MM-DD]
 * [--batch B] [--allow-existing-data] [--check-foreign-keys]`, with a progress bar on stderr
 * (stdout keeps the summary, for scripts). --check-foreign-keys is also the way on a server where
 * the user may not set session_replication_role (it needs a superuser): slower, but every
 * foreign key is checked as the rows go in.
 */
import { migrate } from '../../store/migrate.ts';
import type { Database } from '../../store/database.ts';
import { generateSynthetic, SyntheticRefusal } from './generate.ts';

export function progressBar(stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  const started = Date.now();
  return (done, total) => {
    const width = 30;
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * width);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)} %  ${done}/${total} planer  ${rate}/s  ${seconds.toFixed(0)} s`;
    if (stream.isTTY) stream.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total || Math.floor((done - 1) / Math.max(1, total / 10)) !== Math.floor(done / Math.max(1, total / 10))) stream.write(`${line}\n`);
  };
}

export async function syntheticCommand(db: Database, argv: readonly string[]): Promise<number> {
  const value = (flag: string) => { const i = argv.indexOf(flag); return i >= 0 ? argv[i + 1] : undefined; };
  const plans = Number(value('--plans') ?? NaN);
  if (!Number.isInteger(plans) || plans < 0) {
    console.error('Ange antalet planer: samplan seed --synthetic --plans N [--seed S] [--today ÅÅÅÅ-MM-DD] [--allow-existing-data]');
    return 2;
  }
  await migrate(db);
  try {
    const r = await generateSynthetic(db, {
      plans, seed: value('--seed') ?? 'samplan', ...(value('--today') ? { anchorDay: value('--today')! } : {}),
      ...(value('--batch') ? { batchSize: Number(value('--batch')) } : {}),
      allowExistingData: argv.includes('--allow-existing-data'), checkForeignKeys: argv.includes('--check-foreign-keys'), onProgress: progressBar(),
    });
    console.log(r.status === 'already_present'
      ? `Samma syntetiska datamängd finns redan (${r.plans} planer); inget ändrat.`
      : `Syntetiska data: ${r.plans} planer i ${r.counties} län och ${r.municipalities} kommuner, ${r.units} verksamheter, ${r.staff} medarbetare, på ${r.seconds.toFixed(1)} s.`);
    return 0;
  } catch (error) {
    if (error instanceof SyntheticRefusal) { console.error(error.message); return 3; }
    throw error;
  }
}
