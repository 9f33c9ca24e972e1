/**
 * `samplan seed --synthetic --plans N`: a synthetic national data set (issue 7 item 6) for the key
 * figures, the dashboard and the benchmark. Every one of the 21 regions and 290 municipalities
 * gets its principal, units of every kind with staff and a manager, and a local agreement with a
 * steering group; N plans spread over the municipalities (each municipality at least one when N
 * ≥ 290, the large cities more) in every state, with consents (some refused or withdrawn),
 * invitations (some declined), meetings with and without the child, follow-ups on time and late,
 * interventions done, late and open, coordinator changes, and deviations in every status.
 *
 * Invented people only: identity numbers are personnummer with a valid check digit whose
 * birth number (födelsenummer) is 980–999, the series Skatteverket keeps for test persons and
 * never gives to anyone, so no number can be a real person's.
 *
 * Fast by construction: rows are built in memory per batch and written with one array-unnest
 * INSERT per table (src/seed/synthetic/bulk.ts), one transaction per batch. The plans and
 * deviations are written in their final states in one go, so their transition triggers are off
 * for the batch's transaction only (see checkForeignKeys); the chronology rows written beside
 * them are the allowed transitions, and the CHECK constraints all hold.
 *
 * Deterministic: the same seed, N and anchor day give the same rows, ids included (each plan
 * draws from its own random stream).
 */
import type { Database, Queryable } from '../../store/database.ts';
import { COUNTIES, MUNICIPALITIES, loadReferenceData } from '../../store/reference-data.ts';
import { luhnCheckDigit } from '../../domain/identity-number.ts';
import { Random } from './random.ts';
import { bulkInsert, type Columns } from './bulk.ts';
import { markAllCountiesStale, refreshAllKeyFigureFacts } from '../../services/key-figures/fact-store.ts';
import { FAMILY_NAMES, GIVEN_NAMES_ADULT, GIVEN_NAMES_CHILD } from './names.ts';

export interface SyntheticOptions {
  plans: number;
  seed?: string;
  /** The day the data set is "now" (YYYY-MM-DD); default today. */
  anchorDay?: string;
  /** Plans per transaction. */
  batchSize?: number;
  /** Run even though the database holds plans that are not synthetic (e.g. the demo). */
  allowExistingData?: boolean;
  /**
   * Check every foreign key row by row while writing (slow: the server's referential triggers).
   * Off by default: the batches are written with session_replication_role = replica, which skips
   * triggers (the foreign keys' and the transition guards') but not the CHECK constraints; the
   * rows refer only to rows made before them by construction, and the integration test writes
   * the same set both ways and finds the same rows (test/integration/synthetic-seed.test.ts).
   */
  checkForeignKeys?: boolean;
  /** Called after each batch with plans written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticResult {
  status: 'generated' | 'already_present';
  plans: number;
  counties: number;
  municipalities: number;
  units: number;
  staff: number;
  seconds: number;
}

export class SyntheticRefusal extends Error {}

const DAY = 86_400_000;
const SYN = 'SYN';

type UnitKind = 'social_services_children' | 'school' | 'preschool' | 'pupil_health' | 'child_psychiatry' | 'primary_care' | 'habilitation' | 'somatic_care' | 'care_lss' | 'culture_leisure';
interface Unit { id: string; kind: UnitKind; principalId: string; municipality: string; staff: string[]; manager: string }
interface Municipality { code: string; county: string; short: string; principalId: string; units: Unit[]; agreementId: string; weight: number }
interface County { code: string; regionId: string; municipalities: Municipality[]; countyUnits: Unit[] }

// Population-like weights: the large cities have more plans, as the audits' figures did.
const BIG: Record<string, number> = { '0180': 30, '1480': 20, '1280': 12, '0380': 8, '0580': 6, '0581': 5, '1880': 5, '1980': 5, '1283': 5, '0680': 5, '2480': 5, '1281': 4, '0780': 3, '2281': 3, '1380': 3 };

const MUNICIPAL_UNITS: ReadonlyArray<readonly [UnitKind, (m: string) => string, string]> = [
  ['social_services_children', (m) => `Socialtjänsten barn och familj, ${m}`, 'Socialnämnden'],
  ['school', (m) => `Centralskolan, ${m}`, 'Barn- och utbildningsnämnden'],
  ['school', (m) => `Norra skolan, ${m}`, 'Barn- och utbildningsnämnden'],
  ['preschool', (m) => `Förskolan Solen, ${m}`, 'Barn- och utbildningsnämnden'],
  ['pupil_health', (m) => `Elevhälsan ${m}`, 'Barn- och utbildningsnämnden'],
  ['care_lss', (m) => `Omsorg och LSS, ${m}`, 'Omsorgsnämnden'],
  ['culture_leisure', (m) => `Kultur och fritid, ${m}`, 'Kultur- och fritidsnämnden'],
];
const REGION_UNITS: ReadonlyArray<readonly [UnitKind, (m: string) => string, string]> = [
  ['primary_care', (m) => `Vårdcentralen ${m}`, 'Primärvården'],
  ['child_psychiatry', (m) => `BUP ${m}`, 'Psykiatri, habilitering och hjälpmedel'],
];
const COUNTY_UNITS: ReadonlyArray<readonly [UnitKind, (c: string) => string, string]> = [
  ['habilitation', (c) => `Barn- och ungdomshabiliteringen ${c}`, 'Psykiatri, habilitering och hjälpmedel'],
  ['somatic_care', (c) => `Barn- och ungdomsmedicin ${c}`, 'Hälso- och sjukvårdsnämnden'],
];

// Who initiates (the audits: the school calls too seldom; social services and BUP most).
const INITIATORS: ReadonlyArray<readonly [UnitKind, number]> = [
  ['social_services_children', 30], ['school', 18], ['pupil_health', 14], ['child_psychiatry', 18], ['primary_care', 7],
  ['habilitation', 5], ['preschool', 3], ['care_lss', 3], ['somatic_care', 2],
];
const STATES: ReadonlyArray<readonly [string, number]> = [
  ['initiated', 6], ['invited', 7], ['mapped', 5], ['established', 38], ['evaluated', 8], ['closed', 28], ['cancelled', 8],
];
const REASONS = [
  'Hög frånvaro i skolan och oro hemma; flera verksamheter behöver samordna sina insatser.',
  'Neuropsykiatrisk utredning pågår och skolan behöver anpassningar samtidigt som familjen får stöd.',
  'Barnet har behov av stöd från både socialtjänst, BUP och skola.',
  'Familjen har bett om en gemensam plan för stödet kring barnet.',
  'Oro för barnets psykiska hälsa; insatser från region och kommun behöver samordnas.',
];

/** A 12-digit personnummer in Skatteverket's test series (birth number 980–999), valid check digit. */
export function syntheticIdentityNumber(birthDate: string, serial: number): string {
  if (serial < 980 || serial > 999) throw new RangeError('the test series is 980–999');
  const base = birthDate.replaceAll('-', '') + String(serial);
  return base + luhnCheckDigit(base.slice(2));
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

/** Hands out (birth date, serial) pairs so that no two persons of a county share a number. */
class NumberBook {
  private used = new Map<string, number>();
  take(county: string, birthMs: number): { birthDate: string; identityNumber: string } {
    for (let shift = 0; ; shift++) {
      const birthDate = day(birthMs + shift * DAY);
      const key = `${county}${birthDate}`;
      const n = this.used.get(key) ?? 0;
      if (n < 20) {
        this.used.set(key, n + 1);
        return { birthDate, identityNumber: syntheticIdentityNumber(birthDate, 980 + n) };
      }
    }
  }
}

class Rows {
  readonly tables = new Map<string, { columns: Columns; rows: unknown[][] }>();
  add(table: string, columns: Columns, row: unknown[]): void {
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = { columns, rows: [] }));
    t.rows.push(row);
  }
}

