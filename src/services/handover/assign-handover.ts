import type { Actor, Context } from '../context.ts';
import { conflict, invalid, ServiceError } from '../errors.ts';
import { inPlan, refuse } from '../plan-command.ts';
import { insertNotifications } from '../notifications/insert-notifications.ts';
import { interventionAssignedText, noticeLink } from '../notifications/messages.ts';
import { noticeCoordinatorChanges, HANDOVER_STILL_OPEN } from '../notifications/notice-continuity.ts';
import { requireManager } from './list-handover.ts';

export interface AssignHandoverOptions {
  actor: Actor;
  itemId: string;
  /** Who takes over: someone who serves the same unit. */
  staffId: string;
}

/**
 * The manager names who takes over a leaver's plan or intervention. A new coordinator is recorded
 * as a coordinator change (counted for the key figures, migration 009) and the plan's other
 * participants are told who it is, in the same transaction; a new responsible person is told too.
 */
export async function assignHandover(ctx: Context, { actor, itemId, staffId }: AssignHandoverOptions): Promise<{ planId: string; role: 'coordinator' | 'intervention'; version: number }> {
  requireManager(actor);
  const found = (await ctx.db.query<{ planId: string; role: 'coordinator' | 'intervention' }>(
    'SELECT plan_id AS "planId", role FROM handover_items WHERE county = $1 AND id = $2::uuid', [actor.county, itemId]))[0];
  if (!found) throw new ServiceError(404, 'not_found', 'Det finns ingen sådan överlämning.');
  const o = { actor, planId: found.planId, permission: 'plan.write' as const, action: 'U' as const, event: found.role === 'coordinator' ? 'plan.update' : 'intervention.update' };
  return inPlan(ctx, o, async (step) => {
    const { tx, plan, now, detail } = step;
    const item = (await tx.query<{ unitId: string; formerStaffId: string; formerName: string; interventionId: string | null; planNumber: string; open: boolean; resolved: boolean }>(
      `SELECT h.unit_id AS "unitId", h.former_staff_id AS "formerStaffId", fs.name AS "formerName", h.intervention_id AS "interventionId",
              p.plan_number AS "planNumber", ${HANDOVER_STILL_OPEN} AS open, h.resolved_at IS NOT NULL AS resolved
       FROM handover_items h
       JOIN staff fs ON fs.county = h.county AND fs.id = h.former_staff_id
       JOIN plans p ON p.county = h.county AND p.id = h.plan_id
       WHERE h.county = $1 AND h.id = $2::uuid FOR UPDATE OF h`, [plan.county, itemId]))[0]!;
    if (item.unitId !== actor.unitId) throw await refuse(step, o, 'not_your_unit', 'Överlämningen gäller en annan verksamhet.');
    if (item.resolved) throw conflict('already_handed_over', 'Någon har redan tagit över.');
    if (!item.open) throw conflict('no_longer_needed', 'Det behövs inte längre: personen är tillbaka i verksamheten, eller någon annan har redan utsetts.');
    if (staffId === item.formerStaffId) throw invalid([{ field: '/staffId', code: 'former', message: 'Välj någon annan än den som har slutat.' }]);
    const [serves] = await tx.query<{ ok: boolean }>('SELECT staff_serves_unit($1, $2::uuid, $3) AS ok', [plan.county, staffId, item.unitId]);
    if (!serves!.ok) throw invalid([{ field: '/staffId', code: 'not_in_unit', message: 'Personen är inte aktiv i verksamheten.' }]);

    let version: number;
    if (found.role === 'coordinator') {
      // The trigger of migration 009 records the change; the participants are told below.
      [{ version }] = (await tx.query<{ version: number }>(
        'UPDATE plans SET coordinator_staff_id = $3, version = version + 1, updated_at = now() WHERE county = $1 AND id = $2 RETURNING version',
        [plan.county, plan.id, staffId])) as [{ version: number }];
      await noticeCoordinatorChanges(tx, { county: plan.county, planId: plan.id, now, exceptStaffId: actor.staffId });
    } else {
      [{ version }] = (await tx.query<{ version: number }>(
        'UPDATE interventions SET responsible_staff_id = $3, version = version + 1 WHERE county = $1 AND id = $2 RETURNING version',
        [plan.county, item.interventionId, staffId])) as [{ version: number }];
      if (staffId !== actor.staffId) {
        await insertNotifications(tx, [{
          county: plan.county, recipientId: staffId, planId: plan.id, kind: 'handover_assigned', key: `handover:${itemId}:assigned`, stage: 'info', dueOn: null,
          link: noticeLink('handover_assigned', plan.id), ...interventionAssignedText(item.planNumber, item.formerName),
        }], now);
      }
    }
    await tx.query('UPDATE handover_items SET resolved_at = $3, resolved_by = $4, new_staff_id = $5 WHERE county = $1 AND id = $2',
      [plan.county, itemId, now, actor.staffId, staffId]);
    Object.assign(detail, { handoverItemId: itemId, role: found.role, from: item.formerStaffId, to: staffId, ...(item.interventionId ? { interventionId: item.interventionId } : {}) });
    return { planId: plan.id, role: found.role, version };
  });
}

