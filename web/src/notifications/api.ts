/**
 * The inbox and the email choices as the server gives them (src/services/notifications/
 * list-notifications.ts and notification-preferences.ts), and the queries the pages share.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export type NotificationStage = 'reminder' | 'overdue' | 'info';

export interface NotificationItem {
  id: string;
  /** One of NOTIFICATION_KINDS in src/domain/notifications.ts. */
  kind: string;
  stage: NotificationStage;
  /** Null for a notice about a deviation (avvikelse), which names no plan. */
  planId: string | null;
  planNumber: string | null;
  title: string;
  body: string;
  link: string;
  dueOn: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox { items: NotificationItem[]; unread: number; nextBefore: string | null }

export interface NotificationPreferences { version: number; email: Record<string, boolean> }

/**
 * The kinds in the order and the groups a person thinks of them: deadlines, kallelser, and who
 * takes over when someone leaves. A kind the server knows but this list does not still shows
 * (last), so a new kind can never be switched off by accident of the web app lagging behind.
 */
export const KIND_GROUPS: ReadonlyArray<{ key: 'deadlines' | 'invitations' | 'continuity' | 'deviations'; kinds: readonly string[] }> = [
  { key: 'deadlines', kinds: ['follow_up', 'intervention_due', 'invitation_unanswered', 'consent_expiring', 'lotsmodellen_meeting', 'first_meeting_delayed'] },
  { key: 'invitations', kinds: ['invitation_received', 'invitation_changed', 'invitation_cancelled'] },
  { key: 'continuity', kinds: ['handover_pending', 'handover_assigned', 'coordinator_changed', 'family_consent_changed'] },
  { key: 'deviations', kinds: ['deviation_reported', 'deviation_escalated', 'deviation_measure_assigned'] },
];

/** Everything under this key is about the signed-in person's notices: invalidated together. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const UNREAD_KEY = ['notifications', 'unread'] as const;

/** The unread count for the header (a bare count: no plan is read, nothing is audited). */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => api.get<{ unread: number }>('/notifications/unread-count').then((r) => r.unread),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** Marks one notice read; the badge and the inbox are read again once the server has it. */
export async function markRead(queryClient: QueryClient, id: string): Promise<void> {
  await api.post(`/notifications/${id}/read`);
  await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
}

/** Only a path into a plan or a deviation is followed: the link is shown as the place to act, never anywhere else. */
export function safeLink(n: Pick<NotificationItem, 'link' | 'planId'>): string {
  if (/^\/avvikelser\/[0-9a-f-]{36}$/.test(n.link)) return n.link;
  return /^\/planer\/[0-9a-f-]{36}(\/[a-z]+)?$/.test(n.link) ? n.link : n.planId ? `/planer/${n.planId}` : '/';
}