const C = {
  principals: [['county', 'char(2)'], ['id', 'uuid'], ['kind', 'text'], ['name', 'text'], ['municipality_code', 'char(4)']],
  units: [['county', 'char(2)'], ['id', 'uuid'], ['principal_id', 'uuid'], ['kind', 'text'], ['name', 'text'], ['committee', 'text'], ['municipality_code', 'char(4)']],
  staff: [['county', 'char(2)'], ['id', 'uuid'], ['hsa_id', 'text'], ['name', 'text'], ['email', 'text']],
  memberships: [['county', 'char(2)'], ['id', 'uuid'], ['staff_id', 'uuid'], ['unit_id', 'uuid'], ['role', 'text']],
  local_agreements: [['county', 'char(2)'], ['id', 'uuid'], ['name', 'text'], ['effective_from', 'date']],
  local_agreement_principals: [['county', 'char(2)'], ['agreement_id', 'uuid'], ['principal_id', 'uuid']],
  steering_group_members: [['county', 'char(2)'], ['agreement_id', 'uuid'], ['staff_id', 'uuid']],
  persons: [['county', 'char(2)'], ['id', 'uuid'], ['identity_kind', 'text'], ['identity_number', 'text'], ['birth_date', 'date'], ['given_name', 'text'], ['family_name', 'text'], ['created_at', 'timestamptz']],
  guardianships: [['county', 'char(2)'], ['child_id', 'uuid'], ['guardian_id', 'uuid']],
  plans: [['county', 'char(2)'], ['id', 'uuid'], ['plan_number', 'text'], ['child_id', 'uuid'], ['state', 'text'], ['reason', 'text'], ['initiating_unit_id', 'uuid'],
    ['initiated_by', 'uuid'], ['initiated_at', 'timestamptz'], ['coordinator_staff_id', 'uuid'], ['coordinator_unit_id', 'uuid'], ['overall_principal_id', 'uuid'],
    ['next_follow_up_on', 'date'], ['plan_version', 'int'], ['established_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['closure_reason', 'text'],
    ['cancel_reason', 'text'], ['version', 'int'], ['updated_at', 'timestamptz']],
  plan_state_changes: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['from_state', 'text'], ['to_state', 'text'], ['at', 'timestamptz'], ['by_staff_id', 'uuid'], ['by_unit_id', 'uuid']],
  plan_participants: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['kind', 'text'], ['unit_id', 'uuid'], ['person_id', 'uuid'], ['staff_id', 'uuid'], ['added_at', 'timestamptz']],
  consents: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['form', 'text'], ['given_on', 'date'], ['valid_from', 'date'], ['valid_until', 'date'], ['sufficient', 'boolean'],
    ['recorded_by', 'uuid'], ['recorded_unit', 'uuid'], ['recorded_at', 'timestamptz'], ['withdrawn_at', 'timestamptz'], ['withdrawn_by', 'uuid'], ['withdrawal_note', 'text']],
  consent_givers: [['county', 'char(2)'], ['consent_id', 'uuid'], ['person_id', 'uuid'], ['role', 'text'], ['stance', 'text'], ['refusal_reason', 'text']],
  consent_units: [['county', 'char(2)'], ['consent_id', 'uuid'], ['unit_id', 'uuid']],
  invitations: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['purpose', 'text'], ['question', 'text'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'],
    ['place', 'text'], ['video_link', 'text'], ['meeting_leader_id', 'uuid'], ['sent_by', 'uuid'], ['sent_at', 'timestamptz']],
  invitees: [['county', 'char(2)'], ['id', 'uuid'], ['invitation_id', 'uuid'], ['plan_id', 'uuid'], ['unit_id', 'uuid'], ['answer', 'text'], ['decline_reason', 'text'], ['answered_at', 'timestamptz'], ['answered_by', 'uuid']],
  meetings: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['invitation_id', 'uuid'], ['kind', 'text'], ['held_at', 'timestamptz'], ['by_video', 'boolean'], ['child_present', 'boolean'], ['recorded_by', 'uuid'], ['recorded_at', 'timestamptz']],
  follow_ups: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['due_on', 'date'], ['held_on', 'date'], ['meeting_id', 'uuid'], ['next_due_on', 'date'], ['new_version', 'int'], ['recorded_by', 'uuid'], ['recorded_at', 'timestamptz']],
  interventions: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['description', 'text'], ['principal_id', 'uuid'], ['unit_id', 'uuid'], ['responsible_staff_id', 'uuid'],
    ['starts_on', 'date'], ['due_on', 'date'], ['status', 'text'], ['done_on', 'date'], ['created_by', 'uuid'], ['created_at', 'timestamptz']],
  plan_coordinator_changes: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['from_staff_id', 'uuid'], ['from_unit_id', 'uuid'], ['to_staff_id', 'uuid'], ['to_unit_id', 'uuid'], ['changed_at', 'timestamptz'], ['notified_at', 'timestamptz']],
  deviations: [['county', 'char(2)'], ['id', 'uuid'], ['plan_id', 'uuid'], ['title', 'text'], ['description', 'text'], ['status', 'text'], ['reported_by', 'uuid'], ['reported_unit_id', 'uuid'],
    ['reported_at', 'timestamptz'], ['agreement_id', 'uuid'], ['escalated_at', 'timestamptz'], ['escalation_reason', 'text'], ['closed_at', 'timestamptz'], ['resolution', 'text'], ['version', 'int'], ['updated_at', 'timestamptz']],
  deviation_units: [['county', 'char(2)'], ['deviation_id', 'uuid'], ['unit_id', 'uuid']],
  deviation_measures: [['county', 'char(2)'], ['id', 'uuid'], ['deviation_id', 'uuid'], ['description', 'text'], ['owner_staff_id', 'uuid'], ['due_on', 'date'], ['done_on', 'date'], ['created_by', 'uuid'], ['created_at', 'timestamptz']],
  deviation_status_changes: [['county', 'char(2)'], ['id', 'uuid'], ['deviation_id', 'uuid'], ['from_state', 'text'], ['to_state', 'text'], ['at', 'timestamptz'], ['by_staff_id', 'uuid'], ['by_unit_id', 'uuid'], ['note', 'text']],
} satisfies Record<string, Columns>;

