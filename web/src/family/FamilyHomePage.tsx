/** The family's start page: the plans they may see, each with what happens next. */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format.ts';
import { useFamilyPlans } from './api.ts';

export function FamilyHomePage({ name }: { name: string }) {
  const { t } = useTranslation();
  const plans = useFamilyPlans();
  return (
    <section aria-labelledby="family-title">
      <h1 id="family-title">{t('family.home.title', { name })}</h1>
      <p>{t('citizen.signedIn')}</p>
      <p className="lead">{t('family.home.lead')}</p>
      {plans.isPending && <p role="status">{t('common.loading')}</p>}
      {plans.error && <p role="alert">{t('errors.network')}</p>}
      {plans.data && plans.data.plans.length === 0 && <p className="empty">{t('family.home.none')}</p>}
      {plans.data && plans.data.plans.length > 0 && (
        <ul className="cards family-plans">
          {plans.data.plans.map((p) => (
            <li key={p.id}>
              <Link className="family-plan-link" to={`/familj/planer/${p.id}`}>
                <span className="item-title">{p.as === 'child' ? t('family.home.yourPlan') : t('family.home.childPlan', { name: p.childGivenName })}</span>
                <span>{t(`family.state.${p.state}`)}</span>
                {p.nextMeetingAt && <span>{t('family.home.nextMeeting', { when: formatDateTime(p.nextMeetingAt) })}</span>}
                {p.coordinatorName && <span>{t('family.home.contact', { name: p.coordinatorName })}</span>}
                {p.approvalPending && <span className="family-todo">{t('family.home.approvalPending')}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('family.home.rightsTitle')}</h2>
      <ul className="family-rights">
        <li>{t('family.home.right1')}</li>
        <li>{t('family.home.right2')}</li>
        <li>{t('family.home.right3')}</li>
      </ul>
    </section>
  );
}
