/**
 * The facts the key figures are counted from, as one SQL query: each fact (a plan initiated, a
 * meeting held, a follow-up due …) is a row of its fact set with the plan it belongs to, the unit
 * it is counted for (null: every unit taking part in the plan), the Swedish date it falls on, and
 * its numerator, denominator and value. src/domain/key-figures.ts says which figure reads which
 * fact set and how.
 *
 * Parameters: $1 county, $2 grain (date_trunc field), $3 first day, $4 last day, $5 today,
 * $6 the viewer's unit (null for an analyst: entitled to nothing), $7 the grain as an interval.
 */
import { INITIATOR_GROUPS, type Dimension } from '../../domain/key-figures.ts';
import { OPEN_STATES_SQL } from '../../domain/plan-lifecycle.ts';
import { READABLE_BY_UNIT } from '../../access/require-plan-access.ts';

/** A moment as the Swedish date it fell on: periods follow the calendar people live by. */
const local = (expr: string) => `(${expr} AT TIME ZONE 'Europe/Stockholm')::date`;

const INITIATOR_VALUES = Object.entries(INITIATOR_GROUPS)
  .map(([group, g]) => `('${group}', ARRAY[${g.kinds.map((k) => `'${k}'`).join(', ')}])`).join(', ');

const CORE_FACTS = `
  SELECT 'initiated' AS fs, p.id::text AS fact, p.id AS plan_id, NULL::uuid AS unit_id, ${local('p.initiated_at')} AS at, 1::numeric AS num, 1::numeric AS den, NULL::numeric AS val
  FROM plans p WHERE p.county = $1
  UNION ALL
  SELECT 'established', p.id::text, p.id, NULL, ${local('p.established_at')}, 1, 1, NULL
  FROM plans p WHERE p.county = $1 AND p.established_at IS NOT NULL
  UNION ALL
  SELECT 'closed', p.id::text, p.id, NULL, ${local('p.closed_at')}, 1, 1, NULL
  FROM plans p WHERE p.county = $1 AND p.state = 'closed'
  UNION ALL
  SELECT 'followed_up', f.plan_id::text, f.plan_id, NULL, f.held_on, 1, 1, NULL
  FROM follow_ups f WHERE f.county = $1
  UNION ALL
  -- Only the initiator's own group; the share's denominator is the fact set 'initiated'.
  SELECT 'initiated_by_' || g.grp, p.id::text, p.id, NULL, ${local('p.initiated_at')}, 1, 1, NULL
  FROM plans p JOIN units iu ON iu.county = p.county AND iu.id = p.initiating_unit_id
  JOIN (VALUES ${INITIATOR_VALUES}) AS g (grp, kinds) ON iu.kind = ANY (g.kinds)
  WHERE p.county = $1
  UNION ALL
  SELECT 'first_meeting', p.id::text, p.id, NULL, fm.day, 1, 1, fm.day - ${local('p.initiated_at')}
  FROM plans p JOIN (SELECT m.plan_id, ${local('min(m.held_at)')} AS day FROM meetings m WHERE m.county = $1 GROUP BY m.plan_id) fm ON fm.plan_id = p.id
  WHERE p.county = $1
  UNION ALL
  SELECT 'follow_up_on_time', f.id::text, f.plan_id, NULL, f.due_on, (f.held_on <= f.due_on)::int, 1, NULL
  FROM follow_ups f WHERE f.county = $1
  UNION ALL
  -- A follow-up whose date has passed without one being held: late, and counted as such.
  SELECT 'follow_up_on_time', 'due:' || p.id, p.id, NULL, p.next_follow_up_on, 0, 1, NULL
  FROM plans p WHERE p.county = $1 AND p.state IN ('established', 'evaluated') AND p.next_follow_up_on < $5::date
  UNION ALL
  SELECT 'intervention_on_time', i.id::text, i.plan_id, i.unit_id, i.due_on, (i.status = 'done' AND i.done_on <= i.due_on)::int, 1, NULL
  FROM interventions i WHERE i.county = $1 AND i.status <> 'cancelled' AND (i.status = 'done' OR i.due_on < $5::date)
  UNION ALL
  SELECT 'child_present', m.id::text, m.plan_id, NULL, ${local('m.held_at')}, m.child_present::int, 1, NULL
  FROM meetings m WHERE m.county = $1
  UNION ALL
  SELECT 'video_meeting', m.id::text, m.plan_id, NULL, ${local('m.held_at')}, m.by_video::int, 1, NULL
  FROM meetings m WHERE m.county = $1
  UNION ALL
  SELECT 'consent_refused_withdrawn', 'r:' || c.id, c.plan_id, NULL, ${local('c.recorded_at')}, 1, 1, NULL
  FROM consents c WHERE c.county = $1
    AND EXISTS (SELECT 1 FROM consent_givers g WHERE g.county = c.county AND g.consent_id = c.id AND g.stance = 'refuses')
  UNION ALL
  SELECT 'consent_refused_withdrawn', 'w:' || c.id, c.plan_id, NULL, ${local('c.withdrawn_at')}, 1, 1, NULL
  FROM consents c WHERE c.county = $1 AND c.withdrawn_at IS NOT NULL
  UNION ALL
  SELECT 'invitation_declined', v.id::text, v.plan_id, v.unit_id, ${local('v.answered_at')}, 1, 1, NULL
  FROM invitees v WHERE v.county = $1 AND v.answer = 'declined'
  UNION ALL
  SELECT 'without_coordinator', p.id::text, p.id, NULL, $5::date, 1, 1, NULL
  FROM plans p WHERE p.county = $1 AND p.state IN ${OPEN_STATES_SQL}
    AND EXISTS (SELECT 1 FROM meetings m WHERE m.county = p.county AND m.plan_id = p.id)
    AND NOT (p.coordinator_staff_id IS NOT NULL AND staff_serves_unit(p.county, p.coordinator_staff_id, p.coordinator_unit_id))
  UNION ALL
  -- One fact per established plan and period it was open in; its numerator is the changes then.
  SELECT 'coordinator_changes', p.id || ':' || s.day, p.id, NULL, s.day,
    (SELECT count(*) FROM plan_coordinator_changes cc WHERE cc.county = p.county AND cc.plan_id = p.id
       AND ${local('cc.changed_at')} >= s.day AND ${local('cc.changed_at')} < s.day + $7::interval), 1, NULL
  FROM plans p
  CROSS JOIN LATERAL (SELECT ${local(`coalesce(p.closed_at, (SELECT max(sc.at) FROM plan_state_changes sc WHERE sc.county = p.county AND sc.plan_id = p.id AND sc.to_state = 'cancelled'))`)} AS ended) e
  CROSS JOIN LATERAL generate_series(
    greatest(date_trunc($2, ${local('p.established_at')}), date_trunc($2, $3::date)),
    least(date_trunc($2, coalesce(e.ended, $4::date)), date_trunc($2, $4::date)), $7::interval) AS g (t)
  CROSS JOIN LATERAL (SELECT g.t::date AS day) s
  WHERE p.county = $1 AND p.established_at IS NOT NULL`;

