/**
 * Upprätta: the checklist of what SoL 2 kap 7 § and HSL 16 kap 4 § demand of a plan, plus what the
 * routine adds (coordinator, next follow-up, consent, a meeting). It uses the same rule as the
 * server (src/domain/plan-guards.ts), so what is ticked here is what the server accepts.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { establishMissing, type EstablishRequirement } from '../../../src/domain/plan-guards.ts';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { today } from '../format.ts';
import { unitName, usePlanView } from './PlanContext.ts';
import { coveredUnitIds } from './next-step.ts';
import { HelpLink } from '../help/HelpLink.tsx';

const ORDER: Array<{ requirement: EstablishRequirement; section: string }> = [
  { requirement: 'needed_interventions', section: 'plan' },
  { requirement: 'principal_responsibility', section: 'plan' },
  { requirement: 'measures_by_others', section: 'plan' },
  { requirement: 'overall_responsibility', section: 'plan' },
  { requirement: 'coordinator', section: 'plan' },
  { requirement: 'next_follow_up', section: 'plan' },
  { requirement: 'consent', section: 'samtycke' },
  { requirement: 'meeting', section: 'moten' },
];

export function EstablishSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const errors = useServerErrors();
  const missing = establishMissing({
    today: today(), needCount: plan.needs.length,
    interventions: plan.interventions.filter((i) => i.status !== 'cancelled').map((i) => ({ principalId: i.principalId, unitId: i.unitId, responsibleStaffId: i.responsibleStaffId })),
    measuresByOthersCount: plan.measuresByOthers.length, noMeasuresByOthers: plan.noMeasuresByOthers,
    overallPrincipalId: plan.overallPrincipalId, coordinatorStaffId: plan.coordinator?.staffId ?? null, coordinatorUnitId: plan.coordinator?.unitId ?? null,
    nextFollowUpOn: plan.nextFollowUpOn,
    participatingUnits: plan.participants.filter((p) => p.kind === 'unit' && p.unitId && p.principalId).map((p) => ({ unitId: p.unitId!, principalId: p.principalId! })),
    consentCoveredUnitIds: coveredUnitIds(plan), meetingsHeld: plan.meetings.length,
  });
  const establish = () => errors.run(async () => { await api.post(`/plans/${plan.id}/establish`, undefined, view.version); await view.refresh(); });
  const done = !!plan.establishedAt;
  return (
    <section aria-labelledby="establish-title">
      <h2 id="establish-title">{t('establish.title')}</h2>
      <HelpLink step="meeting" />
      <p className="law">{t('establish.law')}</p>
      <ul className="checklist">
        {ORDER.map(({ requirement, section }, i) => {
          const miss = missing.find((m) => m.requirement === requirement);
          return (
            <li key={requirement} className={miss ? 'missing' : 'ok'}>
              <span className="mark" aria-hidden="true">{miss ? '✗' : '✓'}</span>
              <span>
                <strong>{i < 4 ? `${i + 1}. ` : ''}{t(`establish.req.${requirement}`)}</strong> – {miss ? t('establish.missing') : t('establish.done')}
                {miss?.ids && miss.ids.length > 0 && requirement === 'consent' && <> ({miss.ids.map((u) => unitName(view, u)).join(', ')})</>}
                {miss && <> · <Link to={`/planer/${plan.id}/${section}`}>{t('establish.fix')}<span className="visually-hidden"> – {t(`establish.req.${requirement}`)}</span></Link></>}
              </span>
            </li>
          );
        })}
      </ul>
      <ErrorSummary error={errors.error} />
      {done ? <p className="ok-note">{t('establish.alreadyEstablished')}</p> : plan.state === 'mapped' ? (
        <button type="button" className="button primary" onClick={() => void establish()}>{t('establish.action')}</button>
      ) : <p className="hint">{t('establish.notYet', { state: t(`state.${plan.state}`) })}</p>}
    </section>
  );
}
