import type { Actor, Context } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { inPlan } from '../plan-command.ts';
import { requireStaffInUnit, requireUnits } from '../references.ts';

export interface AddParticipantOptions {
  actor: Actor;
  planId: string;
  participant:
    | { kind: 'unit'; unitId: string; staffId?: string | null }
    | { kind: 'relative' | 'other'; name: string; roleNote?: string | null };
}

/**
 * Adds a unit or a person to the plan. A unit that joins sees nothing until a consent covers it;
 * relatives (närstående) take part only when the person does not object (SoL 2 kap 7 § 2 st.).
 */
export async function addParticipant(ctx: Context, { actor, planId, participant }: AddParticipantOptions): Promise<{ id: string }> {
  return inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'C', event: 'participant.add' }, async ({ tx, plan, detail }) => {
    if (participant.kind === 'unit') {
      await requireUnits(tx, plan.county, [participant.unitId], '/unitId');
      if (participant.staffId) await requireStaffInUnit(tx, plan.county, participant.staffId, participant.unitId, '/staffId');
    } else if (!participant.name.trim()) {
      throw invalid([{ field: '/name', code: 'required', message: 'Ange namn.' }]);
    }
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO plan_participants (county, id, plan_id, kind, unit_id, staff_id, name, role_note)
       VALUES ($1, uuid_v7(), $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      participant.kind === 'unit'
        ? [plan.county, plan.id, 'unit', participant.unitId, participant.staffId ?? null, null, null]
        : [plan.county, plan.id, participant.kind, null, null, participant.name.trim(), participant.roleNote ?? null]);
    if (!rows[0]) throw conflict('already_participating', 'Verksamheten deltar redan.', [{ field: '/unitId', code: 'exists', message: 'Deltar redan.' }]);
    detail.participantId = rows[0].id;
    return { id: rows[0].id };
  });
}