const DEVIATION_FACTS = `
  UNION ALL
  SELECT 'deviation_reported', d.id::text, d.plan_id, du.unit_id, ${local('d.reported_at')}, 1, 1, NULL
  FROM deviations d LEFT JOIN deviation_units du ON du.county = d.county AND du.deviation_id = d.id
  WHERE d.county = $1
  UNION ALL
  SELECT 'deviation_resolved', d.id::text, d.plan_id, du.unit_id, ${local('d.closed_at')}, 1, 1, ${local('d.closed_at')} - ${local('d.reported_at')}
  FROM deviations d LEFT JOIN deviation_units du ON du.county = d.county AND du.deviation_id = d.id
  WHERE d.county = $1 AND d.status = 'closed' AND d.closed_at IS NOT NULL`;

const SURVEY_FACTS = `
  UNION ALL
  SELECT 'survey_listened', s.id::text, s.plan_id, NULL, ${local('s.answered_at')}, 1, 1, s.listened
  FROM meeting_surveys s WHERE s.county = $1
  UNION ALL
  SELECT 'survey_clear', s.id::text, s.plan_id, NULL, ${local('s.answered_at')}, 1, 1, s.clear_who_does_what
  FROM meeting_surveys s WHERE s.county = $1`;

/** Per dimension: the joins from a fact's unit (g_unit) to its group, and the group's key and label. */
const GROUPS: Record<Dimension, { join: string; key: string; label: string }> = {
  county: { join: 'JOIN counties co ON co.county = fu.county', key: 'co.county::text', label: 'co.name' },
  principal: { join: 'JOIN units u ON u.county = fu.county AND u.id = fu.g_unit JOIN principals pr ON pr.county = u.county AND pr.id = u.principal_id', key: 'pr.id::text', label: 'pr.name' },
  municipality: { join: 'JOIN units u ON u.county = fu.county AND u.id = fu.g_unit JOIN municipalities mu ON mu.county = u.county AND mu.code = u.municipality_code', key: 'mu.code::text', label: 'mu.name' },
  unit_kind: { join: 'JOIN units u ON u.county = fu.county AND u.id = fu.g_unit', key: 'u.kind', label: 'u.kind' },
  unit: { join: 'JOIN units u ON u.county = fu.county AND u.id = fu.g_unit', key: 'u.id::text', label: 'u.name' },
  // A local agreement covers the units in the municipalities that signed it.
  agreement: {
    join: `JOIN units u ON u.county = fu.county AND u.id = fu.g_unit
      JOIN principals mp ON mp.county = u.county AND mp.kind = 'municipality' AND mp.municipality_code = u.municipality_code
      JOIN local_agreement_principals lap ON lap.county = mp.county AND lap.principal_id = mp.id
      JOIN local_agreements la ON la.county = lap.county AND la.id = lap.agreement_id`,
    key: 'la.id::text', label: 'la.name',
  },
};

