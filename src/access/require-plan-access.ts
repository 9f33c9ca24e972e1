/**
 * The access check every plan use case begins with. Gathers the facts in one query, decides,
 * and on refusal writes the denied audit row (kept: the refusal commits before it is thrown).
 */
import type { Queryable } from '../store/database.ts';
import { appendAudit, type AuditAction } from '../store/audit.ts';
import type { Actor } from '../services/context.ts';
import { forbidden, notFound } from '../services/errors.ts';
import { decidePlanAccess, type PlanAccessFacts, type PlanPermission } from './plan-permissions.ts';
import type { PlanState } from '../domain/plan-lifecycle.ts';

/** What every plan use case knows of its plan once access is granted, staff's and family's alike. */
export interface PlanBase {
  county: string;
  id: string;
  childId: string;
  state: PlanState;
  version: number;
  planVersion: number;
  childProtected: boolean;
}

export interface PlanHeader extends PlanBase {
  initiatingUnitId: string;
  coordinatorUnitId: string | null;
}

interface FactsRow {
  id: string;
  child_id: string;
  state: PlanState;
  version: number;
  plan_version: number;
  initiating_unit_id: string;
  coordinator_unit_id: string | null;
  protected_identity: boolean;
  participates: boolean;
  covered: boolean;
  any_consent: boolean;
}

/** The SQL condition "a valid consent of plan p covers unit $unit on date $today". */
export const CONSENT_COVERS_UNIT = (unitParam: string, todayParam: string) => `EXISTS (
  SELECT 1 FROM consents c JOIN consent_units cu ON cu.county = c.county AND cu.consent_id = c.id
  WHERE c.county = p.county AND c.plan_id = p.id AND cu.unit_id = ${unitParam} AND cu.withdrawn_at IS NULL AND c.sufficient
    AND c.withdrawn_at IS NULL AND ${todayParam}::date BETWEEN c.valid_from AND c.valid_until)`;

/** The SQL condition "unit $unit takes part in plan p". */
export const UNIT_PARTICIPATES = (unitParam: string) => `EXISTS (
  SELECT 1 FROM plan_participants pp
  WHERE pp.county = p.county AND pp.plan_id = p.id AND pp.kind = 'unit' AND pp.unit_id = ${unitParam} AND pp.active)`;

/**
 * The plans `unit` may read, as an SQL condition on alias p: the bulk form of decidePlanAccess
 * for lists (one query for 500 plans, not 500). Keep the two in step (test/integration/access).
 */
export const READABLE_BY_UNIT = (unitParam: string, todayParam: string) => READABLE_FROM_FACTS({
  participates: UNIT_PARTICIPATES(unitParam),
  covered: CONSENT_COVERS_UNIT(unitParam, todayParam),
  anyConsent: 'EXISTS (SELECT 1 FROM consents c0 WHERE c0.county = p.county AND c0.plan_id = p.id)',
  initiatingUnit: 'p.initiating_unit_id',
  state: 'p.state',
}, unitParam);

/** The same rule over facts already computed (SQL expressions or column names). */
export const READABLE_FROM_FACTS = (f: { participates: string; covered: string; anyConsent: string; initiatingUnit: string; state: string }, unitParam: string) =>
  `(${f.participates} AND (${f.covered}
    OR (${f.initiatingUnit} = ${unitParam} AND ${f.state} IN ('initiated', 'invited', 'mapped', 'established', 'evaluated') AND NOT ${f.anyConsent})))`;

/** The facts decidePlanAccess needs, as SQL columns over plans p (unit and date as parameters). */
export const ACCESS_FACT_COLUMNS = (unitParam: string, todayParam: string) => `
       p.initiating_unit_id,
       ${UNIT_PARTICIPATES(unitParam)} AS participates,
       ${CONSENT_COVERS_UNIT(unitParam, todayParam)} AS covered,
       EXISTS (SELECT 1 FROM consents c0 WHERE c0.county = p.county AND c0.plan_id = p.id) AS any_consent`;

const FACTS_SQL = `
SELECT p.id, p.child_id, p.state, p.version, p.plan_version, p.coordinator_unit_id, ch.protected_identity,
       ${ACCESS_FACT_COLUMNS('$3', '$4')}
FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
WHERE p.county = $1 AND p.id = $2`;

/** The facts of a row as decidePlanAccess takes them. */
export function accessFacts(row: { state: string; initiating_unit_id: string; participates: boolean; covered: boolean; any_consent: boolean } | undefined, unitId: string): PlanAccessFacts {
  return {
    exists: row !== undefined,
    participates: row?.participates ?? false,
    coveredByConsent: row?.covered ?? false,
    anyConsentRecorded: row?.any_consent ?? false,
    isInitiatingUnit: row?.initiating_unit_id === unitId,
    isOpen: row !== undefined && !['closed', 'cancelled'].includes(row.state),
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function requirePlanAccess(
  tx: Queryable,
  actor: Actor,
  planId: string,
  permission: PlanPermission,
  today: string,
  audit: { action: AuditAction; event: string },
): Promise<PlanHeader> {
  const row = UUID.test(planId)
    ? (await tx.query<FactsRow>(FACTS_SQL, [actor.county, planId, actor.unitId, today]))[0]
    : undefined;
  const decision = decidePlanAccess(actor.role, permission, accessFacts(row, actor.unitId));
  if (!decision.allowed) {
    await appendAudit(tx, [{
      county: actor.county,
      actorKind: 'staff',
      actorId: actor.staffId,
      actorUnitId: actor.unitId,
      actorRole: actor.role,
      action: audit.action,
      event: audit.event,
      planId: row ? row.id : UUID.test(planId) ? planId : null,
      personId: row?.child_id ?? null,
      outcome: decision.reason === 'no_such_plan' ? 'not_found' : 'denied',
      networkAddress: actor.networkAddress,
      protectedIdentity: row?.protected_identity ?? false,
      detail: { reason: decision.reason, permission },
    }]);
    throw decision.answer === 'not_found'
      ? notFound()
      : forbidden('no_consent', 'Samtycket omfattar inte din verksamhet. Du kan inte se planens innehåll.');
  }
  const r = row!;
  return {
    county: actor.county,
    id: r.id,
    childId: r.child_id,
    state: r.state,
    version: r.version,
    planVersion: r.plan_version,
    initiatingUnitId: r.initiating_unit_id,
    coordinatorUnitId: r.coordinator_unit_id,
    childProtected: r.protected_identity,
  };
}
