/**
 * The kept facts of the key figures (migration 018, docs/decisions/0010): what facts-sql.ts
 * computes on every read, computed once per plan and kept, and summed per county and
 * municipality by month, quarter and year. The triggers of migration 018 mark a plan stale in the
 * transaction that changes it; `refreshKeyFigureFacts` brings a county's stale plans up to date,
 * and a read of the figures calls it first, so the figures never lag the plans.
 *
 * What differs from facts-sql.ts, and why the sums still give the same figures:
 * - A fact whose counting depends on today (a follow-up or intervention date passed) is kept as
 *   `pending` and counted only when its date is before today; a plan without an active
 *   coordinator is a fact with no date, counted in the period holding today.
 * - "Plans followed up" counts a plan once per period, and coordinator changes per plan are over
 *   the periods a plan was open: both depend on the grain, so they are kept once per grain
 *   (`followed_up:quarter` is the plan's first follow-up in each quarter; `coordinator_span:quarter`
 *   the quarters it was open in, as a start and an end, summed up to the period asked for).
 */
import { INITIATOR_GROUPS, GRAINS } from '../../domain/key-figures.ts';
import { OPEN_STATES_SQL } from '../../domain/plan-lifecycle.ts';
import type { Database, Queryable } from '../../store/database.ts';

/** The subject that stands for a whole county: computed anew, facts and sums. */
export const WHOLE_COUNTY = '00000000-0000-0000-0000-000000000000';

const local = (expr: string) => `(${expr} AT TIME ZONE 'Europe/Stockholm')::date`;
const INITIATOR_VALUES = Object.entries(INITIATOR_GROUPS)
  .map(([group, g]) => `('${group}', ARRAY[${g.kinds.map((k) => `'${k}'`).join(', ')}])`).join(', ');
const GRAIN_VALUES = GRAINS.map((g) => `('${g}', interval '${g === 'quarter' ? '3 months' : `1 ${g}`}')`).join(', ');

/**
 * The facts of some subjects ($2, an uuid array) of county $1, or of all of them: rows of
 * (subject, plan_id, fs, at, until, pending, num, val, munis), as key_figure_facts holds them.
 */
