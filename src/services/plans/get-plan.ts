import { READABLE_BY_UNIT, requirePlanAccess } from '../../access/require-plan-access.ts';
import { appendAudit, auditJson, type AuditEvent } from '../../store/audit.ts';
import { auditedPlanReadSql } from '../../store/plan-document.ts';
import type { PlanState } from '../../domain/plan-lifecycle.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { forbidden } from '../errors.ts';
import { presentPlanText } from './present-plan.ts';

export interface GetPlanOptions {
  actor: Actor;
  planId: string;
}

const READ_SQL = auditedPlanReadSql(`${READABLE_BY_UNIT('$4', '$3')} AND $7::text <> 'analyst'`);

/**
 * Reads one whole plan, as a participating unit covered by the consent. Audited as a read.
 *
 * The hot path of the product, so two statements and no explicit transaction: the access facts
 * (decided in src/access, refusals audited), then one statement that re-checks access, returns
 * the document and appends the audit row together — atomic, so a consent withdrawn between the
 * two statements still refuses the read, and no read happens without its audit row.
 */
export async function getPlan(ctx: Context, { actor, planId }: GetPlanOptions): Promise<{ version: number; json: string }> {
  const today = swedishDate(ctx.clock.now());
  const audit = { action: 'R' as const, event: 'plan.read' };
  const plan = await requirePlanAccess(ctx.db, actor, planId, 'plan.read', today, audit);
  const event: AuditEvent = {
    county: plan.county, actorKind: 'staff', actorId: actor.staffId, actorUnitId: actor.unitId, actorRole: actor.role,
    action: 'R', event: audit.event, planId: plan.id, personId: plan.childId, outcome: 'success',
    networkAddress: actor.networkAddress, protectedIdentity: plan.childProtected,
  };
  const rows = await ctx.db.query<{ version: number; state: PlanState; doc: string }>(READ_SQL,
    [plan.county, plan.id, today, actor.unitId, auditJson([event]), actor.staffId, actor.role]);
  const row = rows[0];
  if (!row) {
    // Access changed between the two statements (a consent withdrawn a moment ago).
    await appendAudit(ctx.db, [{ ...event, outcome: 'denied', detail: { reason: 'access_changed', permission: 'plan.read' } }]);
    throw forbidden('no_consent', 'Samtycket omfattar inte din verksamhet. Du kan inte se planens innehåll.');
  }
  return { version: row.version, json: presentPlanText(row.doc, row.state) };
}
