/**
 * How many of the staff member's notices are unread: the number in the header. A count says
 * nothing about any plan or child, so unlike the inbox listing it is not an audited read.
 */
import type { Actor, Context } from '../context.ts';

export async function countUnread(ctx: Context, { actor }: { actor: Actor }): Promise<{ unread: number }> {
  const [row] = await ctx.db.query<{ unread: number }>(
    'SELECT count(*)::int AS unread FROM notifications WHERE county = $1 AND recipient_id = $2 AND read_at IS NULL',
    [actor.county, actor.staffId]);
  return { unread: row?.unread ?? 0 };
}