function subjectFactsSql(all: boolean): string {
  const plansOf = (a: string) => (all ? 'true' : `${a}.plan_id = ANY ($2::uuid[])`);
  return `
WITH sp AS (SELECT p.* FROM plans p WHERE p.county = $1 AND ${all ? 'true' : 'p.id = ANY ($2::uuid[])'}),
pm AS (
  SELECT x.plan_id, array_agg(DISTINCT mu.code::text) FILTER (WHERE mu.code IS NOT NULL) AS munis
  FROM (SELECT pp.plan_id, pp.unit_id FROM plan_participants pp WHERE pp.county = $1 AND pp.kind = 'unit' AND ${plansOf('pp')}
        UNION SELECT sp.id, sp.initiating_unit_id FROM sp) x
  JOIN units u ON u.county = $1 AND u.id = x.unit_id
  JOIN municipalities mu ON mu.county = u.county AND mu.code = u.municipality_code
  GROUP BY x.plan_id
),
ended AS (
  SELECT sp.id, ${local('sp.established_at')} AS est,
    ${local(`coalesce(sp.closed_at, (SELECT max(sc.at) FROM plan_state_changes sc WHERE sc.county = sp.county AND sc.plan_id = sp.id AND sc.to_state = 'cancelled'))`)} AS ended
  FROM sp WHERE sp.established_at IS NOT NULL
),
spans AS (
  SELECT e.id, g.grain, g.step, date_trunc(g.grain, e.est::timestamp)::date AS first,
    date_trunc(g.grain, e.ended::timestamp)::date AS last
  FROM ended e CROSS JOIN (VALUES ${GRAIN_VALUES}) AS g (grain, step)
),
-- Each fact: its subject, plan, set, date, span end, pending, numerator, value, and the units it
-- counts for when not every unit of the plan (null).
facts AS (
  SELECT sp.id AS subject, sp.id AS plan_id, 'initiated' AS fs, ${local('sp.initiated_at')} AS at, NULL::date AS until, false AS pending, 1 AS num, NULL::int AS val, NULL::uuid[] AS units FROM sp
  UNION ALL
  SELECT sp.id, sp.id, 'established', ${local('sp.established_at')}, NULL, false, 1, NULL, NULL FROM sp WHERE sp.established_at IS NOT NULL
  UNION ALL
  SELECT sp.id, sp.id, 'closed', ${local('sp.closed_at')}, NULL, false, 1, NULL, NULL FROM sp WHERE sp.state = 'closed'
  UNION ALL
  SELECT f.plan_id, f.plan_id, 'followed_up:' || g.grain, min(f.held_on), NULL, false, 1, NULL, NULL
  FROM follow_ups f CROSS JOIN (VALUES ${GRAIN_VALUES}) AS g (grain, step)
  WHERE f.county = $1 AND ${plansOf('f')}
  GROUP BY f.plan_id, g.grain, date_trunc(g.grain, f.held_on::timestamp)
  UNION ALL
  SELECT sp.id, sp.id, 'initiated_by_' || g.grp, ${local('sp.initiated_at')}, NULL, false, 1, NULL, NULL
  FROM sp JOIN units iu ON iu.county = sp.county AND iu.id = sp.initiating_unit_id
  JOIN (VALUES ${INITIATOR_VALUES}) AS g (grp, kinds) ON iu.kind = ANY (g.kinds)
  UNION ALL
  SELECT sp.id, sp.id, 'first_meeting', fm.day, NULL, false, 1, fm.day - ${local('sp.initiated_at')}, NULL
  FROM sp JOIN (SELECT m.plan_id, ${local('min(m.held_at)')} AS day FROM meetings m WHERE m.county = $1 AND ${plansOf('m')} GROUP BY m.plan_id) fm ON fm.plan_id = sp.id
  UNION ALL
  SELECT f.plan_id, f.plan_id, 'follow_up_on_time', f.due_on, NULL, false, (f.held_on <= f.due_on)::int, NULL, NULL
  FROM follow_ups f WHERE f.county = $1 AND ${plansOf('f')}
  UNION ALL
  SELECT sp.id, sp.id, 'follow_up_on_time', sp.next_follow_up_on, NULL, true, 0, NULL, NULL
  FROM sp WHERE sp.state IN ('established', 'evaluated') AND sp.next_follow_up_on IS NOT NULL
  UNION ALL
  SELECT i.plan_id, i.plan_id, 'intervention_on_time', i.due_on, NULL, i.status <> 'done', (i.status = 'done' AND i.done_on <= i.due_on)::int, NULL,
    CASE WHEN i.unit_id IS NULL THEN NULL ELSE ARRAY[i.unit_id] END
  FROM interventions i WHERE i.county = $1 AND ${plansOf('i')} AND i.status <> 'cancelled'
  UNION ALL
  SELECT m.plan_id, m.plan_id, 'child_present', ${local('m.held_at')}, NULL, false, m.child_present::int, NULL, NULL
  FROM meetings m WHERE m.county = $1 AND ${plansOf('m')}
  UNION ALL
  SELECT m.plan_id, m.plan_id, 'video_meeting', ${local('m.held_at')}, NULL, false, m.by_video::int, NULL, NULL
  FROM meetings m WHERE m.county = $1 AND ${plansOf('m')}
  UNION ALL
  SELECT c.plan_id, c.plan_id, 'consent_refused_withdrawn', ${local('c.recorded_at')}, NULL, false, 1, NULL, NULL
  FROM consents c WHERE c.county = $1 AND ${plansOf('c')}
    AND EXISTS (SELECT 1 FROM consent_givers g WHERE g.county = c.county AND g.consent_id = c.id AND g.stance = 'refuses')
  UNION ALL
  SELECT c.plan_id, c.plan_id, 'consent_refused_withdrawn', ${local('c.withdrawn_at')}, NULL, false, 1, NULL, NULL
  FROM consents c WHERE c.county = $1 AND ${plansOf('c')} AND c.withdrawn_at IS NOT NULL
  UNION ALL
  SELECT v.plan_id, v.plan_id, 'invitation_declined', ${local('v.answered_at')}, NULL, false, 1, NULL, ARRAY[v.unit_id]
  FROM invitees v WHERE v.county = $1 AND ${plansOf('v')} AND v.answer = 'declined'
  UNION ALL
  SELECT sp.id, sp.id, 'without_coordinator', NULL, NULL, false, 1, NULL, NULL
  FROM sp WHERE sp.state IN ${OPEN_STATES_SQL}
    AND EXISTS (SELECT 1 FROM meetings m WHERE m.county = sp.county AND m.plan_id = sp.id)
    AND NOT (sp.coordinator_staff_id IS NOT NULL AND staff_serves_unit(sp.county, sp.coordinator_staff_id, sp.coordinator_unit_id))
  UNION ALL
  -- The periods an established plan was open in (none if it ended before the period it was established in).
  SELECT s.id, s.id, 'coordinator_span:' || s.grain, s.first, (s.last + s.step)::date, false, 0, NULL, NULL
  FROM spans s WHERE s.last IS NULL OR s.last >= s.first
  UNION ALL
  SELECT s.id, s.id, 'coordinator_change:' || s.grain, ${local('cc.changed_at')}, NULL, false, 1, NULL, NULL
  FROM spans s JOIN plan_coordinator_changes cc ON cc.county = $1 AND cc.plan_id = s.id
  WHERE date_trunc(s.grain, ${local('cc.changed_at')}::timestamp)::date >= s.first
    AND (s.last IS NULL OR date_trunc(s.grain, ${local('cc.changed_at')}::timestamp)::date <= s.last)
  UNION ALL
  SELECT coalesce(d.plan_id, d.id), d.plan_id, 'deviation_reported', ${local('d.reported_at')}, NULL, false, 1, NULL,
    (SELECT array_agg(du.unit_id) FROM deviation_units du WHERE du.county = d.county AND du.deviation_id = d.id)
  FROM deviations d WHERE d.county = $1 AND ${all ? 'true' : 'coalesce(d.plan_id, d.id) = ANY ($2::uuid[])'}
  UNION ALL
  SELECT coalesce(d.plan_id, d.id), d.plan_id, 'deviation_resolved', ${local('d.closed_at')}, NULL, false, 1, ${local('d.closed_at')} - ${local('d.reported_at')},
    (SELECT array_agg(du.unit_id) FROM deviation_units du WHERE du.county = d.county AND du.deviation_id = d.id)
  FROM deviations d WHERE d.county = $1 AND ${all ? 'true' : 'coalesce(d.plan_id, d.id) = ANY ($2::uuid[])'} AND d.status = 'closed' AND d.closed_at IS NOT NULL
  UNION ALL
  SELECT s.plan_id, s.plan_id, 'survey_listened', ${local('s.answered_at')}, NULL, false, 1, s.listened, NULL
  FROM meeting_surveys s WHERE s.county = $1 AND ${plansOf('s')}
  UNION ALL
  SELECT s.plan_id, s.plan_id, 'survey_clear', ${local('s.answered_at')}, NULL, false, 1, s.clear_who_does_what, NULL
  FROM meeting_surveys s WHERE s.county = $1 AND ${plansOf('s')}
)
SELECT $1::char(2) AS county, f.subject, f.plan_id, f.fs, f.at, f.until, f.pending, f.num, f.val,
  coalesce(CASE WHEN f.units IS NULL THEN pm.munis ELSE (
    SELECT array_agg(DISTINCT mu.code::text) FROM units u JOIN municipalities mu ON mu.county = u.county AND mu.code = u.municipality_code
    WHERE u.county = $1 AND u.id = ANY (f.units)) END, '{}') AS munis
FROM facts f LEFT JOIN pm ON pm.plan_id = f.plan_id
-- A fact without a date is never counted, but for the one about today.
WHERE f.at IS NOT NULL OR f.fs = 'without_coordinator'`;
}

