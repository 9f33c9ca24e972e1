/**
 * Each staff member chooses which kinds of notice also come by email; the inbox always has all of
 * them (issue 6 item 5). Without a choice every kind comes by email, so that nothing is missed by
 * someone who never opened the settings.
 */
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/notifications.ts';
import { appendAudit } from '../../store/audit.ts';
import type { Queryable } from '../../store/database.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { requireVersion } from '../plan-command.ts';

export interface NotificationPreferences {
  /** 0 until the first choice is saved; the ETag of the resource. */
  version: number;
  /** Per kind, whether it comes by email. */
  email: Record<NotificationKind, boolean>;
}

async function read(tx: Queryable, actor: Actor, lock: boolean): Promise<NotificationPreferences> {
  const [settings] = await tx.query<{ version: number }>(
    `SELECT version FROM notification_settings WHERE county = $1 AND staff_id = $2${lock ? ' FOR UPDATE' : ''}`, [actor.county, actor.staffId]);
  const off = new Set((await tx.query<{ kind: string }>(
    'SELECT kind FROM notification_email_off WHERE county = $1 AND staff_id = $2', [actor.county, actor.staffId])).map((r) => r.kind));
  return {
    version: settings?.version ?? 0,
    email: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, !off.has(k)])) as Record<NotificationKind, boolean>,
  };
}

export async function getNotificationPreferences(ctx: Context, { actor }: { actor: Actor }): Promise<NotificationPreferences> {
  return ctx.db.transaction((tx) => read(tx, actor, false));
}

export interface SetNotificationPreferencesOptions {
  actor: Actor;
  /** The version the user saw (If-Match); 0 for the defaults. */
  version: number | undefined;
  /** Every kind, true when it should come by email. */
  email: Record<NotificationKind, boolean>;
}

/** Replaces the actor's email choices; a stale version changes nothing (412). */
export async function setNotificationPreferences(ctx: Context, o: SetNotificationPreferencesOptions): Promise<NotificationPreferences> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await read(tx, o.actor, true);
    requireVersion(current.version, o.version);
    const off = NOTIFICATION_KINDS.filter((k) => o.email[k] === false);
    await tx.query(
      `INSERT INTO notification_settings (county, staff_id, version, updated_at) VALUES ($1, $2, 1, $3)
       ON CONFLICT (county, staff_id) DO UPDATE SET version = notification_settings.version + 1, updated_at = $3`,
      [o.actor.county, o.actor.staffId, now]);
    await tx.query('DELETE FROM notification_email_off WHERE county = $1 AND staff_id = $2', [o.actor.county, o.actor.staffId]);
    await tx.query(
      'INSERT INTO notification_email_off (county, staff_id, kind) SELECT $1, $2, k FROM unnest($3::text[]) AS k',
      [o.actor.county, o.actor.staffId, off]);
    await appendAudit(tx, [actorEvent(o.actor, 'U', 'notification.preferences', { detail: { emailOff: off } })]);
    return read(tx, o.actor, false);
  });
}
