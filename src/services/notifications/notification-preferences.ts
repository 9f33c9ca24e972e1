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
import { stale, versionRequired } from '../errors.ts';

export interface NotificationPreferences {
  /** 0 until the first choice is saved; the ETag of the resource. */
  version: number;
  /** Per kind, whether it comes by email. */
  email: Record<NotificationKind, boolean>;
}

async function read(tx: Queryable, actor: Actor): Promise<NotificationPreferences> {
  const [settings] = await tx.query<{ version: number }>(
    'SELECT version FROM notification_settings WHERE county = $1 AND staff_id = $2', [actor.county, actor.staffId]);
  const off = (await tx.query<{ kind: NotificationKind }>(
    'SELECT kind FROM notification_email_off WHERE county = $1 AND staff_id = $2', [actor.county, actor.staffId])).map((r) => r.kind);
  return { version: settings?.version ?? 0, email: emailChoice(off) };
}

/** Per kind, whether it comes by email, given the kinds switched off. */
function emailChoice(off: readonly string[]): Record<NotificationKind, boolean> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, !off.includes(k)])) as Record<NotificationKind, boolean>;
}

export async function getNotificationPreferences(ctx: Context, { actor }: { actor: Actor }): Promise<NotificationPreferences> {
  return ctx.db.transaction((tx) => read(tx, actor));
}

export interface SetNotificationPreferencesOptions {
  actor: Actor;
  /** The version the user saw (If-Match); 0 for the defaults. */
  version: number | undefined;
  /** Every kind, true when it should come by email. */
  email: Record<NotificationKind, boolean>;
}

/**
 * Replaces the actor's email choices; a stale version changes nothing (412). The version check is
 * the write itself, so two saves against the same version cannot both succeed: against 0 (the
 * defaults, no settings row yet) the row is inserted only if there is none, otherwise it is
 * updated only while it still has the version named. The loser finds no row written and gets 412.
 */
export async function setNotificationPreferences(ctx: Context, o: SetNotificationPreferencesOptions): Promise<NotificationPreferences> {
  if (o.version === undefined) throw versionRequired();
  const expected = o.version;
  const now = ctx.clock.now();
  const { county, staffId } = o.actor;
  return ctx.db.transaction(async (tx) => {
    const [written] = expected === 0
      ? await tx.query<{ version: number }>(
        `INSERT INTO notification_settings (county, staff_id, version, updated_at) VALUES ($1, $2, 1, $3)
         ON CONFLICT (county, staff_id) DO NOTHING RETURNING version`, [county, staffId, now])
      : await tx.query<{ version: number }>(
        `UPDATE notification_settings SET version = version + 1, updated_at = $3
         WHERE county = $1 AND staff_id = $2 AND version = $4 RETURNING version`, [county, staffId, now, expected]);
    if (!written) {
      const [current] = await tx.query<{ version: number }>(
        'SELECT version FROM notification_settings WHERE county = $1 AND staff_id = $2', [county, staffId]);
      throw stale(current?.version ?? 0);
    }
    const off = NOTIFICATION_KINDS.filter((k) => o.email[k] === false);
    await tx.query('DELETE FROM notification_email_off WHERE county = $1 AND staff_id = $2', [county, staffId]);
    await tx.query(
      'INSERT INTO notification_email_off (county, staff_id, kind) SELECT $1, $2, k FROM unnest($3::text[]) AS k',
      [county, staffId, off]);
    await appendAudit(tx, [actorEvent(o.actor, 'U', 'notification.preferences', { detail: { emailOff: off } })]);
    return { version: written.version, email: emailChoice(off) };
  });
}
