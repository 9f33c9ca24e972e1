/**
 * Who may see and act on a deviation, and the one transaction path every deviation use case
 * takes: load the deviation, decide the actor's standing, do the work, audit in the same
 * transaction. A deviation can name a child's plan, so it is read only by those with a part in
 * it (the reporter, the nearest managers of the units involved, the steering group it reached,
 * the owners of its measures); to anyone else it does not exist (404, audited, like a plan).
 */
import type { Queryable } from '../../store/database.ts';
import { appendAudit, type AuditAction } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { notFound, stale, versionRequired } from '../errors.ts';
import { UUID } from '../../access/require-plan-access.ts';
import type { DeviationFacts, DeviationHandler, DeviationState } from '../../domain/deviation-lifecycle.ts';

export interface DeviationHeader {
  county: string;
  id: string;
  status: DeviationState;
  version: number;
  planId: string | null;
  childId: string | null;
  childProtected: boolean;
  agreementId: string | null;
  reportedBy: string;
  unitIds: string[];
  measures: number;
}

export interface Standing {
  reporter: boolean;
  /** A manager acting for one of the units involved (närmaste chef). */
  manager: boolean;
  /** A member of the steering group the deviation was escalated to. */
  steeringGroup: boolean;
  measureOwner: boolean;
}

export interface DeviationStep {
  tx: Queryable;
  deviation: DeviationHeader;
  standing: Standing;
  now: Date;
  today: string;
  detail: Record<string, unknown>;
}

/** Who handles the deviation now: once escalated it is the steering group's, before that the managers'. */
export function handlerOf(d: Pick<DeviationHeader, 'agreementId'>, s: Standing): DeviationHandler | null {
  if (d.agreementId !== null && s.steeringGroup) return 'steering_group';
  if (s.manager) return 'manager';
  return null;
}

export function factsOf(d: DeviationHeader, hasNote: boolean): DeviationFacts {
  return { state: d.status, escalated: d.agreementId !== null, measures: d.measures, hasNote };
}

export function canRead(s: Standing): boolean {
  return s.reporter || s.manager || s.steeringGroup || s.measureOwner;
}

export async function loadDeviation(tx: Queryable, actor: Actor, id: string, lock: boolean): Promise<{ deviation: DeviationHeader; standing: Standing } | null> {
  if (!UUID.test(id)) return null;
  const row = (await tx.query<DeviationHeader & { steering: boolean; owner: boolean }>(
    `SELECT d.county, d.id, d.status, d.version, d.plan_id AS "planId", p.child_id AS "childId",
            coalesce(ch.protected_identity, false) AS "childProtected", d.agreement_id AS "agreementId", d.reported_by AS "reportedBy",
            (SELECT array_agg(du.unit_id::text ORDER BY du.unit_id) FROM deviation_units du WHERE du.county = d.county AND du.deviation_id = d.id) AS "unitIds",
            (SELECT count(*)::int FROM deviation_measures m WHERE m.county = d.county AND m.deviation_id = d.id) AS measures,
            EXISTS (SELECT 1 FROM steering_group_members sg WHERE sg.county = d.county AND sg.agreement_id = d.agreement_id AND sg.staff_id = $3) AS steering,
            EXISTS (SELECT 1 FROM deviation_measures m WHERE m.county = d.county AND m.deviation_id = d.id AND m.owner_staff_id = $3) AS owner
     FROM deviations d
     LEFT JOIN plans p ON p.county = d.county AND p.id = d.plan_id
     LEFT JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
     WHERE d.county = $1 AND d.id = $2${lock ? ' FOR UPDATE OF d' : ''}`, [actor.county, id, actor.staffId]))[0];
  if (!row) return null;
  const { steering, owner, ...deviation } = row;
  deviation.unitIds ??= [];
  const standing: Standing = {
    reporter: deviation.reportedBy === actor.staffId,
    manager: actor.role === 'manager' && deviation.unitIds.includes(actor.unitId),
    steeringGroup: steering,
    measureOwner: owner,
  };
  return { deviation, standing };
}

export interface DeviationCommand {
  actor: Actor;
  deviationId: string;
  action: AuditAction;
  event: string;
  /** Takes a row lock for the read-check-write of an edit. */
  lock: boolean;
}

/**
 * One transaction: the deviation and the actor's standing, a 404 (audited, kept) for one they
 * have no part in, the work, and the audit row of the access.
 */
export async function inDeviation<T>(ctx: Context, o: DeviationCommand, work: (step: DeviationStep) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const found = await loadDeviation(tx, o.actor, o.deviationId, o.lock);
    if (!found || !canRead(found.standing)) {
      await appendAudit(tx, [actorEvent(o.actor, o.action, o.event, {
        outcome: found ? 'denied' : 'not_found',
        detail: { deviationId: UUID.test(o.deviationId) ? o.deviationId : null, reason: found ? 'no_part' : 'no_such_deviation' },
      })]);
      throw notFound();
    }
    const step: DeviationStep = { tx, ...found, now, today: swedishDate(now), detail: {} };
    const result = await work(step);
    await appendAudit(tx, [actorEvent(o.actor, o.action, o.event, {
      planId: found.deviation.planId, personId: found.deviation.childId, protectedIdentity: found.deviation.childProtected,
      detail: { deviationId: found.deviation.id, ...step.detail },
    })]);
    return result;
  });
}

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
export function validDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** An edit names the version it was made against; a stale one changes nothing (412). */
export function requireDeviationVersion(current: number, ifMatch: number | undefined): void {
  if (ifMatch === undefined) throw versionRequired();
  if (ifMatch !== current) throw stale(current);
}
