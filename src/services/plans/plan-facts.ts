/**
 * Gathers what the establishing guard needs to know about a plan, in one query.
 */
import type { PlanForEstablishing } from '../../domain/plan-guards.ts';
import type { Queryable } from '../../store/database.ts';

export async function establishingFacts(tx: Queryable, county: string, planId: string, today: string): Promise<PlanForEstablishing> {
  const r = (await tx.query<any>(
    `SELECT p.overall_principal_id, p.coordinator_staff_id, p.coordinator_unit_id, p.next_follow_up_on, p.no_measures_by_others,
       (SELECT count(*)::int FROM needs n WHERE n.county = p.county AND n.plan_id = p.id AND n.removed_at IS NULL) AS need_count,
       (SELECT count(*)::int FROM measures_by_others m WHERE m.county = p.county AND m.plan_id = p.id AND m.removed_at IS NULL) AS measure_count,
       (SELECT count(*)::int FROM meetings mt WHERE mt.county = p.county AND mt.plan_id = p.id) AS meeting_count,
       coalesce((SELECT json_agg(json_build_object('principalId', i.principal_id, 'unitId', i.unit_id, 'responsibleStaffId', i.responsible_staff_id))
         FROM interventions i WHERE i.county = p.county AND i.plan_id = p.id AND i.status <> 'cancelled'), '[]') AS interventions,
       coalesce((SELECT json_agg(json_build_object('unitId', u.id, 'principalId', u.principal_id))
         FROM plan_participants pp JOIN units u ON u.county = pp.county AND u.id = pp.unit_id
         WHERE pp.county = p.county AND pp.plan_id = p.id AND pp.kind = 'unit' AND pp.active), '[]') AS units,
       coalesce((SELECT array_agg(DISTINCT cu.unit_id) FROM consents c JOIN consent_units cu ON cu.county = c.county AND cu.consent_id = c.id
         WHERE c.county = p.county AND c.plan_id = p.id AND c.sufficient AND c.withdrawn_at IS NULL AND cu.withdrawn_at IS NULL
           AND $3::date BETWEEN c.valid_from AND c.valid_until), '{}') AS covered
     FROM plans p WHERE p.county = $1 AND p.id = $2`, [county, planId, today]))[0];
  return {
    today,
    needCount: r.need_count,
    interventions: r.interventions,
    measuresByOthersCount: r.measure_count,
    noMeasuresByOthers: r.no_measures_by_others,
    overallPrincipalId: r.overall_principal_id,
    coordinatorStaffId: r.coordinator_staff_id,
    coordinatorUnitId: r.coordinator_unit_id,
    nextFollowUpOn: r.next_follow_up_on,
    participatingUnits: r.units,
    consentCoveredUnitIds: new Set(r.covered as string[]),
    meetingsHeld: r.meeting_count,
  };
}
