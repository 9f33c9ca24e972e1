/**
 * Rapportera avvikelse: anyone who works with children reports a deviation in cooperation, on
 * the plan they came from or in general, and names the units involved; their nearest managers
 * receive it (SIP.md §5).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me, Plan, Unit } from '../api/types.ts';
import { Checkbox, Group, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { today } from '../format.ts';
import { DEVIATIONS_KEY } from './api.ts';
import '../notifications/notifications.css';
import './deviations.css';

export function ReportDeviationPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const planId = params.get('plan');
  const heading = useRef<HTMLHeadingElement>(null);
  // Another page may fill in what the deviation is about (the responsibility guide: a disagreement about who is responsible).
  const [title, setTitle] = useState(() => params.get('title') ?? '');
  const [description, setDescription] = useState(() => params.get('text') ?? '');
  const [occurredOn, setOccurredOn] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const errors = useServerErrors();
  useEffect(() => { document.title = `${t('deviations.reportTitle')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);

  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<Unit[]>('/units') });
  const plan = useQuery({ queryKey: ['deviations', 'plan', planId], enabled: planId !== null, queryFn: () => api.get<Plan>(`/plans/${planId}`) });
  // From a plan, its units are the likely ones: ticked to start with, and first in the list.
  const planUnits = useMemo(() => new Set((plan.data?.participants ?? []).flatMap((p) => (p.kind === 'unit' && p.unitId ? [p.unitId] : []))), [plan.data]);
  useEffect(() => { if (planUnits.size) setUnitIds((ids) => (ids.length ? ids : [...planUnits].filter((u) => u !== me.unitId))); }, [planUnits, me.unitId]);
  const shown = (units.data ?? [])
    .filter((u) => unitIds.includes(u.id) || planUnits.has(u.id) || (filter.trim() !== '' && `${u.name} ${u.principalName}`.toLowerCase().includes(filter.trim().toLowerCase())))
    .sort((a, b) => Number(planUnits.has(b.id)) - Number(planUnits.has(a.id)) || a.name.localeCompare(b.name, 'sv'));
  const toggle = (id: string, on: boolean) => setUnitIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const submit = errors.submit(async () => {
    const r = await api.post<{ id: string }>('/deviations', { planId, title, description, occurredOn: occurredOn || null, unitIds });
    await queryClient.invalidateQueries({ queryKey: DEVIATIONS_KEY });
    navigate(`/avvikelser/${r.id}`);
  });

  return (
    <div className="deviation deviation-form">
      <h1 ref={heading} tabIndex={-1}>{t('deviations.reportTitle')}</h1>
      <p className="lead">{t('deviations.reportLead')}</p>
      {planId && <p>{plan.data ? t('deviations.aboutPlan', { plan: plan.data.planNumber }) : t('common.loading')}</p>}
      <ErrorSummary error={errors.error} />
      <form onSubmit={submit} noValidate>
        <TextField name="title" label={t('deviations.fields.title')} value={title} onChange={setTitle} required maxLength={200} error={errors.of('title')} />
        <TextArea name="description" label={t('deviations.fields.description')} hint={t('deviations.fields.descriptionHint')} value={description} onChange={setDescription} rows={5} required error={errors.of('description')} />
        <TextField name="occurredOn" type="date" label={t('deviations.fields.occurredOn')} value={occurredOn} onChange={setOccurredOn} error={errors.of('occurredOn')} hint={t('deviations.fields.occurredOnHint', { today: today() })} />
        <Group legend={t('deviations.fields.units')} hint={t('deviations.fields.unitsHint')} error={errors.of('unitIds')}>
          <div className="unit-filter">
            <TextField name="unitFilter" label={t('deviations.fields.unitFilter')} value={filter} onChange={setFilter} />
          </div>
          <div className="unit-list">
            {units.isPending && <p role="status">{t('common.loading')}</p>}
            {shown.length === 0 && units.data && <p className="hint">{t('deviations.fields.unitFilterEmpty')}</p>}
            {shown.map((u) => (
              <Checkbox key={u.id} name={`unit-${u.id}`} checked={unitIds.includes(u.id)} onChange={(on) => toggle(u.id, on)}
                label={<>{u.name} <span className="hint-inline">({u.principalName})</span></>} />
            ))}
          </div>
        </Group>
        <div className="actions">
          <button type="submit" className="button primary">{t('deviations.send')}</button>
          <button type="button" className="button" onClick={() => navigate(-1)}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
