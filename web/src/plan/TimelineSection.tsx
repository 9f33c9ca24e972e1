/** Tidslinje: the plan's chronology, built from its events: who did what, when, for which unit. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { TimelineEntry } from '../api/types.ts';
import { formatDateTime } from '../format.ts';
import { usePlanView } from './PlanContext.ts';

export function TimelineSection() {
  const { t } = useTranslation();
  const { plan } = usePlanView();
  const timeline = useQuery({ queryKey: ['timeline', plan.id], queryFn: () => api.get<{ entries: TimelineEntry[] }>(`/plans/${plan.id}/timeline`) });
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {timeline.isPending && <p role="status">{t('common.loading')}</p>}
      {timeline.error && <p role="alert">{t('errors.network')}</p>}
      {timeline.data && (
        <ol className="timeline">
          {[...timeline.data.entries].reverse().map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <p><strong>{t(`event.${e.event}`, { defaultValue: e.event })}</strong></p>
              <p className="meta">{e.actorName ?? t('timeline.system')}{e.unitName ? `, ${e.unitName}` : ''}{e.principalName ? ` (${e.principalName})` : ''}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
