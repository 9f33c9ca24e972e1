/**
 * Who in a family may see a plan: the citizen's side of src/access. One pure decision over facts
 * that one SQL query gathers, and the check every family use case begins with.
 *
 * - A guardian (vårdnadshavare) sees the plans of the children in their care: the guardian
 *   decides for the child (föräldrabalken 6 kap 11 §) and consents to the plan (SoL 2 kap 7 §).
 * - The young person sees their own plan from an age the county sets (default 13), and only when
 *   the coordinator has opened it: the child's right to be heard and informed grows with age and
 *   maturity (barnkonventionen art. 12, lag 2018:1197), which staff judge per child.
 * - Anyone else gets the same 404 as for a plan that does not exist, so nobody can learn which
 *   children have plans (docs/decisions/0007).
 */
import type { Queryable } from '../store/database.ts';
import { appendAudit, type AuditAction } from '../store/audit.ts';
import type { PersonRef } from '../store/sessions.ts';
import { ageOn } from '../domain/identity-number.ts';
import { notFound } from '../services/errors.ts';
import type { PlanState } from '../domain/plan-lifecycle.ts';
import { UUID, type PlanBase } from './require-plan-access.ts';

/** A signed-in citizen: the person rows (one per county) that carry their identity number. */
export interface Citizen {
  name: string;
  personRefs: readonly PersonRef[];
  networkAddress: string | null;
}

export type FamilyRole = 'guardian' | 'child';

export interface CitizenPlanFacts {
  exists: boolean;
  isGuardian: boolean;
  isChild: boolean;
  /** The child's age today; null when unknown (a reservnummer without a birth date). */
  childAge: number | null;
  /** The county's age from which a young person may see their own plan. */
  youngPersonAge: number;
  /** The coordinator has opened the plan to the young person. */
  youngPersonAccess: boolean;
}

export type CitizenDecision =
  | { allowed: true; as: FamilyRole }
  | { allowed: false; reason: 'no_such_plan' | 'not_family' | 'below_age' | 'not_enabled' };

export function decideCitizenAccess(f: CitizenPlanFacts): CitizenDecision {
  if (!f.exists) return { allowed: false, reason: 'no_such_plan' };
  if (f.isGuardian) return { allowed: true, as: 'guardian' };
  if (!f.isChild) return { allowed: false, reason: 'not_family' };
  // Age unknown: nobody can tell that the child has reached it, so the guardians see it for them.
  if (f.childAge === null || f.childAge < f.youngPersonAge) return { allowed: false, reason: 'below_age' };
  if (!f.youngPersonAccess) return { allowed: false, reason: 'not_enabled' };
  return { allowed: true, as: 'child' };
}

/** The plan as a family use case knows it once access is granted. */
export interface FamilyPlanHeader extends PlanBase {
  coordinatorStaffId: string | null;
  /** The citizen's own person row in the plan's county. */
  personId: string;
  as: FamilyRole;
}

export interface FactsRow {
  county: string;
  id: string;
  child_id: string;
  state: PlanState;
  version: number;
  plan_version: number;
  coordinator_staff_id: string | null;
  protected_identity: boolean;
  birth_date: string | null;
  young_person_access: boolean;
  young_person_access_age: number;
  guardian_id: string | null;
  is_child: boolean;
}

/** The facts over plans p (with persons ch, counties co) for the citizen's person ids ($ids). */
export const CITIZEN_FACT_COLUMNS = (ids: string) => `
  p.county, p.id, p.child_id, p.state, p.version, p.plan_version, p.coordinator_staff_id, ch.protected_identity,
  to_char(ch.birth_date, 'YYYY-MM-DD') AS birth_date, p.young_person_access, co.young_person_access_age,
  (SELECT g.guardian_id FROM guardianships g WHERE g.county = p.county AND g.child_id = p.child_id
     AND g.guardian_id = ANY(${ids}::uuid[]) LIMIT 1) AS guardian_id,
  p.child_id = ANY(${ids}::uuid[]) AS is_child`;

export function citizenFacts(row: FactsRow | undefined, today: string): CitizenPlanFacts {
  return {
    exists: row !== undefined,
    isGuardian: row?.guardian_id != null,
    isChild: row?.is_child ?? false,
    childAge: row?.birth_date ? ageOn(row.birth_date, today) : null,
    youngPersonAge: row?.young_person_access_age ?? 13,
    youngPersonAccess: row?.young_person_access ?? false,
  };
}

export function headerOf(row: FactsRow, as: FamilyRole): FamilyPlanHeader {
  return {
    county: row.county, id: row.id, childId: row.child_id, state: row.state, version: row.version, planVersion: row.plan_version,
    childProtected: row.protected_identity, coordinatorStaffId: row.coordinator_staff_id,
    personId: as === 'guardian' ? row.guardian_id! : row.child_id, as,
  };
}

/**
 * The access check of every family use case. A refusal is audited (in the plan's county when the
 * plan exists, else in the citizen's own) and answered 404, whatever its reason.
 */
export async function requireCitizenPlanAccess(tx: Queryable, citizen: Citizen, planId: string, today: string,
  audit: { action: AuditAction; event: string }): Promise<FamilyPlanHeader> {
  const ids = citizen.personRefs.map((r) => r.personId);
  const counties = [...new Set(citizen.personRefs.map((r) => r.county))];
  const row = UUID.test(planId) && ids.length
    ? (await tx.query<FactsRow>(
        `SELECT ${CITIZEN_FACT_COLUMNS('$3')}
         FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id JOIN counties co ON co.county = p.county
         WHERE p.county = ANY($1::char(2)[]) AND p.id = $2`, [counties, planId, ids]))[0]
    : undefined;
  const decision = decideCitizenAccess(citizenFacts(row, today));
  if (decision.allowed) return headerOf(row!, decision.as);
  const ref = (row && citizen.personRefs.find((r) => r.county === row.county)) ?? citizen.personRefs[0];
  if (ref) {
    await appendAudit(tx, [{
      county: ref.county, actorKind: 'citizen', actorId: ref.personId, actorUnitId: null, actorRole: null,
      action: audit.action, event: audit.event, planId: row?.id ?? (UUID.test(planId) ? planId : null), personId: row?.child_id ?? null,
      outcome: decision.reason === 'no_such_plan' ? 'not_found' : 'denied', networkAddress: citizen.networkAddress,
      protectedIdentity: row?.protected_identity ?? false, detail: { reason: decision.reason },
    }]);
  }
  throw notFound();
}
