/**
 * Freezes the plan's contents as a new version (upprättad plan, then each revision). Earlier
 * versions stay readable; the table refuses UPDATE and DELETE.
 */
import { readPlanDocument } from '../../store/plan-document.ts';
import type { Actor } from '../context.ts';
import type { PlanStep } from '../plan-command.ts';

const CONTENT_KEYS = ['reason', 'coordinator', 'overallPrincipalId', 'nextFollowUpOn', 'noMeasuresByOthers', 'participants',
  'needs', 'goals', 'interventions', 'measuresByOthers', 'child', 'guardians'] as const;

export async function snapshotVersion(step: PlanStep, actor: Actor, versionNo: number, reason: string): Promise<void> {
  const doc = await readPlanDocument(step.tx, step.plan.county, step.plan.id, step.today);
  const content = Object.fromEntries(CONTENT_KEYS.map((k) => [k, doc[k]]));
  await step.tx.query(
    `INSERT INTO plan_versions (county, plan_id, version_no, content, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [step.plan.county, step.plan.id, versionNo, JSON.stringify(content), reason, actor.staffId]);
  step.detail.planVersion = versionNo;
}
