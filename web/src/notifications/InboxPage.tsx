/**
 * Inkorg: every notice the person got, newest first, whatever they chose for email. Users of
 * comparable systems complain most about vague notices, so each one shows what it is about, the
 * plan number, the day it is due, what to do, and a link to the place in the plan where it is done.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { formatDateTime, formatDay, relativeDay } from '../format.ts';
import { Group, Radio } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { markRead, NOTIFICATIONS_KEY, safeLink, UNREAD_KEY, type Inbox, type NotificationItem } from './api.ts';
import './notifications.css';

const PAGE = 20;

export function InboxPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const errors = useServerErrors();
  const inbox = useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', show],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Inbox>(`/notifications?${new URLSearchParams({
      limit: String(PAGE), ...(show === 'unread' ? { unread: 'true' } : {}), ...(pageParam ? { before: pageParam } : {}),
    })}`),
    getNextPageParam: (last) => last.nextBefore,
  });
  const unread = inbox.data?.pages[0]?.unread;

  useEffect(() => { document.title = `${t('inbox.title')} – Samplan`; }, [t]);
  // A new page: its heading takes the focus, so that a screen reader starts at the top (WCAG 2.4.3).
  useEffect(() => { heading.current?.focus(); }, []);
  // The listing counts the whole inbox: the header's badge need not ask again.
  useEffect(() => { if (unread !== undefined) queryClient.setQueryData(UNREAD_KEY, unread); }, [unread, queryClient]);

  const readAll = () => errors.run(async () => {
    const { updated } = await api.post<{ updated: number }>('/notifications/read-all');
    await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    setAnnouncement(t('inbox.allRead', { count: updated }));
    // The button goes away with the last unread notice; the focus must not go with it.
    heading.current?.focus();
  });

  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="inbox">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{t('inbox.title')}</h1>
        <Link to="/installningar/e-post">{t('inbox.emailSettings')}</Link>
      </div>
      <p className="lead">{t('inbox.lead')}</p>
      <p className="visually-hidden" role="status">{announcement}</p>
      <ErrorSummary error={errors.error} />
      {inbox.isPending && <p role="status">{t('common.loading')}</p>}
      {inbox.error && <p role="alert">{t('errors.network')}</p>}
      {inbox.data && (
        <>
          <div className="inbox-tools">
            <p className="unread-summary">
              {unread ? t('inbox.unreadSummary', { count: unread }) : t('inbox.noUnread')}
            </p>
            {!!unread && <button type="button" className="button" onClick={() => void readAll()}>{t('inbox.markAllRead')}</button>}
          </div>
          <Group legend={t('inbox.show')}>
            <div className="inline-choices">
              <Radio name="show" value="all" checked={show === 'all'} onChange={() => setShow('all')} label={t('inbox.showAll')} />
              <Radio name="show" value="unread" checked={show === 'unread'} onChange={() => setShow('unread')} label={t('inbox.showUnread')} />
            </div>
          </Group>
          {items.length === 0 ? <p className="empty">{t(show === 'unread' ? 'inbox.emptyUnread' : 'inbox.empty')}</p> : (
            <ul className="notice-list" aria-label={t('inbox.listLabel')}>
              {items.map((n) => <Notice key={n.id} n={n} me={me} />)}
            </ul>
          )}
          {inbox.hasNextPage && (
            <button type="button" className="button" disabled={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>{t('inbox.older')}</button>
          )}
        </>
      )}
    </div>
  );
}

function Notice({ n, me }: { n: NotificationItem; me: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const unread = n.readAt === null;
  const to = safeLink(n);
  const section = to.startsWith('/avvikelser/') ? 'deviation' : to.split('/')[3] ?? 'plan';
  // The server writes the notice in Swedish (the same words as the email): say so to a screen reader in English.
  const serverLang = i18n.language === 'sv' ? undefined : 'sv';
  const headingId = `notice-${n.id}`;
  // Opening the notice is reading it. The request runs on while the plan opens; it is not worth
  // making the person wait for, and a failure only leaves the notice unread.
  const open = () => { if (unread) markRead(queryClient, n.id).catch(() => {}); };
  const heading = useRef<HTMLHeadingElement>(null);
  // The button goes away once the notice is read: the focus moves to the notice instead of being lost.
  const markThisRead = async () => {
    await markRead(queryClient, n.id).catch(() => {});
    heading.current?.focus();
  };

  return (
    <li className={`notice-item${unread ? ' unread' : ''}`}>
      <article aria-labelledby={headingId}>
        <p className="notice-tags">
          <span className={`tag ${unread ? 'tag-unread' : 'tag-read'}`}>{unread ? t('inbox.unreadTag') : t('inbox.readTag')}</span>
          <span className="tag">{t(`inbox.kind.${n.kind}`, { defaultValue: t('inbox.kindOther') })}</span>
          <span className={`tag stage-${n.stage}`}>{t(`inbox.stage.${n.stage}`)}</span>
        </p>
        <h2 id={headingId} lang={serverLang} ref={heading} tabIndex={-1}>{n.title}</h2>
        <dl className="mini">
          {n.planNumber && <div><dt>{t('inbox.plan')}</dt><dd>{n.planNumber}</dd></div>}
          {n.dueOn && (
            <div>
              <dt>{t(n.stage === 'overdue' ? 'inbox.wasDue' : 'inbox.due')}</dt>
              <dd>{formatDay(n.dueOn)} <span className={n.stage === 'overdue' ? 'late-word' : ''}>({relativeDay(n.dueOn)})</span></dd>
            </div>
          )}
          <div><dt>{t('inbox.received')}</dt><dd>{formatDateTime(n.createdAt)}</dd></div>
        </dl>
        <p className="notice-body" lang={serverLang}>{n.body}</p>
        <div className="actions">
          <Link to={to} className="button primary small" onClick={open}>
            {t(`inbox.open.${section}`, { defaultValue: t('inbox.open.plan') })}<span className="visually-hidden"> – {n.planNumber ? `${t('inbox.plan')} ${n.planNumber}` : n.title}</span>
          </Link>
          {n.kind === 'handover_pending' && me.role === 'manager' && <Link to="/overlamning" className="button small" onClick={open}>{t('inbox.toHandover')}</Link>}
          {unread && (
            <button type="button" className="button small" onClick={() => void markThisRead()}>
              {t('inbox.markRead')}<span className="visually-hidden"> – {n.title}</span>
            </button>
          )}
        </div>
      </article>
    </li>
  );
}