const FACT_COLUMNS = 'county, subject, plan_id, fs, at, until, pending, num, val, munis';

/**
 * What a set of facts (the rows of `source`) adds to the sums, times `sign`: each fact once for its
 * county and once for each of its municipalities; a span adds one where it starts and takes one
 * away where it ends.
 */
function addToSumsSql(source: string, sign: 1 | -1): string {
  return `
INSERT INTO key_figure_sums AS s (county, dim, grain, group_key, fs, month, pending, val, num, n)
SELECT f.county, g.dim, c.grain, g.group_key, f.fs, c.month, f.pending, f.val, ${sign} * sum(c.num), ${sign} * sum(c.n)
FROM ${source} f
CROSS JOIN LATERAL (SELECT 'county' AS dim, f.county::text AS group_key UNION ALL SELECT 'municipality', m FROM unnest(f.munis) AS m) g
CROSS JOIN LATERAL (
  SELECT gr.grain, coalesce(date_trunc(gr.grain, f.at::timestamp)::date, '-infinity'::date) AS month, coalesce(f.num, 0) AS num, 1 AS n
  FROM (VALUES ('month'), ('quarter'), ('year')) AS gr (grain)
  -- A fact set of one grain at that grain; a date passed or a fact of today by month, as read.
  WHERE CASE WHEN f.fs LIKE '%:%' THEN f.fs LIKE '%:' || gr.grain WHEN f.pending OR f.at IS NULL THEN gr.grain = 'month' ELSE true END
  UNION ALL SELECT split_part(f.fs, ':', 2), f.until, 0, -1 WHERE f.until IS NOT NULL
) c
GROUP BY f.county, g.dim, c.grain, g.group_key, f.fs, c.month, f.pending, f.val
ON CONFLICT (county, dim, grain, fs, month, group_key, pending, val) DO UPDATE SET num = s.num + excluded.num, n = s.n + excluded.n`;
}

