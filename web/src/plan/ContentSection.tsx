/**
 * The plan itself (SoL 2 kap 7 § / HSL 16 kap 4 §): goals with the child's own words, the
 * interventions grouped by the principal that answers for them, measures by others, and who
 * coordinates, who has the overall responsibility and when the plan is next followed up.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Goal, Intervention, InterventionStatus, Plan } from '../api/types.ts';
import { formatDay, formatDateTime, relativeDay } from '../format.ts';
import { Checkbox, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { ConflictNotice, changedFields, type FieldChange } from '../components/ConflictNotice.tsx';
import { unitName, usePlanView, type PlanView } from './PlanContext.ts';
import { participatingUnitIds } from './next-step.ts';
import { useUnitStaff } from './hooks.ts';

const editable = (plan: Plan) => !['closed', 'cancelled'].includes(plan.state);

export function ContentSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  return (
    <>
      <section aria-labelledby="goals-title">
        <h2 id="goals-title">{t('content.goals')}</h2>
        <p className="law">{t('content.goalsLaw')}</p>
        {plan.goals.length === 0 ? <p className="empty">{t('content.noGoals')}</p> : (
          <ul className="cards">{plan.goals.map((g) => <GoalCard key={g.id} goal={g} />)}</ul>
        )}
        {editable(plan) && <AddGoal />}
      </section>
      <Interventions />
      <Measures />
      <PlanSettings />
    </>
  );
}

function GoalCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState(goal);
  const [draft, setDraft] = useState({ professionalWording: goal.professionalWording, childWords: goal.childWords ?? '' });
  const [conflict, setConflict] = useState<{ changes: FieldChange[]; latest: Goal } | null>(null);
  const errors = useServerErrors();
  const need = view.plan.needs.find((n) => n.id === goal.needId);
  const labels = { professionalWording: t('fields.professionalWording'), childWords: t('fields.childWords') };
  const asFields = (g: Goal) => ({ professionalWording: g.professionalWording, childWords: g.childWords ?? '' });

  const save = async (version: number) => {
    errors.clear();
    try {
      await api.patch(`/plans/${view.plan.id}/goals/${goal.id}`, { professionalWording: draft.professionalWording, childWords: draft.childWords || null }, version);
      setConflict(null);
      setEditing(false);
      await view.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) {
        const latest = (await view.refresh())?.goals.find((g) => g.id === goal.id);
        if (latest) setConflict({ latest, changes: changedFields(labels, asFields(base), asFields(latest), draft) });
      } else errors.setError(err);
    }
  };
  const start = () => { setBase(goal); setDraft(asFields(goal)); setEditing(true); };

  return (
    <li className="card goal">
      {goal.childWords && <blockquote className="child-words"><span className="label">{t('content.childWordsLabel')}</span> ”{goal.childWords}”</blockquote>}
      <p>{goal.professionalWording}</p>
      {need && <p className="meta">{t('content.forNeed', { area: t(`lifeArea.${need.lifeArea}`) })}</p>}
      {!editing && editable(view.plan) && <button type="button" className="button small" onClick={start}>{t('content.editGoal')}</button>}
      {editing && (
        <form onSubmit={(e) => { e.preventDefault(); void save(base.version); }} className="inline-form" aria-label={t('content.editGoal')}>
          <ErrorSummary error={errors.error} />
          {conflict && <ConflictNotice changes={conflict.changes}
            onReapply={() => { setBase(conflict.latest); void save(conflict.latest.version); }}
            onDiscard={() => { setConflict(null); setBase(conflict.latest); setDraft(asFields(conflict.latest)); setEditing(false); }} />}
          <TextArea name="professionalWording" label={labels.professionalWording} value={draft.professionalWording} onChange={(v) => setDraft({ ...draft, professionalWording: v })} error={errors.of('professionalWording')} required />
          <TextArea name="childWords" label={labels.childWords} hint={t('content.childWordsHint')} value={draft.childWords} onChange={(v) => setDraft({ ...draft, childWords: v })} error={errors.of('childWords')} />
          <div className="actions">
            <button type="submit" className="button primary">{t('common.save')}</button>
            <button type="button" className="button" onClick={() => { setEditing(false); setConflict(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </li>
  );
}

function AddGoal() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ needId: '', professionalWording: '', childWords: '' });
  const errors = useServerErrors();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await api.post(`/plans/${view.plan.id}/goals`, { needId: f.needId || null, professionalWording: f.professionalWording, childWords: f.childWords || null });
      setF({ needId: '', professionalWording: '', childWords: '' });
      setOpen(false);
      await view.refresh();
    } catch (err) { errors.setError(err); }
  };
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('content.addGoal')}</button>;
  return (
    <form onSubmit={submit} className="card form" aria-labelledby="add-goal">
      <h3 id="add-goal">{t('content.addGoal')}</h3>
      <ErrorSummary error={errors.error} />
      <SelectField name="needId" label={t('fields.needId')} value={f.needId} onChange={(v) => setF({ ...f, needId: v })} placeholder={t('content.noNeed')}
        options={view.plan.needs.map((n) => ({ value: n.id, label: `${t(`lifeArea.${n.lifeArea}`)}: ${n.description.slice(0, 60)}` }))} error={errors.of('needId')} />
      <TextArea name="childWords" label={t('fields.childWords')} hint={t('content.childWordsHint')} value={f.childWords} onChange={(v) => setF({ ...f, childWords: v })} error={errors.of('childWords')} />
      <TextArea name="professionalWording" label={t('fields.professionalWording')} value={f.professionalWording} onChange={(v) => setF({ ...f, professionalWording: v })} error={errors.of('professionalWording')} required />
      <div className="actions">
        <button type="submit" className="button primary">{t('content.saveGoal')}</button>
        <button type="button" className="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

function Interventions() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const byPrincipal = new Map<string, Intervention[]>();
  for (const i of plan.interventions) byPrincipal.set(i.principalId, [...(byPrincipal.get(i.principalId) ?? []), i]);
  return (
    <section aria-labelledby="interventions-title">
      <h2 id="interventions-title">{t('content.interventions')}</h2>
      {plan.interventions.length === 0 && <p className="empty">{t('content.noInterventions')}</p>}
      {[...byPrincipal].map(([principalId, list]) => (
        <div key={principalId} className="principal-group">
          <h3>{view.principals.get(principalId)?.name ?? '–'}</h3>
          <ul className="cards">{list.map((i) => <InterventionCard key={i.id} intervention={i} />)}</ul>
        </div>
      ))}
      {editable(plan) && <AddIntervention />}
    </section>
  );
}

function InterventionCard({ intervention: i }: { intervention: Intervention }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const goal = view.plan.goals.find((g) => g.id === i.goalId);
  const [reporting, setReporting] = useState(false);
  return (
    <li className={`card intervention${i.overdue ? ' late' : ''}`}>
      <p className="title">{i.description}</p>
      <dl className="mini">
        <div><dt>{t('fields.unitId')}</dt><dd>{unitName(view, i.unitId)}</dd></div>
        <div><dt>{t('fields.responsibleStaffId')}</dt><dd>{i.responsibleStaffName ?? '–'}</dd></div>
        <div><dt>{t('content.period')}</dt><dd>{formatDay(i.startsOn, false)} – {formatDay(i.dueOn, false)}</dd></div>
        <div><dt>{t('fields.status')}</dt><dd>{t(`interventionStatus.${i.status}`)}{i.overdue && <strong className="late-word"> · {relativeDay(i.dueOn)}</strong>}</dd></div>
        {goal && <div><dt>{t('content.goal')}</dt><dd>{goal.childWords ?? goal.professionalWording}</dd></div>}
      </dl>
      {(i.reports ?? []).length > 0 && (
        <details>
          <summary>{t('content.reports', { count: i.reports!.length })}</summary>
          <ul className="plain">{i.reports!.map((r) => <li key={r.id}>{formatDateTime(r.reportedAt)} · {unitName(view, r.reportedUnitId)} · {t(`interventionStatus.${r.status}`)}: {r.note}</li>)}</ul>
        </details>
      )}
      {editable(view.plan) && !reporting && <button type="button" className="button small" onClick={() => setReporting(true)}>{t('content.report')}</button>}
      {reporting && <ReportActivity intervention={i} onDone={() => setReporting(false)} />}
    </li>
  );
}

function ReportActivity({ intervention, onDone }: { intervention: Intervention; onDone: () => void }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const [status, setStatus] = useState<InterventionStatus>(intervention.status === 'planned' ? 'ongoing' : intervention.status);
  const [note, setNote] = useState('');
  const errors = useServerErrors();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await api.post(`/plans/${view.plan.id}/interventions/${intervention.id}/reports`, { status, note });
      onDone();
      await view.refresh();
    } catch (err) { errors.setError(err); }
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label={t('content.report')}>
      <ErrorSummary error={errors.error} />
      <SelectField name="status" label={t('fields.status')} value={status} onChange={(v) => setStatus(v as InterventionStatus)}
        options={(['planned', 'ongoing', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`interventionStatus.${s}`) }))} error={errors.of('status')} />
      <TextArea name="note" label={t('fields.note')} hint={t('content.reportHint')} value={note} onChange={setNote} error={errors.of('note')} required />
      <div className="actions">
        <button type="submit" className="button primary">{t('content.saveReport')}</button>
        <button type="button" className="button" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

function AddIntervention() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [open, setOpen] = useState(false);
  const empty = { goalId: '', description: '', unitId: '', responsibleStaffId: '', startsOn: '', dueOn: '' };
  const [f, setF] = useState(empty);
  const staff = useUnitStaff(f.unitId);
  const errors = useServerErrors();
  const principal = f.unitId ? view.principals.get(view.units.get(f.unitId)?.principalId ?? '')?.name : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await api.post(`/plans/${view.plan.id}/interventions`, { ...f, goalId: f.goalId || null });
      setF(empty);
      setOpen(false);
      await view.refresh();
    } catch (err) { errors.setError(err); }
  };
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('content.addIntervention')}</button>;
  return (
    <form onSubmit={submit} className="card form" aria-labelledby="add-intervention">
      <h3 id="add-intervention">{t('content.addIntervention')}</h3>
      <ErrorSummary error={errors.error} />
      <TextArea name="description" label={t('fields.description')} value={f.description} onChange={(v) => setF({ ...f, description: v })} error={errors.of('description')} required />
      <SelectField name="goalId" label={t('fields.goalId')} value={f.goalId} onChange={(v) => setF({ ...f, goalId: v })} placeholder={t('content.noGoal')}
        options={view.plan.goals.map((g) => ({ value: g.id, label: (g.childWords ?? g.professionalWording).slice(0, 80) }))} error={errors.of('goalId')} />
      <SelectField name="unitId" label={t('fields.unitId')} value={f.unitId} onChange={(v) => setF({ ...f, unitId: v, responsibleStaffId: '' })} placeholder={t('common.choose')}
        options={participatingUnitIds(view.plan).map((u) => ({ value: u, label: unitName(view, u) }))} error={errors.of('unitId')} required />
      {principal && <p className="hint">{t('content.principalIs', { principal })}</p>}
      <SelectField name="responsibleStaffId" label={t('fields.responsibleStaffId')} value={f.responsibleStaffId} onChange={(v) => setF({ ...f, responsibleStaffId: v })} placeholder={t('common.choose')}
        options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))} error={errors.of('responsibleStaffId')} required />
      <div className="two">
        <TextField type="date" name="startsOn" label={t('fields.startsOn')} value={f.startsOn} onChange={(v) => setF({ ...f, startsOn: v })} error={errors.of('startsOn')} required />
        <TextField type="date" name="dueOn" label={t('fields.dueOn')} value={f.dueOn} onChange={(v) => setF({ ...f, dueOn: v })} error={errors.of('dueOn')} required />
      </div>
      <div className="actions">
        <button type="submit" className="button primary">{t('content.saveIntervention')}</button>
        <button type="button" className="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

function Measures() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [f, setF] = useState({ actor: '', description: '' });
  const [open, setOpen] = useState(false);
  const errors = useServerErrors();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await api.post(`/plans/${view.plan.id}/measures`, f);
      setF({ actor: '', description: '' });
      setOpen(false);
      await view.refresh();
    } catch (err) { errors.setError(err); }
  };
  const remove = async (id: string, version: number) => {
    try { await api.patch(`/plans/${view.plan.id}/measures/${id}`, { removed: true }, version); await view.refresh(); } catch (err) { errors.setError(err); }
  };
  return (
    <section aria-labelledby="measures-title">
      <h2 id="measures-title">{t('content.measures')}</h2>
      <p className="hint">{t('content.measuresHint')}</p>
      {view.plan.measuresByOthers.length === 0 ? <p className="empty">{view.plan.noMeasuresByOthers ? t('content.noMeasuresStated') : t('content.noMeasures')}</p> : (
        <ul className="plain">
          {view.plan.measuresByOthers.map((m) => (
            <li key={m.id}><strong>{m.actor}</strong>: {m.description}
              {editable(view.plan) && <button type="button" className="link-button" onClick={() => void remove(m.id, m.version)}>{t('common.remove')}<span className="visually-hidden"> {m.actor}</span></button>}</li>
          ))}
        </ul>
      )}
      {!open && editable(view.plan) && <button type="button" className="button" onClick={() => setOpen(true)}>{t('content.addMeasure')}</button>}
      {open && (
        <form onSubmit={submit} className="card form" aria-labelledby="add-measure">
          <h3 id="add-measure">{t('content.addMeasure')}</h3>
          <ErrorSummary error={errors.error} />
          <TextField name="actor" label={t('fields.actor')} hint={t('content.actorHint')} value={f.actor} onChange={(v) => setF({ ...f, actor: v })} error={errors.of('actor')} required />
          <TextArea name="description" label={t('fields.description')} value={f.description} onChange={(v) => setF({ ...f, description: v })} error={errors.of('description')} required />
          <div className="actions">
            <button type="submit" className="button primary">{t('content.saveMeasure')}</button>
            <button type="button" className="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

type SettingsFields = { coordinatorUnitId: string; coordinatorStaffId: string; overallPrincipalId: string; nextFollowUpOn: string; noMeasuresByOthers: string };

const settingsOf = (plan: Plan): SettingsFields => ({
  coordinatorUnitId: plan.coordinator?.unitId ?? '', coordinatorStaffId: plan.coordinator?.staffId ?? '',
  overallPrincipalId: plan.overallPrincipalId ?? '', nextFollowUpOn: plan.nextFollowUpOn ?? '', noMeasuresByOthers: plan.noMeasuresByOthers ? 'yes' : '',
});

/** Coordinator, overall responsibility and next follow-up: edited against the plan's version (If-Match). */
function PlanSettings() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState<{ fields: SettingsFields; version: number }>({ fields: settingsOf(view.plan), version: view.version });
  const [f, setF] = useState<SettingsFields>(settingsOf(view.plan));
  const [conflict, setConflict] = useState<{ changes: FieldChange[]; latest: SettingsFields; version: number } | null>(null);
  const staff = useUnitStaff(f.coordinatorUnitId);
  const errors = useServerErrors();
  const labels: Record<keyof SettingsFields, string> = {
    coordinatorUnitId: t('fields.coordinatorUnit'), coordinatorStaffId: t('fields.coordinator'), overallPrincipalId: t('fields.overallPrincipalId'),
    nextFollowUpOn: t('fields.nextFollowUpOn'), noMeasuresByOthers: t('fields.noMeasuresByOthers'),
  };
  const show = (k: keyof SettingsFields, v: string) => showSetting(view, t, k, v);
  const principalIds = [...new Set(view.plan.participants.filter((p) => p.kind === 'unit' && p.principalId).map((p) => p.principalId!))];

  const save = async (version: number) => {
    errors.clear();
    try {
      await api.patch(`/plans/${view.plan.id}`, {
        coordinator: f.coordinatorStaffId && f.coordinatorUnitId ? { staffId: f.coordinatorStaffId, unitId: f.coordinatorUnitId } : null,
        overallPrincipalId: f.overallPrincipalId || null, nextFollowUpOn: f.nextFollowUpOn || null, noMeasuresByOthers: f.noMeasuresByOthers === 'yes',
      }, version);
      setConflict(null);
      setEditing(false);
      await view.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) {
        const latestPlan = await view.refresh();
        if (!latestPlan) return;
        const latest = settingsOf(latestPlan);
        const version_ = Number(err.body.currentVersion ?? latestPlan.version);
        setConflict({ latest, version: version_, changes: changedFields(labels, base.fields, latest, f, show) });
      } else errors.setError(err);
    }
  };
  const start = () => { const s = settingsOf(view.plan); setBase({ fields: s, version: view.version }); setF(s); setEditing(true); };

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('content.settings')}</h2>
      {!editing && (
        <>
          <dl className="facts">
            {(Object.keys(labels) as Array<keyof SettingsFields>).filter((k) => k !== 'coordinatorUnitId').map((k) => (
              <div key={k}><dt>{labels[k]}</dt><dd>{show(k, settingsOf(view.plan)[k])}</dd></div>
            ))}
          </dl>
          {editable(view.plan) && <button type="button" className="button" onClick={start}>{t('content.editSettings')}</button>}
        </>
      )}
      {editing && (
        <form onSubmit={(e) => { e.preventDefault(); void save(base.version); }} className="card form" aria-label={t('content.editSettings')}>
          <ErrorSummary error={errors.error} />
          {conflict && <ConflictNotice changes={conflict.changes}
            onReapply={() => { setBase({ fields: conflict.latest, version: conflict.version }); void save(conflict.version); }}
            onDiscard={() => { setF(conflict.latest); setBase({ fields: conflict.latest, version: conflict.version }); setConflict(null); setEditing(false); }} />}
          <SelectField name="coordinatorUnitId" label={labels.coordinatorUnitId} value={f.coordinatorUnitId} onChange={(v) => setF({ ...f, coordinatorUnitId: v, coordinatorStaffId: '' })}
            placeholder={t('common.choose')} options={participatingUnitIds(view.plan).map((u) => ({ value: u, label: unitName(view, u) }))} error={errors.of('coordinator')} />
          <SelectField name="coordinatorStaffId" label={labels.coordinatorStaffId} hint={t('content.coordinatorHint')} value={f.coordinatorStaffId} onChange={(v) => setF({ ...f, coordinatorStaffId: v })}
            placeholder={t('common.choose')} options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))} error={errors.of('coordinator/staffId')} />
          <SelectField name="overallPrincipalId" label={labels.overallPrincipalId} hint={t('content.overallHint')} value={f.overallPrincipalId} onChange={(v) => setF({ ...f, overallPrincipalId: v })}
            placeholder={t('common.choose')} options={principalIds.map((id) => ({ value: id, label: view.principals.get(id)?.name ?? id }))} error={errors.of('overallPrincipalId')} />
          <TextField type="date" name="nextFollowUpOn" label={labels.nextFollowUpOn} value={f.nextFollowUpOn} onChange={(v) => setF({ ...f, nextFollowUpOn: v })} error={errors.of('nextFollowUpOn')} />
          <Checkbox name="noMeasuresByOthers" label={labels.noMeasuresByOthers} hint={t('content.noMeasuresHint')} checked={f.noMeasuresByOthers === 'yes'} onChange={(on) => setF({ ...f, noMeasuresByOthers: on ? 'yes' : '' })} />
          <div className="actions">
            <button type="submit" className="button primary">{t('common.save')}</button>
            <button type="button" className="button" onClick={() => { setEditing(false); setConflict(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

function showSetting(view: PlanView, t: (k: string) => string, k: keyof SettingsFields, v: string): string {
  if (!v) return k === 'noMeasuresByOthers' ? t('common.no') : '–';
  if (k === 'coordinatorUnitId') return unitName(view, v);
  if (k === 'coordinatorStaffId') return v === view.plan.coordinator?.staffId ? view.plan.coordinator.name : (view.plan.participants.find((p) => p.staffId === v)?.staffName ?? t('content.otherPerson'));
  if (k === 'overallPrincipalId') return view.principals.get(v)?.name ?? '–';
  if (k === 'nextFollowUpOn') return formatDay(v);
  return t('common.yes');
}
