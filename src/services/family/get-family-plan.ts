import { readPlanDocument } from '../../store/plan-document.ts';
import type { Citizen } from '../../access/citizen-access.ts';
import type { Context } from '../context.ts';
import { inFamilyPlan } from './family-command.ts';
import { familyView, type FamilyExtras, type FamilyPlanView } from './family-view.ts';

/** Reads one plan as the family sees it; audited as the family's read (actor: the citizen). */
export async function getFamilyPlan(ctx: Context, citizen: Citizen, planId: string): Promise<FamilyPlanView> {
  return inFamilyPlan(ctx, citizen, planId, { action: 'R', event: 'family.read' }, async ({ tx, plan, today, now }) => {
    const doc = await readPlanDocument(tx, plan.county, plan.id, today);
    const [extras] = await tx.query<FamilyExtras>(
      `SELECT
         coalesce((SELECT json_agg(json_build_object('kind', fv.kind, 'text', fv.text, 'writtenRole', fv.written_role,
             'writtenAt', fv.written_at, 'version', fv.version, 'mine', fv.written_by = $3)) FROM family_voice fv
           WHERE fv.county = $1 AND fv.plan_id = $2), '[]') AS voice,
         coalesce((SELECT json_agg(json_build_object('versionNo', a.version_no, 'decision', a.decision, 'comment', a.comment,
             'decidedAt', a.decided_at, 'mine', a.person_id = $3, 'role', a.role) ORDER BY a.decided_at) FROM plan_approvals a
           WHERE a.county = $1 AND a.plan_id = $2), '[]') AS approvals,
         coalesce((SELECT json_agg(json_build_object('meetingId', s.meeting_id)) FROM meeting_surveys s
           WHERE s.county = $1 AND s.plan_id = $2 AND s.respondent_person_id = $3), '[]') AS surveys,
         coalesce((SELECT json_agg(json_build_object('versionNo', v.version_no, 'reason', v.reason, 'createdAt', v.created_at,
             'content', v.content) ORDER BY v.version_no) FROM plan_versions v WHERE v.county = $1 AND v.plan_id = $2), '[]') AS versions,
         coalesce((SELECT json_agg(json_build_object('id', pr.id, 'name', pr.name)) FROM principals pr WHERE pr.county = $1), '[]') AS principals,
         -- The latest change of coordinator, so that the family is told who took over (issue 6):
         -- the person they called before may have left.
         (SELECT json_build_object('changedAt', c.changed_at, 'formerName', fs.name) FROM plan_coordinator_changes c
            JOIN staff fs ON fs.county = c.county AND fs.id = c.from_staff_id
           WHERE c.county = $1 AND c.plan_id = $2 AND c.to_staff_id IS NOT NULL
           ORDER BY c.changed_at DESC, c.id DESC LIMIT 1) AS "coordinatorChange"`,
      [plan.county, plan.id, plan.personId]);
    return familyView(plan, doc, extras!, now);
  });
}
