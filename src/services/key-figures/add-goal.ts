import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid } from '../errors.ts';
import { requireSteeringMember } from './control-access.ts';

export interface AddGoalOptions {
  actor: Actor;
  agreementId: string;
  year: number;
  goal: string;
  followUp?: string | null | undefined;
}

/** The steering group writes a qualitative goal for the year (SIP.md §5: qualitative and quantitative goals). */
export async function addGoal(ctx: Context, o: AddGoalOptions): Promise<{ id: string; version: number }> {
  const goal = o.goal.trim();
  if (!goal) throw invalid([{ field: '/goal', code: 'required', message: 'Skriv målet.' }]);
  const followUp = o.followUp?.trim() ? o.followUp.trim() : null;
  return ctx.db.transaction(async (tx) => {
    await requireSteeringMember(tx, o.actor, o.agreementId);
    const id = newId();
    const now = ctx.clock.now();
    await tx.query(
      `INSERT INTO key_figure_goals (county, id, agreement_id, year, goal, follow_up, created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8)`,
      [o.actor.county, id, o.agreementId, o.year, goal, followUp, o.actor.staffId, now]);
    await appendAudit(tx, [actorEvent(o.actor, 'C', 'key_figures.goal_add', { detail: { agreementId: o.agreementId, year: o.year, goalId: id } })]);
    return { id, version: 1 };
  });
}
