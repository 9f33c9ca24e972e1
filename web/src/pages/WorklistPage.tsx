/**
 * Att göra: what is due, late or waiting for me, and nothing else (UI.md). A social worker with
 * 60 plans opens it every morning; a teacher who has never called a SIP learns here that they may.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { FoundPerson, Me, PlanSummary, WorkItem, Worklist } from '../api/types.ts';
import { formatDateTime, formatDay, relativeDay } from '../format.ts';
import { StateBadge } from '../components/StateBadge.tsx';

const LISTS: Array<{ key: keyof Worklist; section: string }> = [
  { key: 'invitations', section: 'moten' },
  { key: 'followUps', section: 'uppfoljning' },
  { key: 'overdueInterventions', section: 'plan' },
  { key: 'drafts', section: '' },
];

export function WorklistPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const worklist = useQuery({ queryKey: ['worklist', me.unitId, me.role], queryFn: () => api.get<Worklist>('/worklist') });
  const unitName = me.assignments.find((a) => a.unitId === me.unitId)?.unitName ?? '';
  useEffect(() => { document.title = `${t('worklist.title')} – Samplan`; }, [t]);

  return (
    <div className="worklist">
      <div className="page-head">
        <h1>{t('worklist.title')}</h1>
        <Link to="/starta" className="button primary">{t('worklist.start')}</Link>
      </div>
      <p className="lead">{t('worklist.lead', { unit: unitName })}</p>
      <aside className="notice" aria-labelledby="who-may-call">
        <h2 id="who-may-call">{t('worklist.whoMayCallTitle')}</h2>
        <p>{t('worklist.whoMayCall')}</p>
      </aside>
      {worklist.isPending && <p role="status">{t('common.loading')}</p>}
      {worklist.error && <p role="alert">{t('errors.network')}</p>}
      {worklist.data && (
        <div className="lists">
          {LISTS.map(({ key, section }) => (
            <WorkList key={key} title={t(`worklist.${key}`)} items={worklist.data[key]} section={section} kind={key} />
          ))}
        </div>
      )}
      <Search />
      {worklist.data && <WorkList title={t('worklist.myPlans')} items={worklist.data.myPlans} section="" kind="myPlans" />}
    </div>
  );
}

function WorkList({ title, items, section, kind }: { title: string; items: WorkItem[]; section: string; kind: keyof Worklist }) {
  const { t } = useTranslation();
  const headingId = `list-${kind}`;
  return (
    <section className="work-list" aria-labelledby={headingId}>
      <h2 id={headingId}>{title} <span className="count">{items.length}</span></h2>
      {items.length === 0 ? <p className="empty">{t(`worklist.empty.${kind}`)}</p> : (
        <ul>
          {items.map((item, i) => (
            <li key={`${item.planId}-${item.invitationId ?? item.interventionId ?? i}`} className={item.overdue ? 'late' : ''}>
              <Link to={`/planer/${item.planId}${section ? `/${section}` : ''}`}>
                <span className="item-title">{item.childName}</span>
                <span className="item-meta">{item.planNumber} · <StateBadge state={item.state} /></span>
                {item.description && <span className="item-desc">{item.description}</span>}
                {item.date && <span className="item-date">{describeDate(kind, item, t)}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function describeDate(kind: keyof Worklist, item: WorkItem, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!item.date) return '';
  if (kind === 'invitations') return t('worklist.meetingAt', { when: formatDateTime(item.date) });
  if (kind === 'drafts') return t('worklist.initiatedOn', { when: formatDay(item.date) });
  const when = `${formatDay(item.date)} (${relativeDay(item.date)})`;
  if (kind === 'overdueInterventions') return t('worklist.dueOn', { when });
  return t('worklist.followUpOn', { when });
}

function Search() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const result = useQuery({
    queryKey: ['plans', query], enabled: query !== null,
    queryFn: () => api.get<{ items: PlanSummary[]; total: number }>(`/plans?${new URLSearchParams(query ? { q: query } : {})}`),
  });
  const [notice, setNotice] = useState('');
  // A personal identity number never travels in a URL (it would end up in logs and history):
  // it is looked up in a request body, and the plans are then searched by the child's name.
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    const text = q.trim();
    if (/^[\d\s+-]{10,13}$/.test(text)) {
      try {
        const child = await api.post<FoundPerson>('/persons/lookup', { identityNumber: text });
        setQuery(`${child.givenName} ${child.familyName}`);
      } catch {
        setQuery(null);
        setNotice(t('worklist.noChild'));
      }
      return;
    }
    setQuery(text);
  };
  return (
    <section className="search" aria-labelledby="search-title">
      <h2 id="search-title">{t('worklist.searchTitle')}</h2>
      <form role="search" onSubmit={(e) => void submit(e)}>
        <label htmlFor="plan-search">{t('worklist.searchLabel')}</label>
        <p className="hint" id="plan-search-hint">{t('worklist.searchHint')}</p>
        <div className="inline">
          <input id="plan-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} aria-describedby="plan-search-hint" />
          <button type="submit" className="button">{t('worklist.search')}</button>
        </div>
      </form>
      {notice && <p role="status">{notice}</p>}
      {query !== null && result.data && (
        <div aria-live="polite">
          <p>{t('worklist.found', { count: result.data.total })}</p>
          <ul className="plain">
            {result.data.items.map((p) => (
              <li key={p.id}><Link to={`/planer/${p.id}`}>{p.childName}</Link> · {p.planNumber} · <StateBadge state={p.state} /></li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
