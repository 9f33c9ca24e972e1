/**
 * Kartläggning by the eight wellbeing areas (SIP.md §3: trygg, frisk, utvecklas, omvårdad, aktiv,
 * respekterad, ansvarstagande, delaktig), the family's and the child's own view beside the
 * professionals' description.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { LIFE_AREAS, type LifeArea } from '../api/types.ts';
import { TextArea } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { focusFirstField } from '../components/focus.ts';
import { usePlanView } from './PlanContext.ts';
import { HelpLink } from '../help/HelpLink.tsx';

export function MappingSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const errors = useServerErrors();
  const open = !['closed', 'cancelled'].includes(plan.state);
  const complete = () => errors.run(async () => { await api.post(`/plans/${plan.id}/mapping/complete`, undefined, view.version); await view.refresh(); });
  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">{t('mapping.title')}</h2>
      <HelpLink step="mapping" />
      <p className="hint">{t('mapping.lead')}</p>
      <div className="areas">
        {LIFE_AREAS.map((area) => <Area key={area} area={area} editable={open} />)}
      </div>
      {plan.state === 'invited' && (
        <div className="card">
          <ErrorSummary error={errors.error} />
          <p>{t('mapping.completeHint')}</p>
          <button type="button" className="button primary" onClick={() => void complete()}>{t('mapping.complete')}</button>
        </div>
      )}
    </section>
  );
}

function Area({ area, editable }: { area: LifeArea; editable: boolean }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const needs = view.plan.needs.filter((n) => n.lifeArea === area);
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ description: '', familyView: '', childView: '' });
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/needs`, { lifeArea: area, description: f.description, familyView: f.familyView || null, childView: f.childView || null });
    setF({ description: '', familyView: '', childView: '' });
    setOpen(false);
    await view.refresh();
  });
  const headingId = `area-${area}`;
  return (
    <section className="card area" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`lifeArea.${area}`)} <span className="count">{needs.length}</span></h3>
      <p className="hint">{t(`lifeAreaHint.${area}`)}</p>
      {needs.map((n) => (
        <div key={n.id} className="need">
          <div className="views">
            <div><p className="label">{t('mapping.professionals')}</p><p>{n.description}</p></div>
            <div><p className="label">{t('mapping.family')}</p><p>{n.familyView || '–'}</p></div>
            <div><p className="label">{t('mapping.child')}</p><p>{n.childView ? `”${n.childView}”` : '–'}</p></div>
          </div>
        </div>
      ))}
      {editable && !open && <button type="button" className="button small" onClick={() => setOpen(true)}>{t('mapping.addNeed')}<span className="visually-hidden"> – {t(`lifeArea.${area}`)}</span></button>}
      {open && (
        <form ref={focusFirstField} onSubmit={submit} className="inline-form" aria-label={`${t('mapping.addNeed')} – ${t(`lifeArea.${area}`)}`}>
          <ErrorSummary error={errors.error} />
          <TextArea name="description" label={t('fields.needDescription')} value={f.description} onChange={(v) => setF({ ...f, description: v })} error={errors.of('description')} required />
          <TextArea name="familyView" label={t('fields.familyView')} value={f.familyView} onChange={(v) => setF({ ...f, familyView: v })} error={errors.of('familyView')} />
          <TextArea name="childView" label={t('fields.childView')} hint={t('content.childWordsHint')} value={f.childView} onChange={(v) => setF({ ...f, childView: v })} error={errors.of('childView')} />
          <FormActions save={t('mapping.saveNeed')} onCancel={() => setOpen(false)} />
        </form>
      )}
    </section>
  );
}
