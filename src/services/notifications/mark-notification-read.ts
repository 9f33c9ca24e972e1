import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { ServiceError } from '../errors.ts';

export interface MarkNotificationReadOptions {
  actor: Actor;
  notificationId: string;
}

/**
 * Marks one of the actor's own notices read (again: the first time counts). Someone else's
 * notice is 404, like one that does not exist.
 */
export async function markNotificationRead(ctx: Context, { actor, notificationId }: MarkNotificationReadOptions): Promise<{ id: string; readAt: Date }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = (await tx.query<{ id: string; readAt: Date }>(
      `UPDATE notifications SET read_at = coalesce(read_at, $4)
       WHERE county = $1 AND id = $2::uuid AND recipient_id = $3
       RETURNING id, read_at AS "readAt"`,
      [actor.county, notificationId, actor.staffId, now]))[0];
    if (!row) throw new ServiceError(404, 'not_found', 'Det finns ingen sådan avisering till dig.');
    // The reader's own inbox changed, not the plan: the row names the notice, not the plan, so that
    // it stays out of the plan's chronology (the listing that showed the notice is the plan access).
    await appendAudit(tx, [actorEvent(actor, 'U', 'notification.read', { detail: { notificationId: row.id } })]);
    return { id: row.id, readAt: row.readAt };
  });
}

/** Marks every unread notice of the actor read; returns how many changed. */
export async function markAllNotificationsRead(ctx: Context, { actor }: { actor: Actor }): Promise<{ updated: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      'UPDATE notifications SET read_at = $3 WHERE county = $1 AND recipient_id = $2 AND read_at IS NULL RETURNING id',
      [actor.county, actor.staffId, now]);
    if (rows.length) await appendAudit(tx, [actorEvent(actor, 'U', 'notification.read_all', { detail: { count: rows.length } })]);
    return { updated: rows.length };
  });
}
