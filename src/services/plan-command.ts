/**
 * The one path of every plan use case: one transaction; the access check first; the work; the
 * audit row of the access last, in the same transaction (ARCHITECTURE.md, rules of the house).
 */
import type { Queryable } from '../store/database.ts';
import { appendAudit, type AuditAction } from '../store/audit.ts';
import { requirePlanAccess, type PlanHeader } from '../access/require-plan-access.ts';
import type { PlanPermission } from '../access/plan-permissions.ts';
import { swedishDate, type Actor, type Context } from './context.ts';
import { conflict, forbidden, stale, versionRequired, type Refusal } from './errors.ts';
import { transition, type PlanEvent, type PlanState } from '../domain/plan-lifecycle.ts';
import { newId } from '../store/ids.ts';

export interface PlanStep {
  tx: Queryable;
  plan: PlanHeader;
  today: string;
  now: Date;
  /** Ids worth keeping in the audit row (never names or identity numbers). */
  detail: Record<string, unknown>;
}

export interface PlanCommandOptions {
  actor: Actor;
  planId: string;
  permission: PlanPermission;
  action: AuditAction;
  event: string;
}

export async function inPlan<T>(ctx: Context, o: PlanCommandOptions, work: (step: PlanStep) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  const today = swedishDate(now);
  return ctx.db.transaction(async (tx) => {
    const plan = await requirePlanAccess(tx, o.actor, o.planId, o.permission, today, { action: o.action, event: o.event });
    const step: PlanStep = { tx, plan, today, now, detail: {} };
    const result = await work(step);
    // Any change makes the cached plan document stale (migration 007).
    if (o.action !== 'R') await tx.query('UPDATE plans SET content_stamp = content_stamp + 1 WHERE county = $1 AND id = $2', [plan.county, plan.id]);
    await appendAudit(tx, [{
      county: plan.county,
      actorKind: 'staff',
      actorId: o.actor.staffId,
      actorUnitId: o.actor.unitId,
      actorRole: o.actor.role,
      action: o.action,
      event: o.event,
      planId: plan.id,
      personId: plan.childId,
      outcome: 'success',
      networkAddress: o.actor.networkAddress,
      protectedIdentity: plan.childProtected,
      detail: step.detail,
    }]);
    return result;
  });
}

/** An edit names the version it was made against; a stale one changes nothing (412). */
export function requireVersion(current: number, ifMatch: number | undefined): void {
  if (ifMatch === undefined) throw versionRequired();
  if (ifMatch !== current) throw stale(current);
}

const STATE_SV: Record<PlanState, string> = {
  initiated: 'initierad', invited: 'kallad', mapped: 'kartlagd', established: 'upprättad',
  evaluated: 'utvärderad', closed: 'avslutad', cancelled: 'avbruten',
};

/** The state `event` leads to from the plan's state, or 409 naming the state. */
export function nextState(plan: PlanHeader, event: PlanEvent): PlanState {
  const t = transition(plan.state, event);
  if (!t.ok) throw conflict('transition_not_allowed', `Det går inte när planen är ${STATE_SV[plan.state]}.`, [{ field: '/state', code: 'transition_not_allowed', message: `Planen är ${STATE_SV[plan.state]}.` }]);
  return t.to;
}

/**
 * Moves the plan to `to` (checked against the version the user read) and records the change in
 * the chronology. Returns the plan's new version.
 */
export async function movePlan(step: PlanStep, actor: Actor, to: PlanState, expectedVersion: number, extraSet: Record<string, unknown> = {}, note: string | null = null): Promise<number> {
  const cols = Object.keys(extraSet);
  const sets = cols.map((c, i) => `${c} = $${i + 5}`).join(', ');
  const rows = await step.tx.query<{ version: number }>(
    `UPDATE plans SET state = $3, version = version + 1, updated_at = now()${sets ? ', ' + sets : ''}
     WHERE county = $1 AND id = $2 AND version = $4 RETURNING version`,
    [step.plan.county, step.plan.id, to, expectedVersion, ...cols.map((c) => extraSet[c])],
  );
  if (rows.length === 0) throw stale(step.plan.version);
  await step.tx.query(
    `INSERT INTO plan_state_changes (county, id, plan_id, from_state, to_state, by_staff_id, by_unit_id, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [step.plan.county, newId(), step.plan.id, step.plan.state, to, actor.staffId, actor.unitId, note],
  );
  step.detail.from = step.plan.state;
  step.detail.to = to;
  return rows[0]!.version;
}

/**
 * A refusal after the access check passed (e.g. a participating unit that may not end the plan):
 * audited as denied, and the denied row is kept when the refusal is thrown.
 */
export async function refuse(step: PlanStep, o: PlanCommandOptions, code: string, message: string): Promise<Refusal> {
  await appendAudit(step.tx, [{
    county: step.plan.county, actorKind: 'staff', actorId: o.actor.staffId, actorUnitId: o.actor.unitId, actorRole: o.actor.role,
    action: o.action, event: o.event, planId: step.plan.id, personId: step.plan.childId, outcome: 'denied',
    networkAddress: o.actor.networkAddress, protectedIdentity: step.plan.childProtected, detail: { reason: code },
  }]);
  return forbidden(code, message);
}
