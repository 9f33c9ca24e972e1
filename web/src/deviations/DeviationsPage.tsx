/**
 * Avvikelser: what reached me as the nearest manager of a unit involved, what was escalated to a
 * steering group I sit in, the measures I own, and what I reported myself (SIP.md §5).
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { formatDay } from '../format.ts';
import { DEVIATIONS_KEY, type DeviationSummary } from './api.ts';
import { StatusTag } from './StatusTag.tsx';
import '../notifications/notifications.css';
import './deviations.css';

type Scope = 'managed' | 'steering' | 'measures' | 'reported';

export function DeviationsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { document.title = `${t('deviations.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);
  const scopes: Scope[] = [...(me.role === 'manager' ? ['managed' as const] : []), 'steering', 'measures', 'reported'];
  return (
    <div className="deviations">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{t('deviations.title')}</h1>
        <Link to="/avvikelser/ny" className="button primary">{t('deviations.report')}</Link>
      </div>
      <p className="lead">{t('deviations.lead')}</p>
      {scopes.map((s) => <DeviationList key={s} scope={s} me={me} />)}
    </div>
  );
}

function DeviationList({ scope, me }: { scope: Scope; me: Me }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: [...DEVIATIONS_KEY, scope, me.unitId], queryFn: () => api.get<{ items: DeviationSummary[] }>(`/deviations?scope=${scope}`) });
  const items = list.data?.items ?? [];
  // The steering group's and the measures' lists matter only to those who have something in them.
  if ((scope === 'steering' || scope === 'measures') && items.length === 0) return null;
  const id = `deviations-${scope}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(`deviations.scope.${scope}`)} <span className="count">{items.length}</span></h2>
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.error && <p role="alert">{t('errors.network')}</p>}
      {list.data && items.length === 0 && <p className="empty">{t(`deviations.empty.${scope}`)}</p>}
      {items.length > 0 && (
        <ul className="cards">
          {items.map((d) => (
            <li key={d.id} className="card deviation-item">
              <h3><Link to={`/avvikelser/${d.id}`}>{d.title}</Link></h3>
              <p className="notice-tags"><StatusTag status={d.status} />{d.planNumber && <span className="tag">{t('deviations.onPlan', { plan: d.planNumber })}</span>}</p>
              <dl className="mini">
                <div><dt>{t('deviations.units')}</dt><dd>{d.units.join(', ')}</dd></div>
                <div><dt>{t('deviations.reported')}</dt><dd>{formatDay(d.reportedAt)}, {d.reporterName}</dd></div>
                {d.agreementName && <div><dt>{t('deviations.steeringGroup')}</dt><dd>{d.agreementName}</dd></div>}
                {d.openMeasures > 0 && <div><dt>{t('deviations.openMeasures')}</dt><dd>{d.openMeasures}</dd></div>}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
