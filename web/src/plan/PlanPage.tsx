/**
 * The plan page: who the plan is for, its state, who coordinates, the next date, which units the
 * consent covers (a lock marks those that cannot see it), the next step as the primary action,
 * and the sections of the routine.
 */
import { useEffect, useMemo, useRef } from 'react';
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
  useEffect(() => { heading.current?.focus(); }, [planId]);

  const view = useMemo<PlanView | null>(() => {
    if (!plan.data) return null;
    return {
      plan: plan.data.data, version: plan.data.version ?? plan.data.data.version, me,
      units: new Map((units.data ?? []).map((u) => [u.id, u])),
      principals: new Map((principals.data ?? []).map((p) => [p.id, p])),
      refresh: async () => {
        await queryClient.invalidateQueries({ queryKey: ['timeline', planId] });
        const r = await plan.refetch();
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
          <a className="button" href={`/api/plans/${p.id}/pdf`} download>{t('plan.pdf')}</a>
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
                <span aria-hidden="true">{covered.has(u.unitId!) ? '✓' : '🔒'}</span> {u.unitName}
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