/** The order of writing: referenced tables first. */
const TABLE_ORDER = Object.keys(C) as Array<keyof typeof C>;

async function flush(tx: Queryable, rows: Rows): Promise<void> {
  for (const table of TABLE_ORDER) {
    const t = rows.tables.get(table);
    if (t && t.rows.length) await bulkInsert(tx, table, t.columns, t.rows);
  }
}

/** Whether the database may take the set, and whether the same set is already there. */
async function preflight(db: Database, o: Required<Pick<SyntheticOptions, 'plans' | 'seed' | 'anchorDay'>> & { allowExistingData: boolean }): Promise<'empty' | 'same'> {
  const sets = await db.query<{ seed: string; plans_total: number; anchor_day: string }>('SELECT DISTINCT seed, plans_total, anchor_day::text FROM synthetic_data_sets');
  if (sets.length) {
    const s = sets[0]!;
    if (sets.length === 1 && s.seed === o.seed && s.plans_total === o.plans && s.anchor_day === o.anchorDay) return 'same';
    throw new SyntheticRefusal(`Databasen har redan en syntetisk datamängd (frö ${s.seed}, ${s.plans_total} planer, dag ${s.anchor_day}). Använd en tom databas för en annan.`);
  }
  const [{ partial }] = (await db.query<{ partial: boolean }>(`SELECT EXISTS (SELECT 1 FROM staff WHERE hsa_id LIKE '${SYN}-%') AS partial`)) as [{ partial: boolean }];
  if (partial) throw new SyntheticRefusal('Databasen har syntetiska data från en körning som inte blev klar. Använd en tom databas.');
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plans WHERE plan_number NOT LIKE '${SYN}-%'`)) as [{ n: number }];
  if (n > 0 && !o.allowExistingData) {
    throw new SyntheticRefusal(`Databasen har ${n} planer som inte är syntetiska (riktiga eller demodata). Syntetiska data blandas inte med dem; kör mot en tom databas, eller ange --allow-existing-data om du verkligen menar det.`);
  }
  return 'empty';
}

export async function generateSynthetic(db: Database, options: SyntheticOptions): Promise<SyntheticResult> {
  const started = Date.now();
  const o = {
    plans: options.plans, seed: options.seed ?? 'samplan', anchorDay: options.anchorDay ?? day(Date.now()),
    batchSize: options.batchSize ?? 2000, allowExistingData: options.allowExistingData ?? false,
    checkForeignKeys: options.checkForeignKeys ?? false,
  };
  if (!Number.isInteger(o.plans) || o.plans < 0) throw new RangeError('--plans must be a whole number ≥ 0');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.anchorDay)) throw new RangeError('the anchor day is YYYY-MM-DD');
  const anchor = Date.parse(`${o.anchorDay}T12:00:00Z`);
  const state = await preflight(db, o);

  // ---- the organisation (one transaction) ----------------------------------------------------
  const orgRandom = new Random(`${o.seed}:organisation`);
  const orgTime = anchor - 4 * 365 * DAY;
  const org = new Rows();
  const counties: County[] = [];
  let staffSeq = 0;
  const person = (r: Random) => `${r.pick(GIVEN_NAMES_ADULT)} ${r.pick(FAMILY_NAMES)}`;
  const makeUnit = (county: string, principalId: string, kind: UnitKind, name: string, committee: string, municipality: string): Unit => {
    const id = orgRandom.uuid(orgTime);
    org.add('units', C.units, [county, id, principalId, kind, name, committee, municipality]);
    const members: string[] = [];
    for (let i = 0; i < 4; i++) {
      const sid = orgRandom.uuid(orgTime);
      const hsa = `${SYN}-${county}-${String(++staffSeq).padStart(6, '0')}`;
      const name = person(orgRandom);
      org.add('staff', C.staff, [county, sid, hsa, name, `${hsa.toLowerCase()}@syntetisk.example`]);
      org.add('memberships', C.memberships, [county, orgRandom.uuid(orgTime), sid, id, i === 0 ? 'manager' : 'staff']);
      members.push(sid);
    }
    return { id, kind, principalId, municipality, manager: members[0]!, staff: members.slice(1) };
  };
  for (const c of COUNTIES) {
    const code = c.county_code!;
    const regionId = orgRandom.uuid(orgTime);
    org.add('principals', C.principals, [code, regionId, 'region', c.region_name, null]);
    const munis = MUNICIPALITIES.filter((m) => m.county_code === code);
    const countyUnits = COUNTY_UNITS.map(([kind, name, committee]) => makeUnit(code, regionId, kind, name(c.county_name_short!), committee, munis[0]!.municipality_code!));
    const county: County = { code, regionId, municipalities: [], countyUnits };
    for (const m of munis) {
      const mcode = m.municipality_code!;
      const short = m.municipality_name_short!;
      const principalId = orgRandom.uuid(orgTime);
      org.add('principals', C.principals, [code, principalId, 'municipality', m.municipality_name, mcode]);
      const units = [
        ...MUNICIPAL_UNITS.map(([kind, name, committee]) => makeUnit(code, principalId, kind, name(short), committee, mcode)),
        ...REGION_UNITS.map(([kind, name, committee]) => makeUnit(code, regionId, kind, name(short), committee, mcode)),
      ];
      const agreementId = orgRandom.uuid(orgTime);
      org.add('local_agreements', C.local_agreements, [code, agreementId, `Lokal överenskommelse om samverkan kring barn och unga, ${short} (syntetisk)`, day(orgTime)]);
      org.add('local_agreement_principals', C.local_agreement_principals, [code, agreementId, regionId]);
      org.add('local_agreement_principals', C.local_agreement_principals, [code, agreementId, principalId]);
      // The steering group: the heads of the municipality's social services and of the region's BUP.
      for (const u of units.filter((x) => x.kind === 'social_services_children' || x.kind === 'child_psychiatry')) {
        org.add('steering_group_members', C.steering_group_members, [code, agreementId, u.manager]);
      }
      county.municipalities.push({ code: mcode, county: code, short, principalId, units, agreementId, weight: BIG[mcode] ?? 1 + orgRandom.int(0, 2) });
    }
    counties.push(county);
  }
  const allMunicipalities = counties.flatMap((c) => c.municipalities);
  const countyOf = new Map(counties.map((c) => [c.code, c]));
  const unitCount = counties.reduce((s, c) => s + c.countyUnits.length + c.municipalities.reduce((t, m) => t + m.units.length, 0), 0);
  const result = (status: SyntheticResult['status']): SyntheticResult => ({
    status, plans: o.plans, counties: counties.length, municipalities: allMunicipalities.length, units: unitCount, staff: staffSeq, seconds: (Date.now() - started) / 1000,
  });
  if (state === 'same') return result('already_present');

  // Which municipality each plan belongs to: each one once first, then by weight.
  const totalWeight = allMunicipalities.reduce((s, m) => s + m.weight, 0);
  const cumulative: number[] = [];
  allMunicipalities.reduce((s, m, i) => (cumulative[i] = s + m.weight), 0);
  const municipalityFor = (k: number, r: Random): Municipality => {
    if (k < allMunicipalities.length) return allMunicipalities[k]!;
    const x = r.next() * totalWeight;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid]! > x) hi = mid; else lo = mid + 1; }
    return allMunicipalities[lo]!;
  };

  await db.transaction(async (tx) => {
    await loadReferenceData(tx);
    await flush(tx, org);
  });

  // ---- the plans, in batches ------------------------------------------------------------------
  const numbers = new NumberBook();
  const perCounty = new Map<string, number>();
  for (let start = 0; start < o.plans; start += o.batchSize) {
    const rows = new Rows();
    const end = Math.min(o.plans, start + o.batchSize);
    for (let k = start; k < end; k++) {
      const r = new Random(`${o.seed}:plan:${k}`);
      const m = municipalityFor(k, r);
      const seq = (perCounty.get(m.county) ?? 0) + 1;
      perCounty.set(m.county, seq);
      planRows(rows, r, { k, seq, m, county: countyOf.get(m.county)!, anchor, numbers });
    }
    await db.transaction(async (tx) => {
      // Rows are written in their final state; see the header for why this is safe.
      if (o.checkForeignKeys) {
        await tx.query('ALTER TABLE plans DISABLE TRIGGER plans_guard_transition');
        await tx.query('ALTER TABLE deviations DISABLE TRIGGER deviations_guard_transition');
      } else {
        await tx.query('SET LOCAL session_replication_role = replica');
      }
      await flush(tx, rows);
      if (o.checkForeignKeys) {
        await tx.query('ALTER TABLE plans ENABLE TRIGGER plans_guard_transition');
        await tx.query('ALTER TABLE deviations ENABLE TRIGGER deviations_guard_transition');
      }
    });
    options.onProgress?.(end, o.plans);
  }
  await db.transaction(async (tx) => {
    for (const c of counties) {
      await tx.query('INSERT INTO synthetic_data_sets (county, seed, plans_total, plans_county, anchor_day) VALUES ($1, $2, $3, $4, $5)',
        [c.code, o.seed, o.plans, perCounty.get(c.code) ?? 0, o.anchorDay]);
    }
  });
  // The key figures' kept facts (migration 018): the batches above went in without triggers, so
  // every county is computed from nothing, once.
  await markAllCountiesStale(db);
  await refreshAllKeyFigureFacts(db);
  if (db.kind === 'postgres') await db.exec('ANALYZE');
  return result('generated');
}

interface PlanContext { k: number; seq: number; m: Municipality; county: County; anchor: number; numbers: NumberBook }

function planRows(rows: Rows, r: Random, { k, seq, m, county, anchor, numbers }: PlanContext): void {
  const first = k < 290;
  const cc = m.county;
  const unitsHere = [...m.units, ...county.countyUnits];
  const initiatorKind = r.weighted(INITIATORS);
  // The county-wide units (habilitation, paediatrics) belong to no one municipality: the first
  // plan of each municipality is initiated by one of its own units, so every municipality has one.
  const candidates = (first ? m.units : unitsHere).filter((u) => u.kind === initiatorKind);
  const initiating = candidates.length ? r.pick(candidates) : m.units.find((u) => u.kind === 'social_services_children')!;
  const finalState = r.weighted(STATES);
  const cancelledFrom = finalState === 'cancelled' ? r.weighted([['initiated', 3], ['invited', 2], ['mapped', 1], ['established', 2]] as const) : null;
  const reached = cancelledFrom ?? finalState;
  const order = ['initiated', 'invited', 'mapped', 'established', 'evaluated', 'closed'];
  const atLeast = (s: string) => order.indexOf(reached) >= order.indexOf(s);
  // Drafts and plans under way are recent; established and closed ones reach back three years.
  const ageDays = atLeast('established') ? r.int(60, 1095) : r.int(1, 150);
  const initiatedMs = anchor - ageDays * DAY + r.int(-3, 3) * 3600_000;
  const planId = r.uuid(initiatedMs);
  const initiator = r.pick(initiating.staff);

  // The child and the guardians.
  const childAge = r.int(1, 17);
  const child = numbers.take(cc, initiatedMs - childAge * 365 * DAY - r.int(0, 364) * DAY);
  const childId = r.uuid(initiatedMs);
  const family = r.pick(FAMILY_NAMES);
  rows.add('persons', C.persons, [cc, childId, 'personnummer', child.identityNumber, child.birthDate, r.pick(GIVEN_NAMES_CHILD), family, iso(initiatedMs)]);
  const guardians: string[] = [];
  for (let g = 0; g < (r.chance(0.72) ? 2 : 1); g++) {
    const adult = numbers.take(cc, Date.parse(`${child.birthDate}T00:00:00Z`) - r.int(20, 42) * 365 * DAY - r.int(0, 364) * DAY);
    const gid = r.uuid(initiatedMs);
    rows.add('persons', C.persons, [cc, gid, 'personnummer', adult.identityNumber, adult.birthDate, r.pick(GIVEN_NAMES_ADULT), r.chance(0.8) ? family : r.pick(FAMILY_NAMES), iso(initiatedMs)]);
    rows.add('guardianships', C.guardianships, [cc, childId, gid]);
    guardians.push(gid);
  }

  // The units taking part: the initiator and one to three others, social services most often.
  const others = r.sample(unitsHere.filter((u) => u.id !== initiating.id && u.kind !== 'culture_leisure'), r.int(1, 3));
  const social = m.units.find((u) => u.kind === 'social_services_children')!;
  if (initiating.kind !== 'social_services_children' && !others.includes(social) && r.chance(0.6)) others[0] = social;
  const units = [initiating, ...others];
  for (const u of units) rows.add('plan_participants', C.plan_participants, [cc, r.uuid(initiatedMs), planId, 'unit', u.id, null, r.chance(0.5) ? r.pick(u.staff) : null, iso(initiatedMs)]);
  rows.add('plan_participants', C.plan_participants, [cc, r.uuid(initiatedMs), planId, 'child', null, childId, null, iso(initiatedMs)]);
  for (const g of guardians) rows.add('plan_participants', C.plan_participants, [cc, r.uuid(initiatedMs), planId, 'guardian', null, g, null, iso(initiatedMs)]);

  const changes: Array<[string | null, string, number, string, string]> = [[null, 'initiated', initiatedMs, initiator, initiating.id]];
  // The chronology is strictly in order (a step a minute after the one before, at the least), so
  // that the last change is always the plan's state.
  const change = (from: string | null, to: string, at: number, by: string, unit: string): number => {
    const when = Math.max(at, changes.at(-1)![2] + 60_000);
    changes.push([from, to, when, by, unit]);
    return when;
  };
  const clampPast = (ms: number) => Math.min(ms, anchor - 3600_000);

  // Consent: asked for at once; now and then refused (the plan then stays a draft) or later withdrawn.
  const coordinatorUnit = units.find((u) => u.kind === 'social_services_children' || u.kind === 'child_psychiatry') ?? initiating;
  let coordinator = r.pick(coordinatorUnit.staff);
  const consentMs = clampPast(initiatedMs + r.int(1, 10) * DAY);
  const refused = reached === 'initiated' && r.chance(0.3);
  const withdrawn = finalState === 'closed' && r.chance(0.08);
  let closureReason: string | null = null;
  let closedMs: number | null = null;
  let consentRow: unknown[] | null = null;
  if (reached !== 'initiated' || r.chance(0.7)) {
    const consentId = r.uuid(consentMs);
    const validUntil = day(consentMs + 365 * DAY * 2);
    consentRow = [cc, consentId, planId, r.chance(0.8) ? 'written' : 'oral', day(consentMs), day(consentMs), validUntil, !refused,
      initiator, initiating.id, iso(consentMs), null, null, null];
    rows.add('consents', C.consents, consentRow);
    guardians.forEach((g, i) => rows.add('consent_givers', C.consent_givers, [cc, consentId, g, 'guardian', refused && i === 0 ? 'refuses' : 'consents', refused && i === 0 ? 'Vill inte att uppgifter lämnas mellan verksamheterna.' : null]));
    for (const u of units) rows.add('consent_units', C.consent_units, [cc, consentId, u.id]);
  }

  // The kallelse and the first meeting.
  let inviteMs = 0, meetingMs = 0, established: number | null = null;
  let planVersion = 0, nextFollowUp: string | null = null;
  const leader = coordinator;
  if (atLeast('invited')) {
    inviteMs = clampPast(consentMs + r.int(1, 7) * DAY);
    // Days to the first meeting: mostly within three weeks, a long tail (the audits' waiting).
    meetingMs = inviteMs + r.weighted([[r.int(5, 14), 5], [r.int(15, 30), 3], [r.int(31, 90), 1]] as const) * DAY;
    const invitationId = r.uuid(inviteMs);
    const video = r.chance(0.22);
    rows.add('invitations', C.invitations, [cc, invitationId, planId, 'Samordnad individuell plan för barnet', 'Hur samordnar vi stödet i skolan och hemma?',
      iso(meetingMs), iso(meetingMs + 90 * 60_000), video ? null : `Mötesrummet, ${m.short}`, video ? 'https://mote.syntetisk.example/sip' : null, leader, coordinator, iso(inviteMs)]);
    change('initiated', 'invited', inviteMs, coordinator, coordinatorUnit.id);
    for (const u of units) {
      if (u === coordinatorUnit) continue;
      const answer = reached === 'invited' && meetingMs > anchor ? r.weighted([['pending', 4], ['accepted', 5], ['declined', 1]] as const) : r.weighted([['accepted', 17], ['declined', 1.2], ['pending', 0.8]] as const);
      const answeredMs = clampPast(inviteMs + r.int(1, 6) * DAY);
      rows.add('invitees', C.invitees, [cc, r.uuid(inviteMs), invitationId, planId, u.id, answer, answer === 'declined' ? 'Ingen personal har möjlighet den dagen.' : null,
        answer === 'pending' ? null : iso(answeredMs), answer === 'pending' ? null : r.pick(u.staff)]);
    }
    if (atLeast('mapped')) change('invited', 'mapped', Math.min(meetingMs - DAY, clampPast(inviteMs + 3 * DAY)), coordinator, coordinatorUnit.id);
    if (atLeast('established') && meetingMs < anchor) {
      rows.add('meetings', C.meetings, [cc, r.uuid(meetingMs), planId, invitationId, 'first', iso(meetingMs), video, r.chance(0.62), coordinator, iso(meetingMs + 3600_000)]);
      planVersion = 1;
      established = change('mapped', 'established', meetingMs + 2 * 3600_000, coordinator, coordinatorUnit.id);
    }
  }
  let finalReached = reached;
  if (atLeast('established') && established === null) finalReached = 'mapped';

  // Follow-ups every three months or so: most on time, some late (the audits' finding).
  let evaluatedMs: number | null = null;
  if (established !== null) {
    let due = established + r.int(80, 100) * DAY;
    const stopAt = finalState === 'cancelled' ? established + r.int(30, 200) * DAY : anchor;
    while (due < stopAt - 20 * DAY && planVersion < 8) {
      const late = r.chance(0.28);
      const heldMs = due + (late ? r.int(1, 60) : -r.int(0, 10)) * DAY;
      if (heldMs >= anchor) break;
      const meetingId = r.uuid(heldMs);
      rows.add('meetings', C.meetings, [cc, meetingId, planId, null, 'follow_up', iso(heldMs), r.chance(0.3), r.chance(0.55), coordinator, iso(heldMs + 3600_000)]);
      const next = heldMs + r.int(80, 100) * DAY;
      planVersion += 1;
      rows.add('follow_ups', C.follow_ups, [cc, r.uuid(heldMs), planId, day(due), day(heldMs), meetingId, day(next), planVersion, coordinator, iso(heldMs + 3600_000)]);
      change('established', 'established', heldMs + 3600_000, coordinator, coordinatorUnit.id);
      due = next;
    }
    nextFollowUp = day(due);
    // Interventions from the plan: done on time, done late, late and still open, or open.
    for (let i = r.int(1, 4); i > 0; i--) {
      const u = r.pick(units);
      const startsMs = established + r.int(0, 14) * DAY;
      const dueMs = startsMs + r.int(30, 240) * DAY;
      let status = 'ongoing', doneOn: string | null = null;
      if (dueMs < anchor) {
        const outcome = r.weighted([['on_time', 6], ['late', 2], ['open', 1.5], ['cancelled', 0.5]] as const);
        if (outcome === 'on_time' || outcome === 'late') {
          status = 'done';
          doneOn = day(Math.min(anchor - DAY, dueMs + (outcome === 'late' ? r.int(1, 45) : -r.int(0, 20)) * DAY));
        } else if (outcome === 'cancelled') status = 'cancelled';
      } else if (startsMs > anchor) status = 'planned';
      rows.add('interventions', C.interventions, [cc, r.uuid(startsMs), planId, r.pick(['Samtalsstöd varje vecka', 'Anpassad studiegång', 'Föräldrastöd i grupp', 'Utredning av koncentrationssvårigheter', 'Kontaktperson', 'Läxhjälp och mentor']),
        u.principalId, u.id, r.pick(u.staff), day(startsMs), day(dueMs), status, doneOn, coordinator, iso(established)]);
    }
    // A coordinator change now and then (staff turnover, SIP.md §1).
    if (r.chance(0.14)) {
      const from = coordinator;
      coordinator = r.pick(coordinatorUnit.staff.filter((s) => s !== from));
      const changedMs = clampPast(established + r.int(20, 300) * DAY);
      rows.add('plan_coordinator_changes', C.plan_coordinator_changes, [cc, r.uuid(changedMs), planId, from, coordinatorUnit.id, coordinator, coordinatorUnit.id, iso(changedMs), iso(changedMs)]);
    }
    if (finalReached === 'evaluated' || finalReached === 'closed') {
      evaluatedMs = change('established', 'evaluated', clampPast(changes.at(-1)![2] + r.int(5, 60) * DAY), coordinator, coordinatorUnit.id);
      if (finalReached === 'closed') {
        closedMs = clampPast(evaluatedMs + r.int(1, 30) * DAY);
        closedMs = change('evaluated', 'closed', closedMs, coordinator, coordinatorUnit.id);
        closureReason = withdrawn && consentRow ? 'consent_withdrawn' : r.weighted([['goals_reached', 6], ['moved', 1], ['transferred', 1], ['turned_18', 1], ['other', 1]] as const);
      }
    }
  }
  let cancelReason: string | null = null;
  if (finalState === 'cancelled') {
    change(finalReached, 'cancelled', clampPast(changes.at(-1)![2] + r.int(1, 30) * DAY), coordinator, coordinatorUnit.id);
    cancelReason = r.pick(['Familjen flyttade från kommunen.', 'Behovet av samordning upphörde.', 'Vårdnadshavarna ville inte fortsätta.']);
    finalReached = 'cancelled';
  }
  // A withdrawn consent is what closed the plan (closure reason consent_withdrawn).
  if (withdrawn && closedMs !== null && consentRow) consentRow.splice(11, 3, iso(closedMs - DAY), coordinator, 'Vårdnadshavarna återkallade samtycket.');
  const hasCoordinator = finalReached !== 'initiated' || r.chance(0.3);
  const isEstablishedLike = ['established', 'evaluated', 'closed'].includes(finalReached) || (finalReached === 'cancelled' && established !== null);
  const lastChange = Math.max(...changes.map((c) => c[2]));
  rows.add('plans', C.plans, [cc, planId, `${SYN}-${cc}-${String(seq).padStart(7, '0')}`, childId, finalReached, r.pick(REASONS), initiating.id, initiator, iso(initiatedMs),
    hasCoordinator ? coordinator : null, hasCoordinator ? coordinatorUnit.id : null, isEstablishedLike ? coordinatorUnit.principalId : null,
    ['established', 'evaluated'].includes(finalReached) ? nextFollowUp : null, isEstablishedLike ? Math.max(planVersion, 1) : 0,
    isEstablishedLike && established !== null ? iso(established) : null, finalReached === 'closed' ? iso(closedMs!) : null,
    finalReached === 'closed' ? closureReason : null, cancelReason, changes.length, iso(lastChange)]);
  for (const [from, to, at, by, unit] of changes) rows.add('plan_state_changes', C.plan_state_changes, [cc, r.uuid(at), planId, from, to, iso(at), by, unit]);

  // Deviations: about one plan in twenty-five has one, and as many again are general.
  if (r.chance(0.04)) deviationRows(rows, r, { cc, planId, m, units, anchor, from: initiatedMs });
  if (r.chance(0.02)) deviationRows(rows, r, { cc, planId: null, m, units: r.sample(m.units, 2), anchor, from: anchor - r.int(1, 1000) * DAY });
}

function deviationRows(rows: Rows, r: Random, o: { cc: string; planId: string | null; m: Municipality; units: Unit[]; anchor: number; from: number }): void {
  const reportedMs = Math.min(o.anchor - DAY, o.from + r.int(1, 200) * DAY);
  const id = r.uuid(reportedMs);
  const involved = r.sample(o.units, Math.min(o.units.length, r.int(1, 2)));
  const reporterUnit = r.pick(o.units);
  const reporter = r.pick(reporterUnit.staff);
  const finalStatus = r.weighted([['reported', 2], ['investigating', 2], ['measures_decided', 1.5], ['escalated', 1], ['closed', 5]] as const);
  const path: string[] = finalStatus === 'escalated' ? ['reported', 'investigating', 'escalated']
    : finalStatus === 'closed' ? (r.chance(0.2) ? ['reported', 'investigating', 'escalated', 'measures_decided', 'closed'] : ['reported', 'investigating', 'measures_decided', 'closed'])
      : ['reported', 'investigating', 'measures_decided'].slice(0, ['reported', 'investigating', 'measures_decided'].indexOf(finalStatus) + 1);
  let at = reportedMs;
  const manager = involved[0]!.manager;
  let escalatedMs: number | null = null, closedMs: number | null = null, measuresMs: number | null = null;
  path.forEach((to, i) => {
    if (i > 0) at = Math.min(o.anchor - 3600_000, at + r.int(1, 25) * DAY);
    rows.add('deviation_status_changes', C.deviation_status_changes, [o.cc, r.uuid(at), id, i === 0 ? null : path[i - 1], to, iso(at), i === 0 ? reporter : manager, i === 0 ? reporterUnit.id : involved[0]!.id,
      to === 'escalated' ? 'Cheferna kunde inte lösa den själva.' : to === 'closed' ? 'Åtgärderna är genomförda.' : null]);
    if (to === 'escalated') escalatedMs = at;
    if (to === 'closed') closedMs = at;
    if (to === 'measures_decided') measuresMs = at;
  });
  rows.add('deviations', C.deviations, [o.cc, id, o.planId, r.pick(['Kallelsen kom för sent', 'Ingen från verksamheten kom till mötet', 'Insatsen startade inte som planerat', 'Uppföljningen blev inte av', 'Informationen nådde inte fram']),
    'Beskrivning av vad som hände i samverkan (syntetisk).', finalStatus, reporter, reporterUnit.id, iso(reportedMs),
    escalatedMs !== null ? o.m.agreementId : null, escalatedMs !== null ? iso(escalatedMs) : null, escalatedMs !== null ? 'Cheferna kunde inte lösa den själva.' : null,
    closedMs !== null ? iso(closedMs) : null, closedMs !== null ? 'Åtgärderna är genomförda.' : null, path.length, iso(at)]);
  for (const u of involved) rows.add('deviation_units', C.deviation_units, [o.cc, id, u.id]);
  if (measuresMs !== null) {
    const dueMs = measuresMs + r.int(14, 90) * DAY;
    rows.add('deviation_measures', C.deviation_measures, [o.cc, r.uuid(measuresMs), id, 'Gemensam rutin för kallelser och återkoppling.', r.pick(involved[0]!.staff), day(dueMs),
      closedMs !== null ? day(Math.min(closedMs, o.anchor - DAY)) : null, manager, iso(measuresMs)]);
  }
}
