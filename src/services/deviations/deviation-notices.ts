/**
 * Inbox notices about deviations. Like every notice (src/services/notifications/messages.ts) they
 * carry no free text typed by staff (a deviation's title or description may name the child) and
 * no identity number; a plan is named by its number only. They link to the deviation, where the
 * access check decides what the reader sees.
 */
import type { Queryable } from '../../store/database.ts';
import { insertNotifications, type NewNotification } from '../notifications/insert-notifications.ts';
import type { NotificationKind } from '../../domain/notifications.ts';

export const deviationLink = (id: string) => `/avvikelser/${id}`;

export async function noticeDeviation(
  tx: Queryable,
  o: { county: string; deviationId: string; kind: NotificationKind; key: string; recipients: readonly string[]; exceptStaffId: string; title: string; body: string; dueOn?: string | null },
  now: Date,
): Promise<string[]> {
  const rows: NewNotification[] = [...new Set(o.recipients)].filter((r) => r !== o.exceptStaffId).map((recipientId) => ({
    county: o.county, recipientId, planId: null, deviationId: o.deviationId, kind: o.kind, key: o.key, stage: 'info', dueOn: o.dueOn ?? null,
    title: o.title, body: o.body, link: deviationLink(o.deviationId),
  }));
  const inserted = await insertNotifications(tx, rows, now);
  return inserted.map((n) => n.recipientId).sort();
}

/** The active managers of the units, once each (unit_managers of migration 008). */
export async function managersOf(tx: Queryable, county: string, unitIds: readonly string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    'SELECT DISTINCT unnest(unit_managers($1, u)) AS id FROM unnest($2::uuid[]) AS u ORDER BY 1', [county, unitIds]);
  return rows.map((r) => r.id);
}

export const unitList = (names: readonly string[]) => names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names.at(-1)}`;
