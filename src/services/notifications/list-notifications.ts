import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import type { NotificationKind, NotificationStage } from '../../domain/notifications.ts';

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  stage: NotificationStage;
  /** Null for a notice about a deviation (it names no plan, migration 015). */
  planId: string | null;
  planNumber: string | null;
  title: string;
  body: string;
  /** Where in the web app to act, e.g. /planer/<planId>/uppfoljning. */
  link: string;
  dueOn: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface Inbox {
  items: NotificationItem[];
  /** Unread notices in the whole inbox (not only this page). */
  unread: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export interface ListNotificationsOptions {
  actor: Actor;
  unreadOnly?: boolean;
  limit?: number;
  /** Only notices older than this one (paging). */
  before?: string | undefined;
}

/**
 * The signed-in staff member's inbox, newest first: every notice they got, whatever they chose
 * for email. A notice names a plan, so each plan shown leaves one audit row, as in the worklist.
 */
export async function listNotifications(ctx: Context, { actor, unreadOnly = false, limit = 50, before }: ListNotificationsOptions): Promise<Inbox> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<NotificationItem & { childId: string; protected: boolean }>(
      `SELECT n.id, n.kind, n.stage, n.plan_id AS "planId", p.plan_number AS "planNumber", n.title, n.body, n.link,
              n.due_on::text AS "dueOn", n.created_at AS "createdAt", n.read_at AS "readAt",
              p.child_id AS "childId", ch.protected_identity AS protected
       FROM notifications n
       LEFT JOIN plans p ON p.county = n.county AND p.id = n.plan_id
       LEFT JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
       WHERE n.county = $1 AND n.recipient_id = $2 AND (NOT $3::boolean OR n.read_at IS NULL) AND ($4::uuid IS NULL OR n.id < $4::uuid)
       ORDER BY n.id DESC
       LIMIT $5`,
      [actor.county, actor.staffId, unreadOnly, before ?? null, limit + 1]);
    const [{ unread }] = (await tx.query<{ unread: number }>(
      'SELECT count(*)::int AS unread FROM notifications WHERE county = $1 AND recipient_id = $2 AND read_at IS NULL',
      [actor.county, actor.staffId])) as [{ unread: number }];
    const page = rows.slice(0, limit);
    const plans = new Map(page.filter((r) => r.planId !== null).map((r) => [r.planId, r]));
    await appendAudit(tx, [...plans.values()].map((r) =>
      actorEvent(actor, 'R', 'notification.list', { planId: r.planId, personId: r.childId, protectedIdentity: r.protected })));
    return {
      items: page.map(({ childId: _c, protected: _p, ...item }) => item),
      unread,
      nextBefore: rows.length > limit ? page.at(-1)!.id : null,
    };
  });
}
