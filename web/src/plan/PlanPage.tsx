/**
 * The plan page: who the plan is for, its state, who coordinates, the next date, which units the
 * consent covers (a lock marks those that cannot see it), the next step as the primary action,
 * and the sections of the routine.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Me, Plan, Principal, Unit } from '../api/types.ts';
import { formatDay, relativeDay } from '../format.ts';
import { StateBadge } from '../components/StateBadge.tsx';
import { PlanContext, type PlanView } from './PlanContext.ts';
import { coveredUnitIds, nextStep } from './next-step.ts';
import { ContentSection } from './ContentSection.tsx';
import { ConsentSection } from './ConsentSection.tsx';
import { MeetingsSection } from './MeetingsSection.tsx';
import { MappingSection } from './MappingSection.tsx';
import { EstablishSection } from './EstablishSection.tsx';
import { FollowUpSection } from './FollowUpSection.tsx';
import { TimelineSection } from './TimelineSection.tsx';
import { VersionsSection } from './VersionsSection.tsx';

/** A padlock drawn in SVG: the emoji depends on fonts a work computer may not have. */
function LockIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="14" height="16" viewBox="0 0 14 16" className="lock">
      <rect x="1" y="7" width="12" height="8.5" rx="1.5" fill="currentColor" />
      <path d="M3.5 7V4.8a3.5 3.5 0 0 1 7 0V7" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

export const SECTIONS = ['plan', 'samtycke', 'moten', 'kartlaggning', 'upprattande', 'uppfoljning', 'tidslinje', 'versioner'] as const;

export function usePlanQuery(planId: string) {
  return useQuery({ queryKey: ['plan', planId], queryFn: () => api.getVersioned<Plan>(`/plans/${planId}`), retry: false });
}