export interface FactOptions {
  dimension: Dimension;
  deviations: boolean;
  surveys: boolean;
  /** Only the fact sets these figures read (all when absent): a trend of one figure reads one. */
  factSets?: ReadonlySet<string> | undefined;
}

/** The fact set a branch of the union yields, read from its first SELECT ('initiated_by_' for the shares). */
const branchSet = (branch: string) => /SELECT '([a-z_]+)'/.exec(branch)![1]!;

function branches(o: FactOptions): string {
  const all = [CORE_FACTS, o.deviations ? DEVIATION_FACTS : '', o.surveys ? SURVEY_FACTS : '']
    .join('').split(/\n\s*UNION ALL\n/).map((b) => b.trim()).filter(Boolean);
  const wanted = all.filter((b) => {
    if (!o.factSets) return true;
    const set = branchSet(b);
    return set === 'initiated_by_' ? [...o.factSets].some((f) => f.startsWith('initiated_by_')) : o.factSets.has(set);
  });
  // The columns named and typed once, whichever branches follow; and every parameter named, so
  // that the statement takes the same seven whichever branches use them.
  const header = `SELECT NULL::text AS fs, NULL::text AS fact, NULL::uuid AS plan_id, NULL::uuid AS unit_id, NULL::date AS at,
    NULL::numeric AS num, NULL::numeric AS den, NULL::numeric AS val
  WHERE false AND $2::text IS NULL AND $3::date IS NULL AND $4::date IS NULL AND $5::date IS NULL AND $6::uuid IS NULL AND $7::interval IS NULL`;
  return `\n  ${[header, ...wanted].join('\n  UNION ALL\n  ')}`;
}

/** The query: one row per group, fact set and period with the aggregates figureValue needs. */
export function keyFigureSql(o: FactOptions): string {
  const g = GROUPS[o.dimension];
  // The county as a whole counts each fact once; no need to go through the units.
  const attribution = o.dimension === 'county'
    ? 'SELECT f.*, $1::char(2) AS county, NULL::uuid AS g_unit FROM facts f'
    : `SELECT f.*, $1::char(2) AS county, coalesce(f.unit_id, pu.unit_id) AS g_unit FROM facts f
       LEFT JOIN pu ON f.unit_id IS NULL AND pu.plan_id = f.plan_id`;
  return `
WITH pu AS (
  SELECT pp.plan_id, pp.unit_id FROM plan_participants pp WHERE pp.county = $1 AND pp.kind = 'unit'
  UNION
  SELECT p.id, p.initiating_unit_id FROM plans p WHERE p.county = $1
), facts AS (${branches(o)}
), fu AS (${attribution}
), grouped AS (
  SELECT DISTINCT ${g.key} AS group_key, ${g.label} AS group_label, fu.fs, fu.fact, fu.plan_id,
    date_trunc($2, fu.at)::date AS period, fu.num, fu.den, fu.val
  FROM fu ${g.join}
  WHERE fu.at >= $3::date AND fu.at <= $4::date
), visible AS (
  SELECT p.id FROM plan_participants vp JOIN plans p ON p.county = vp.county AND p.id = vp.plan_id
  WHERE vp.county = $1 AND vp.unit_id = $6::uuid AND vp.kind = 'unit' AND vp.active AND ${READABLE_BY_UNIT('$6::uuid', '$5')}
)
SELECT gr.group_key AS "groupKey", gr.group_label AS "groupLabel", gr.fs, to_char(gr.period, 'YYYY-MM-DD') AS period,
  sum(gr.num)::float8 AS num, sum(gr.den)::float8 AS den, count(*)::int AS n,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY gr.val) AS median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY gr.val) AS p90,
  avg(gr.val)::float8 AS mean,
  -- A hashed subplan: one hash of the viewer's plans, probed once per fact.
  bool_and(coalesce(gr.plan_id IN (SELECT id FROM visible), false)) AS entitled
FROM grouped gr
GROUP BY gr.group_key, gr.group_label, gr.fs, gr.period`;
}
