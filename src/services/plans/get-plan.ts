import { ACCESS_FACT_COLUMNS, READABLE_FROM_FACTS, UUID, accessFacts, requirePlanAccess } from '../../access/require-plan-access.ts';
import { decidePlanAccess } from '../../access/plan-permissions.ts';
import { buildingPlanReadsSql, keptPlanReadsSql, planReadsParameters, type PlanReadRequest } from '../../store/plan-document.ts';
import { Coalescer } from '../../store/coalesce.ts';
import type { Database } from '../../store/database.ts';
import type { PlanState } from '../../domain/plan-lifecycle.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { presentPlanText } from './present-plan.ts';
import { loadActor } from '../auth/load-actor.ts';
import { ServiceError } from '../errors.ts';

export interface GetPlanOptions {
  actor: Actor;
  planId: string;
}

const FACTS = ACCESS_FACT_COLUMNS('r.unit_id', 'r.today');
const GUARD = `${READABLE_FROM_FACTS({ participates: 'f.participates', covered: 'f.covered', anyConsent: 'f.any_consent', initiatingUnit: 'f.initiating_unit_id', state: 'f.state' }, 'f.unit_id')} AND f.role <> 'analyst'`;
/** The reads whose document kept today is current (nearly always), coalesced: no document is built. */
const KEPT_READS_SQL = keptPlanReadsSql(FACTS, GUARD);
/** The reads that build the document when it is not (the first read of the plan today, or after a change), coalesced too. */
const BUILDING_READS_SQL = buildingPlanReadsSql(FACTS, GUARD);

interface ReadRow {
  /** Which request of the statement the row answers (from 1). */
  i: number;
  version: number;
  state: PlanState;
  content_stamp: number;
  /** Null when the copy in memory (stamp and day sent with the query) is current. */
  doc: string | null;
  /** The audit row written; null when the kept read found no current document and wrote nothing. */
  audit_seq: number | null;
  initiating_unit_id: string;
  participates: boolean;
  covered: boolean;
  any_consent: boolean;
}

/** Requests in one coalesced read statement at most. */
const MAX_BATCH = 64;

type Reads = Coalescer<PlanReadRequest, ReadRow | undefined>;
const coalescers = new WeakMap<Database, { kept: Reads; building: Reads }>();

/** This database's coalescers of plan reads, kept and building: an answer per request, undefined when refused. */
function readsOf(db: Database): { kept: Reads; building: Reads } {
  let reads = coalescers.get(db);
  if (!reads) {
    const coalesce = (sql: string): Reads => new Coalescer(async (requests) => {
      const rows = await db.query<ReadRow>(sql, planReadsParameters(requests));
      const byRequest = new Map(rows.map((row) => [row.i, row]));
      return requests.map((_, k) => byRequest.get(k + 1));
    }, { inFlight: db.readBatches, maxBatch: MAX_BATCH });
    reads = { kept: coalesce(KEPT_READS_SQL), building: coalesce(BUILDING_READS_SQL) };
    coalescers.set(db, reads);
  }
  return reads;
}

/** The two read statements, for the tests that run a batch of their own. */
export const PLAN_READS_SQL = { kept: KEPT_READS_SQL, building: BUILDING_READS_SQL } as const;

/** How many coalesced statements have carried how many plan reads on this database (tests). */
export const coalescedReadCounts = (db: Database) => ({ kept: { ...readsOf(db).kept.counts }, building: { ...readsOf(db).building.counts } });

/**
 * Documents this process has recently sent, by plan: reused only when the read statement, in the
 * same breath as it checks access and writes the audit row, confirms the stamp is still current.
 * Spares the database from sending the same 10–20 kB again. Bounded: the oldest entry goes first.
 */
const inMemory = new Map<string, { stamp: number; day: string; json: string }>();
const IN_MEMORY_MAX = 5_000;

function remember(planId: string, entry: { stamp: number; day: string; json: string }): void {
  inMemory.delete(planId);
  inMemory.set(planId, entry);
  if (inMemory.size > IN_MEMORY_MAX) inMemory.delete(inMemory.keys().next().value!);
}

/**
 * Reads one whole plan, as a participating unit covered by the consent. Audited as a read.
 *
 * The hot path of the product, so one statement when access is granted: it checks the
 * membership and access (the bulk form of the rules in src/access), returns the document kept
 * today and appends the audit row, atomically. Under load, the reads that wait for the database
 * go together in one such statement (src/store/coalesce.ts, docs/decisions/0012); each still has
 * its own access check and its own audit row, committed with it. Only when no current document
 * is kept does a second statement build it (and do the same checks and audit), coalesced as
 * well. When a statement returns nothing, the access module decides what to answer and audits
 * the refusal. The facts the statement
 * returns are checked against decidePlanAccess, so that the SQL and the typed rules cannot
 * silently drift apart.
 */
export async function getPlan(ctx: Context, { actor, planId }: GetPlanOptions): Promise<{ version: number; json: string }> {
  const today = swedishDate(ctx.clock.now());
  for (let attempt = 0; attempt < 2; attempt++) {
    const held = inMemory.get(`${actor.county}/${planId}`);
    const request: PlanReadRequest = { county: actor.county, planId, today, unitId: actor.unitId, networkAddress: actor.networkAddress,
      staffId: actor.staffId, role: actor.role, heldStamp: held?.stamp ?? -1, heldDay: held?.day ?? '1900-01-01' };
    let row = UUID.test(planId) ? await readsOf(ctx.db).kept.submit(request) : undefined;
    if (row && row.audit_seq === null) row = await readsOf(ctx.db).building.submit(request);
    if (row) {
      const decision = decidePlanAccess(actor.role, 'plan.read', accessFacts(row, actor.unitId));
      if (!decision.allowed) throw new Error(`access rules disagree for plan.read: SQL allowed, decidePlanAccess refused (${decision.reason})`);
      const doc = row.doc ?? (held?.stamp === row.content_stamp && held.day === today ? held.json : null);
      if (doc === null) throw new Error('plan.read: no document sent and none held');
      if (row.doc !== null) remember(`${actor.county}/${planId}`, { stamp: row.content_stamp, day: today, json: row.doc });
      return { version: row.version, json: presentPlanText(doc, row.state) };
    }
    // Refused. The membership the statement checks may have ended since the session layer last
    // looked (src/http/session.ts trusts it for a few seconds): then the session is over.
    if (UUID.test(planId) && !(await loadActor(ctx.db, actor, null))) throw new ServiceError(401, 'unauthenticated', 'Logga in först.');
    // Otherwise the access module answers 404 or 403 and audits it. If it allows (access changed
    // between the two statements, e.g. a consent recorded a moment ago), read once more.
    await requirePlanAccess(ctx.db, actor, planId, 'plan.read', today, { action: 'R', event: 'plan.read' });
  }
  throw new Error('plan.read: access granted but the plan could not be read');
}
