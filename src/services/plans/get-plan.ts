import { ACCESS_FACT_COLUMNS, READABLE_FROM_FACTS, UUID, accessFacts, requirePlanAccess } from '../../access/require-plan-access.ts';
import { decidePlanAccess } from '../../access/plan-permissions.ts';
import { auditedPlanReadSql } from '../../store/plan-document.ts';
import type { PlanState } from '../../domain/plan-lifecycle.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { presentPlanText } from './present-plan.ts';

export interface GetPlanOptions {
  actor: Actor;
  planId: string;
}

const READ_SQL = auditedPlanReadSql(ACCESS_FACT_COLUMNS('$4', '$3'),
  `${READABLE_FROM_FACTS({ participates: 'f.participates', covered: 'f.covered', anyConsent: 'f.any_consent', initiatingUnit: 'f.initiating_unit_id', state: 'f.state' }, '$4')} AND $7::text <> 'analyst'`);

interface ReadRow {
  version: number;
  state: PlanState;
  doc: string;
  initiating_unit_id: string;
  participates: boolean;
  covered: boolean;
  any_consent: boolean;
}

/**
 * Reads one whole plan, as a participating unit covered by the consent. Audited as a read.
 *
 * The hot path of the product, so one statement when access is granted: it checks the
 * membership and access (the bulk form of the rules in src/access), returns the document and
 * appends the audit row, atomically. When it returns nothing, the access module decides what to
 * answer and audits the refusal. The facts the statement returns are checked against
 * decidePlanAccess, so that the SQL and the typed rules cannot silently drift apart.
 */
export async function getPlan(ctx: Context, { actor, planId }: GetPlanOptions): Promise<{ version: number; json: string }> {
  const today = swedishDate(ctx.clock.now());
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = UUID.test(planId)
      ? (await ctx.db.query<ReadRow>(READ_SQL, [actor.county, planId, today, actor.unitId, actor.networkAddress, actor.staffId, actor.role]))[0]
      : undefined;
    if (row) {
      const decision = decidePlanAccess(actor.role, 'plan.read', accessFacts(row, actor.unitId));
      if (!decision.allowed) throw new Error(`access rules disagree for plan.read: SQL allowed, decidePlanAccess refused (${decision.reason})`);
      return { version: row.version, json: presentPlanText(row.doc, row.state) };
    }
    // Refused: the access module answers 404 or 403 and audits it. If it allows (access changed
    // between the two statements, e.g. a consent recorded a moment ago), read once more.
    await requirePlanAccess(ctx.db, actor, planId, 'plan.read', today, { action: 'R', event: 'plan.read' });
  }
  throw new Error('plan.read: access granted but the plan could not be read');
}
