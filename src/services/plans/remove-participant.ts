import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { inPlan } from '../plan-command.ts';

export interface RemoveParticipantOptions {
  actor: Actor;
  planId: string;
  participantId: string;
}

/** Ends a participation (kept in history). The child cannot be removed from the child's own plan. */
export async function removeParticipant(ctx: Context, { actor, planId, participantId }: RemoveParticipantOptions): Promise<void> {
  await inPlan(ctx, { actor, planId, permission: 'plan.write', action: 'D', event: 'participant.remove' }, async ({ tx, plan, detail }) => {
    const rows = await tx.query<{ kind: string }>(
      `UPDATE plan_participants SET active = false
       WHERE county = $1 AND plan_id = $2 AND id = $3::uuid AND active AND kind <> 'child' RETURNING kind`,
      [plan.county, plan.id, participantId]);
    if (!rows[0]) throw invalid([{ field: '/participantId', code: 'unknown', message: 'Ingen sådan deltagare (barnet kan inte tas bort).' }]);
    detail.participantId = participantId;
  });
}