/** Recomputes the facts of these subjects (plans, or deviations without a plan) and moves the sums with them. */
async function refreshSubjects(tx: Queryable, county: string, subjects: string[]): Promise<void> {
  await tx.query(`WITH old AS (DELETE FROM key_figure_facts WHERE county = $1 AND subject = ANY ($2::uuid[]) RETURNING *) ${addToSumsSql('old', -1)}`, [county, subjects]);
  await tx.query(`WITH new AS (INSERT INTO key_figure_facts (${FACT_COLUMNS}) ${subjectFactsSql(false)} RETURNING *) ${addToSumsSql('new', 1)}`, [county, subjects]);
  // Sums that came to nothing stay until the county is next computed anew: they add nothing, and
  // finding them would read the county's every sum on each refresh.
}

/** Computes a county's facts and sums from nothing. */
async function rebuildCounty(tx: Queryable, county: string): Promise<void> {
  // A county's facts are grouped in memory: room for that, not a sort on disk.
  await tx.query(`SET LOCAL work_mem = '256MB'`);
  await tx.query('DELETE FROM key_figure_facts WHERE county = $1', [county]);
  await tx.query(`INSERT INTO key_figure_facts (${FACT_COLUMNS}) ${subjectFactsSql(true)}`, [county]);
  await resumCounty(tx, county);
}

/** Sums a county's kept facts anew (after the way they are summed changed). */
export async function resumCounty(tx: Queryable, county: string): Promise<void> {
  await tx.query('DELETE FROM key_figure_sums WHERE county = $1', [county]);
  await tx.query(`${addToSumsSql('(SELECT * FROM key_figure_facts WHERE county = $1)', 1)}`, [county]);
  await tx.query('DELETE FROM key_figure_sums WHERE county = $1 AND n = 0 AND num = 0', [county]);
}

/**
 * Brings the county's stale facts up to date, in `tx` (one refresh per county at a time: the
 * others wait and then find nothing left to do). Returns how many subjects it refreshed.
 */
export async function refreshKeyFigureFacts(tx: Queryable, county: string): Promise<number> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('key_figure_facts:' || $1::text))`, [county]);
  const stale = (await tx.query<{ subject: string }>('DELETE FROM key_figure_stale WHERE county = $1 RETURNING subject', [county])).map((r) => r.subject);
  if (!stale.length) return 0;
  if (stale.includes(WHOLE_COUNTY)) {
    await rebuildCounty(tx, county);
  } else {
    for (let i = 0; i < stale.length; i += 5000) await refreshSubjects(tx, county, stale.slice(i, i + 5000));
  }
  return stale.length;
}

/** The counties with stale facts (a cheap look before taking the county's lock). */
export async function staleCounties(db: Queryable, counties?: string[]): Promise<string[]> {
  const rows = await db.query<{ county: string }>(
    counties ? 'SELECT DISTINCT county FROM key_figure_stale WHERE county = ANY ($1::char(2)[])' : 'SELECT DISTINCT county FROM key_figure_stale',
    counties ? [counties] : []);
  return rows.map((r) => r.county).sort();
}

/** Refreshes every county that has something stale, each in its own transaction. */
export async function refreshAllKeyFigureFacts(db: Database, counties?: string[]): Promise<number> {
  let n = 0;
  for (const county of await staleCounties(db, counties)) n += await db.transaction((tx) => refreshKeyFigureFacts(tx, county));
  return n;
}

/** Marks every county for a computation from nothing (after rows were written without triggers). */
export async function markAllCountiesStale(db: Queryable): Promise<void> {
  await db.query(`INSERT INTO key_figure_stale (county, subject) SELECT county, $1::uuid FROM counties ON CONFLICT DO NOTHING`, [WHOLE_COUNTY]);
}
