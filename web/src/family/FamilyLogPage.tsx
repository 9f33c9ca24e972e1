/**
 * Vem har läst? The log extract (loggutdrag) of the plan in plain words: who read or changed it,
 * when, for which unit and principal (patientdatalagen 4 kap 3 §, 8 kap 6 §).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format.ts';
import { useFamilyLog, type FamilyLogEntry } from './api.ts';

export function FamilyLogPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const log = useFamilyLog(planId);
  // The family's own reads would drown the staff's: shown only on request.
  const [showOwn, setShowOwn] = useState(false);
  const who = (e: FamilyLogEntry) => e.actorKind === 'staff'
    ? [e.staffName, e.unitName, e.principalName].filter(Boolean).join(', ')
    : e.actorKind === 'citizen' ? (e.byMe ? t('family.log.you') : t('family.log.family')) : t('family.log.system');
  const what = (e: FamilyLogEntry) => e.outcome !== 'success' ? t('family.log.refused') : e.kind === 'read' ? t('family.log.read')
    : `${t('family.log.changed')}: ${t(`event.${e.event}`, { defaultValue: e.event })}`;
  const entries = (log.data?.entries ?? []).filter((e) => showOwn || e.actorKind !== 'citizen');
  return (
    <section aria-labelledby="log-title">
      <p><Link to={`/familj/planer/${planId}`}>{t('family.backToPlan')}</Link></p>
      <h1 id="log-title">{t('family.log.title')}</h1>
      <p className="lead">{t('family.log.lead')}</p>
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {log.error && <p role="alert">{t('family.notFound')}</p>}
      <p className="checkbox">
        <input id="show-own" type="checkbox" checked={showOwn} onChange={(e) => setShowOwn(e.target.checked)} />
        <label htmlFor="show-own">{t('family.log.showOwn')}</label>
      </p>
      {log.data && (entries.length === 0 ? <p className="empty">{t('family.log.none')}</p> : (
        <ol className="family-log">
          {entries.map((e, i) => (
            <li key={i} className={e.outcome !== 'success' ? 'refused' : undefined}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <p><strong>{who(e)}</strong></p>
              <p>{what(e)}</p>
            </li>
          ))}
        </ol>
      ))}
    </section>
  );
}
