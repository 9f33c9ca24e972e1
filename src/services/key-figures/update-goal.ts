import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid, ServiceError, stale, versionRequired } from '../errors.ts';
import { requireSteeringMember } from './control-access.ts';

export interface UpdateGoalOptions {
  actor: Actor;
  goalId: string;
  version: number | undefined;
  patch: { goal?: string; followUp?: string | null };
}

/** The steering group rewords a qualitative goal or writes how it was followed up. */
export async function updateGoal(ctx: Context, o: UpdateGoalOptions): Promise<{ id: string; version: number }> {
  if (o.patch.goal !== undefined && !o.patch.goal.trim()) throw invalid([{ field: '/goal', code: 'required', message: 'Skriv målet.' }]);
  return ctx.db.transaction(async (tx) => {
    const [g] = await tx.query<{ agreement_id: string; version: number; goal: string; follow_up: string | null }>(
      'SELECT agreement_id, version, goal, follow_up FROM key_figure_goals WHERE county = $1 AND id = $2::uuid FOR UPDATE', [o.actor.county, o.goalId]);
    if (!g) throw new ServiceError(404, 'not_found', 'Det finns inget här som du har tillgång till.');
    await requireSteeringMember(tx, o.actor, g.agreement_id);
    if (o.version === undefined) throw versionRequired();
    if (o.version !== g.version) throw stale(g.version);
    const goal = o.patch.goal === undefined ? g.goal : o.patch.goal.trim();
    const followUp = o.patch.followUp === undefined ? g.follow_up : o.patch.followUp?.trim() ? o.patch.followUp.trim() : null;
    if (goal === g.goal && followUp === g.follow_up) return { id: o.goalId, version: g.version };
    const [row] = await tx.query<{ version: number }>(
      `UPDATE key_figure_goals SET goal = $3, follow_up = $4, updated_by = $5, updated_at = $6, version = version + 1
       WHERE county = $1 AND id = $2 RETURNING version`,
      [o.actor.county, o.goalId, goal, followUp, o.actor.staffId, ctx.clock.now()]);
    await appendAudit(tx, [actorEvent(o.actor, 'U', 'key_figures.goal_update', {
      detail: { goalId: o.goalId, fields: [...(goal !== g.goal ? ['goal'] : []), ...(followUp !== g.follow_up ? ['followUp'] : [])] },
    })]);
    return { id: o.goalId, version: row!.version };
  });
}
