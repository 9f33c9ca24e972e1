/**
 * The plan as the family sees it, one column (UI.md "The family's view"): on top the next
 * meeting, who to contact and what is being done now; then the goals in the child's own words
 * first; then what the family can do: write, answer, approve, change consent, see who has read.
 */
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay, relativeDay } from '../format.ts';
import { useFamilyPlan, type FamilyPlan } from './api.ts';
import { ApprovalCard, ConsentCard, InvitationAnswer, SurveyForm, VoiceForm } from './FamilyActions.tsx';

export function FamilyPlanPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const plan = useFamilyPlan(planId);
  if (plan.isPending) return <p role="status">{t('common.loading')}</p>;
  if (plan.error || !plan.data) {
    return <section><h1>{t('errors.notFoundTitle')}</h1><p role="alert">{t('family.notFound')}</p><p><Link className="button" to="/">{t('family.backHome')}</Link></p></section>;
  }
  return <PlanView plan={plan.data} />;
}

function PlanView({ plan }: { plan: FamilyPlan }) {
  const { t } = useTranslation();
  const mine = plan.as === 'child';
  const next = plan.invitations.find((i) => i.upcoming) ?? null;
  const now = plan.interventions.filter((i) => i.status === 'planned' || i.status === 'ongoing');
  const unsurveyed = plan.meetings.filter((m) => !m.surveyAnswered);
  return (
    <article className="family-plan" aria-labelledby="plan-title">
      <p><Link to="/">{t('family.backHome')}</Link></p>
      <h1 id="plan-title">{mine ? t('family.plan.titleOwn') : t('family.plan.title', { name: plan.child.givenName })}</h1>
      <p className="family-state">{t(`family.state.${plan.state}`)} <span className="meta">· {t('family.plan.number', { n: plan.planNumber })}</span></p>
      {plan.child.protectedIdentity && <p className="family-protected">{t('family.plan.protected')}</p>}

      <section className="card family-card" aria-labelledby="next-title">
        <h2 id="next-title">{t('family.next.title')}</h2>
        {next ? (
          <>
            <p className="family-big">{formatDateTime(next.startsAt)} <span className="meta">({relativeDay(next.startsAt)})</span></p>
            {next.place && <p>{t('family.next.place', { place: next.place })}</p>}
            {next.videoLink && <p><a href={next.videoLink} rel="noreferrer" target="_blank">{t('family.next.video')}</a></p>}
            <p><span className="label">{t('family.next.purpose')}</span> {next.purpose}</p>
            <p><span className="label">{t('family.next.question')}</span> {next.question}</p>
            <InvitationAnswer planId={plan.id} invitation={next} />
            <p><a className="button" href={`/api/family/plans/${plan.id}/invitations/${next.id}/calendar.ics`} download>{t('family.next.calendar')}</a></p>
          </>
        ) : <p>{plan.nextFollowUpOn ? t('family.next.followUp', { when: formatDay(plan.nextFollowUpOn) }) : t('family.next.none')}</p>}
      </section>

      <section className="card family-card" aria-labelledby="contact-title">
        <h2 id="contact-title">{t('family.contact.title')}</h2>
        {plan.coordinator ? (
          <>
            {plan.coordinator.newSince && (
              <p className="notice" role="status">{t('family.contact.new', { name: plan.coordinator.name, former: plan.coordinator.newSince.formerName, since: formatDay(plan.coordinator.newSince.since) })}</p>
            )}
            <p className="family-big">{plan.coordinator.name}</p>
            <p>{t('family.contact.role', { unit: plan.coordinator.unitName ?? '', principal: plan.coordinator.principalName ?? '' })}</p>
            <p className="family-contact-links">
              {plan.coordinator.phone && <a className="button" href={`tel:${plan.coordinator.phone.replace(/[^+\d]/g, '')}`}>{t('family.contact.call', { phone: plan.coordinator.phone })}</a>}
              {plan.coordinator.email && <a className="button" href={`mailto:${plan.coordinator.email}`}>{t('family.contact.mail')}</a>}
            </p>
          </>
        ) : <p>{t('family.contact.none')}</p>}
      </section>

      <section aria-labelledby="now-title">
        <h2 id="now-title">{t('family.now.title')}</h2>
        {now.length === 0 ? <p className="empty">{t('family.now.none')}</p> : (
          <ul className="cards">
            {now.map((i) => (
              <li key={i.id} className={`card${i.overdue ? ' family-late' : ''}`}>
                <p className="title">{i.description}</p>
                <p>{t('family.now.who', { unit: i.unitName ?? '', principal: i.principalName ?? '', person: i.responsibleName ?? '' })}</p>
                <p>{t('family.now.until', { when: formatDay(i.dueOn) })}{i.overdue && <strong> · {t('family.now.late')}</strong>}</p>
              </li>
            ))}
          </ul>
        )}
        {plan.measuresByOthers.length > 0 && (
          <>
            <h3>{t('family.now.others')}</h3>
            <ul className="plain">{plan.measuresByOthers.map((m, n) => <li key={n}><strong>{m.actor}:</strong> {m.description}</li>)}</ul>
          </>
        )}
      </section>

      <section aria-labelledby="voice-title">
        <h2 id="voice-title">{mine ? t('family.voice.titleOwn') : t('family.voice.title')}</h2>
        <p>{mine ? t('family.voice.leadOwn') : t('family.voice.lead')}</p>
        <VoiceForm planId={plan.id} kind="my_goals" entry={plan.voice.my_goals} />
        <VoiceForm planId={plan.id} kind="what_matters" entry={plan.voice.what_matters} />
      </section>

      <section aria-labelledby="goals-title">
        <h2 id="goals-title">{t('family.goals.title')}</h2>
        {plan.goals.length === 0 ? <p className="empty">{t('family.goals.none')}</p> : (
          <ul className="cards">
            {plan.goals.map((g) => (
              <li key={g.id} className="card">
                {g.childWords && <p className="child-words"><span className="label">{mine ? t('family.goals.childWordsOwn') : t('family.goals.childWords')}</span>{g.childWords}</p>}
                <p><span className="label">{t('family.goals.professional')}</span> {g.professionalWording}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {plan.approval && <ApprovalCard plan={plan} />}

      <ConsentCard plan={plan} />

      {unsurveyed.length > 0 && (
        <section aria-labelledby="survey-title">
          <h2 id="survey-title">{t('family.survey.title')}</h2>
          {unsurveyed.map((m) => <SurveyForm key={m.id} planId={plan.id} meeting={m} />)}
        </section>
      )}

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('family.versions.title')}</h2>
        {plan.versions.length === 0 ? <p className="empty">{t('family.versions.none')}</p> : (
          <ul className="plain">{plan.versions.map((v) => <li key={v.versionNo}>{t('family.versions.item', { n: v.versionNo, when: formatDay(v.createdAt) })} – {v.reason}</li>)}</ul>
        )}
      </section>

      <section className="card family-card" aria-labelledby="who-title">
        <h2 id="who-title">{t('family.log.title')}</h2>
        <p>{t('family.log.teaser')}</p>
        <p><Link className="button primary" to={`/familj/planer/${plan.id}/logg`}>{t('family.log.open')}</Link></p>
      </section>
    </article>
  );
}