export function PlanPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { planId = '', section = 'plan' } = useParams();
  const queryClient = useQueryClient();
  const plan = usePlanQuery(planId);
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<Unit[]>('/units'), staleTime: 300_000 });
  const principals = useQuery({ queryKey: ['principals'], queryFn: () => api.get<Principal[]>('/principals'), staleTime: 300_000 });
  const heading = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const loaded = !!plan.data;
  // A new page: focus its heading once the plan is there, so that a screen reader starts at the top (WCAG 2.4.3).
  useEffect(() => { if (loaded) heading.current?.focus(); }, [planId, loaded]);
  useEffect(() => {
    if (plan.data) document.title = `${plan.data.data.child.givenName} ${plan.data.data.child.familyName} – ${t(`section.${section}`, { defaultValue: '' })} – Samplan`;
  }, [plan.data, section, t]);

  const view = useMemo<PlanView | null>(() => {
    if (!plan.data) return null;
    return {
      plan: plan.data.data, version: plan.data.version ?? plan.data.data.version, me,
      units: new Map((units.data ?? []).map((u) => [u.id, u])),
      principals: new Map((principals.data ?? []).map((p) => [p.id, p])),
      refresh: async () => {
        // What was done may change the worklist and the search as well as this plan.
        await Promise.all(['timeline', 'worklist', 'plans', 'diff'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
        const r = await plan.refetch();
        setAnnouncement(t('common.saved', { at: new Date().toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' }) }));
        return r.data?.data;
      },
    };
  }, [plan.data, units.data, principals.data, me, planId]);

  if (plan.isPending) return <p role="status">{t('common.loading')}</p>;
  if (plan.error) {
    // 404 for "no such plan" and "not yours" alike: nobody can probe which children have plans.
    const status = plan.error instanceof ApiError ? plan.error.status : 0;
    return (
      <section>
        <h1>{t(status === 403 ? 'plan.noAccessTitle' : 'errors.notFoundTitle')}</h1>
        <p>{status === 403 ? t('plan.noAccess') : t('errors.notFound')}</p>
        <Link to="/">{t('layout.worklist')}</Link>
      </section>
    );
  }
  if (!view) return null;
  const p = view.plan;
  const step = nextStep(p, me.unitId);
  const covered = coveredUnitIds(p);
  const units_ = p.participants.filter((x) => x.kind === 'unit');
  const current = (SECTIONS as readonly string[]).includes(section) ? section : 'plan';

  return (
    <PlanContext.Provider value={view}>
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      <article className="plan">
        <header className="plan-head">
          <div>
            <h1 ref={heading} tabIndex={-1}>{p.child.givenName} {p.child.familyName}</h1>
            <p className="plan-meta">
              {p.planNumber} · <StateBadge state={p.state} /> · {p.planVersion > 0 ? t('plan.version', { n: p.planVersion }) : t('plan.draft')}
              {p.child.protectedIdentity && <> · <strong className="protected">{t('plan.protected')}</strong></>}
            </p>
            <p className="plan-meta">{t('plan.identity')}: {p.child.identityNumberMasked}</p>
          </div>
          <div className="actions">
            <a className="button" href={`/api/plans/${p.id}/pdf`} download>{t('plan.pdf')}</a>
            <Link className="button" to={`/avvikelser/ny?plan=${p.id}`}>{t('deviations.reportOnPlan')}</Link>
          </div>
        </header>
        <dl className="facts">
          <div><dt>{t('fields.coordinator')}</dt><dd>{p.coordinator ? `${p.coordinator.name} (${view.units.get(p.coordinator.unitId)?.name ?? ''})` : t('plan.noCoordinator')}</dd></div>
          <div><dt>{t('fields.nextFollowUpOn')}</dt><dd>{p.nextFollowUpOn ? `${formatDay(p.nextFollowUpOn)} (${relativeDay(p.nextFollowUpOn)})` : '–'}</dd></div>
          <div><dt>{t('fields.overallPrincipalId')}</dt><dd>{p.overallPrincipalId ? view.principals.get(p.overallPrincipalId)?.name ?? '–' : '–'}</dd></div>
        </dl>
        <section className="coverage" aria-labelledby="coverage-title">
          <h2 id="coverage-title">{t('plan.coverageTitle')}</h2>
          <ul>
            {units_.map((u) => (
              <li key={u.id} className={covered.has(u.unitId!) ? 'covered' : 'locked'}>
                {covered.has(u.unitId!) ? <span aria-hidden="true">✓</span> : <LockIcon />} {u.unitName}
                <span className="coverage-word"> – {covered.has(u.unitId!) ? t('plan.covered') : t('plan.locked')}</span>
              </li>
            ))}
          </ul>
        </section>
        {step.key !== 'none' && (
          <div className="next-step" role="region" aria-label={t('plan.nextStepLabel')}>
            <p><strong>{t('plan.nextStep')}:</strong> {t(`nextStep.${step.key}`)}{step.by ? ` ${t('plan.by', { when: formatDay(step.by) })}` : ''}</p>
            <Link className="button primary" to={`/planer/${p.id}/${step.section}`}>{t(`nextStep.${step.key}Action`)}</Link>
          </div>
        )}
        <nav className="tabs" aria-label={t('plan.sectionsLabel')}>
          {SECTIONS.map((s) => (
            <NavLink key={s} to={`/planer/${p.id}/${s}`} className={({ isActive }) => (isActive || (s === 'plan' && section === 'plan') ? 'active' : '')}
              aria-current={current === s ? 'page' : undefined}>{t(`section.${s}`)}</NavLink>
          ))}
        </nav>
        <div className="section-body">
          {current === 'plan' && <ContentSection />}
          {current === 'samtycke' && <ConsentSection />}
          {current === 'moten' && <MeetingsSection />}
          {current === 'kartlaggning' && <MappingSection />}
          {current === 'upprattande' && <EstablishSection />}
          {current === 'uppfoljning' && <FollowUpSection />}
          {current === 'tidslinje' && <TimelineSection />}
          {current === 'versioner' && <VersionsSection />}
        </div>
      </article>
    </PlanContext.Provider>
  );
}
