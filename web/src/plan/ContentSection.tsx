/**
 * The plan itself (SoL 2 kap 7 § / HSL 16 kap 4 §): goals with the child's own words, the
 * interventions grouped by the principal that answers for them, measures by others, and who
 * coordinates, who has the overall responsibility and when the plan is next followed up.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Goal, Intervention, InterventionStatus, Plan } from '../api/types.ts';
import { formatDay, formatDateTime, relativeDay } from '../format.ts';
import { Checkbox, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { focusFirstField } from '../components/focus.ts';
import { ConflictNotice } from '../components/ConflictNotice.tsx';
import { useVersionedEdit } from '../components/useVersionedEdit.ts';
import { unitName, usePlanView, type PlanView } from './PlanContext.ts';
import { participatingUnitIds } from './next-step.ts';
import { useUnitStaff } from './hooks.ts';
import { FamilyVoiceBlock, YoungPersonAccess } from '../family/StaffFamilyBlocks.tsx';
import { HelpLink } from '../help/HelpLink.tsx';
import { UnitProfilePanel } from '../directory/UnitProfilePanel.tsx';
import { ResponsibilityHint } from '../directory/ResponsibilityHint.tsx';

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
        <FamilyVoiceBlock plan={plan} />
        {plan.goals.length === 0 ? <p className="empty">{t('content.noGoals')}</p> : (
          <ul className="cards">{plan.goals.map((g) => <GoalCard key={g.id} goal={g} />)}</ul>
        )}
        {editable(plan) && <AddGoal />}
      </section>
      <Interventions />
      <Measures />
      <PlanSettings />
      <YoungPersonAccess />
    </>
  );
}

function GoalCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const need = view.plan.needs.find((n) => n.id === goal.needId);
  const labels = { professionalWording: t('fields.professionalWording'), childWords: t('fields.childWords') };
  const asFields = (g: Goal) => ({ professionalWording: g.professionalWording, childWords: g.childWords ?? '' });
  const edit = useVersionedEdit({
    labels,
    latest: async () => { const g = (await view.refresh())?.goals.find((x) => x.id === goal.id); return g ? { fields: asFields(g), version: g.version } : null; },
    save: (f, version) => api.patch(`/plans/${view.plan.id}/goals/${goal.id}`, {
      ...(f.professionalWording !== undefined ? { professionalWording: f.professionalWording } : {}),
      ...(f.childWords !== undefined ? { childWords: f.childWords || null } : {}),
    }, version).then(() => undefined),
    onSaved: () => void view.refresh(),
  });

  return (
    <li className="card goal">
      {goal.childWords && <blockquote className="child-words"><span className="label">{t('content.childWordsLabel')}</span> ”{goal.childWords}”</blockquote>}
      <p>{goal.professionalWording}</p>
      {need && <p className="meta">{t('content.forNeed', { area: t(`lifeArea.${need.lifeArea}`) })}</p>}
      {!edit.editing && editable(view.plan) && <button type="button" className="button small" onClick={() => edit.start(asFields(goal), goal.version)}>{t('content.editGoal')}</button>}
      {edit.draft && (
        <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void edit.submit(); }} className="inline-form" aria-label={t('content.editGoal')}>
          <ErrorSummary error={edit.errors.error} />
          {edit.conflict && <ConflictNotice changes={edit.conflict.changes} onReapply={edit.reapply} onDiscard={edit.discard} />}
          <TextArea name="professionalWording" label={labels.professionalWording} value={edit.draft.professionalWording} onChange={(v) => edit.set({ professionalWording: v })} error={edit.errors.of('professionalWording')} required />
          <TextArea name="childWords" label={labels.childWords} hint={t('content.childWordsHint')} value={edit.draft.childWords} onChange={(v) => edit.set({ childWords: v })} error={edit.errors.of('childWords')} />
          <FormActions save={t('common.save')} onCancel={edit.stop} />
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
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/goals`, { needId: f.needId || null, professionalWording: f.professionalWording, childWords: f.childWords || null });
    setF({ needId: '', professionalWording: '', childWords: '' });
    setOpen(false);
    await view.refresh();
  });
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('content.addGoal')}</button>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="add-goal">
      <h3 id="add-goal">{t('content.addGoal')}</h3>
      <ErrorSummary error={errors.error} />
      <SelectField name="needId" label={t('fields.needId')} value={f.needId} onChange={(v) => setF({ ...f, needId: v })} placeholder={t('content.noNeed')}
        options={view.plan.needs.map((n) => ({ value: n.id, label: `${t(`lifeArea.${n.lifeArea}`)}: ${n.description.slice(0, 60)}` }))} error={errors.of('needId')} />
      <TextArea name="childWords" label={t('fields.childWords')} hint={t('content.childWordsHint')} value={f.childWords} onChange={(v) => setF({ ...f, childWords: v })} error={errors.of('childWords')} />
      <TextArea name="professionalWording" label={t('fields.professionalWording')} value={f.professionalWording} onChange={(v) => setF({ ...f, professionalWording: v })} error={errors.of('professionalWording')} required />
      <FormActions save={t('content.saveGoal')} onCancel={() => setOpen(false)} />
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
      <HelpLink step="activity_follow_up" />
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
  const [editing, setEditing] = useState(false);
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
      {editable(view.plan) && !reporting && !editing && (
        <div className="actions">
          {/* Only the responsible unit reports how its intervention goes (the server refuses others). */}
          {i.unitId === view.me.unitId && <button type="button" className="button small" onClick={() => setReporting(true)}>{t('content.report')}</button>}
          <button type="button" className="button small" onClick={() => setEditing(true)}>{t('content.editIntervention')}</button>
        </div>
      )}
      {reporting && <ReportActivity intervention={i} onDone={() => setReporting(false)} />}
      {editing && <EditIntervention intervention={i} onDone={() => setEditing(false)} />}
    </li>
  );
}

type InterventionFields = { description: string; unitId: string; responsibleStaffId: string; startsOn: string; dueOn: string };
const interventionFields = (i: Intervention): InterventionFields => ({ description: i.description, unitId: i.unitId, responsibleStaffId: i.responsibleStaffId, startsOn: i.startsOn, dueOn: i.dueOn });

/** Changing who does an intervention, or when, against the intervention's own version. */
function EditIntervention({ intervention, onDone }: { intervention: Intervention; onDone: () => void }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const labels: Record<keyof InterventionFields, string> = {
    description: t('fields.description'), unitId: t('fields.unitId'), responsibleStaffId: t('fields.responsibleStaffId'), startsOn: t('fields.startsOn'), dueOn: t('fields.dueOn'),
  };
  const edit = useVersionedEdit<InterventionFields>({
    labels,
    show: (k, v) => (k === 'unitId' ? unitName(view, v) : k === 'responsibleStaffId' ? staffName(view, v) : k === 'description' ? v : formatDay(v, false)),
    latest: async () => { const x = (await view.refresh())?.interventions.find((y) => y.id === intervention.id); return x ? { fields: interventionFields(x), version: x.version } : null; },
    save: (f, version) => api.patch(`/plans/${view.plan.id}/interventions/${intervention.id}`, f, version).then(() => view.refresh()).then(() => undefined),
    onSaved: onDone,
    initial: { fields: interventionFields(intervention), version: intervention.version },
  });
  const staff = useUnitStaff(edit.draft?.unitId);
  if (!edit.draft) return null;
  const f = edit.draft;
  return (
    <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void edit.submit(); }} className="inline-form" aria-label={t('content.editIntervention')}>
      <ErrorSummary error={edit.errors.error} />
      {edit.conflict && <ConflictNotice changes={edit.conflict.changes} onReapply={edit.reapply} onDiscard={edit.discard} />}
      <TextArea name="description" label={labels.description} value={f.description} onChange={(v) => edit.set({ description: v })} error={edit.errors.of('description')} required />
      <ResponsibilityHint text={f.description} planId={view.plan.id} />
      <SelectField name="unitId" label={labels.unitId} value={f.unitId} onChange={(v) => edit.set({ unitId: v, responsibleStaffId: '' })}
        options={participatingUnitIds(view.plan).map((u) => ({ value: u, label: unitName(view, u) }))} error={edit.errors.of('unitId')} required />
      <UnitProfilePanel unitId={f.unitId} />
      <SelectField name="responsibleStaffId" label={labels.responsibleStaffId} value={f.responsibleStaffId} onChange={(v) => edit.set({ responsibleStaffId: v })} placeholder={t('common.choose')}
        options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))} error={edit.errors.of('responsibleStaffId')} required />
      <div className="two">
        <TextField type="date" name="startsOn" label={labels.startsOn} value={f.startsOn} onChange={(v) => edit.set({ startsOn: v })} error={edit.errors.of('startsOn')} required />
        <TextField type="date" name="dueOn" label={labels.dueOn} value={f.dueOn} onChange={(v) => edit.set({ dueOn: v })} error={edit.errors.of('dueOn')} required />
      </div>
      <FormActions save={t('common.save')} onCancel={() => { edit.stop(); onDone(); }} />
    </form>
  );
}

function staffName(view: PlanView, id: string): string {
  return view.plan.interventions.find((i) => i.responsibleStaffId === id)?.responsibleStaffName
    ?? view.plan.participants.find((p) => p.staffId === id)?.staffName ?? (id ? '–' : '–');
}

function ReportActivity({ intervention, onDone }: { intervention: Intervention; onDone: () => void }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const [status, setStatus] = useState<InterventionStatus>(intervention.status === 'planned' ? 'ongoing' : intervention.status);
  const [note, setNote] = useState('');
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/interventions/${intervention.id}/reports`, { status, note });
    onDone();
    await view.refresh();
  });
  return (
    <form ref={focusFirstField} onSubmit={submit} className="inline-form" aria-label={t('content.report')}>
      <ErrorSummary error={errors.error} />
      <SelectField name="status" label={t('fields.status')} value={status} onChange={(v) => setStatus(v as InterventionStatus)}
        options={(['planned', 'ongoing', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`interventionStatus.${s}`) }))} error={errors.of('status')} />
      <TextArea name="note" label={t('fields.note')} hint={t('content.reportHint')} value={note} onChange={setNote} error={errors.of('note')} required />
      <FormActions save={t('content.saveReport')} onCancel={onDone} />
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
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/interventions`, { ...f, goalId: f.goalId || null });
    setF(empty);
    setOpen(false);
    await view.refresh();
  });
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('content.addIntervention')}</button>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="add-intervention">
      <h3 id="add-intervention">{t('content.addIntervention')}</h3>
      <ErrorSummary error={errors.error} />
      <TextArea name="description" label={t('fields.description')} value={f.description} onChange={(v) => setF({ ...f, description: v })} error={errors.of('description')} required />
      <ResponsibilityHint text={f.description} planId={view.plan.id} />
      <SelectField name="goalId" label={t('fields.goalId')} value={f.goalId} onChange={(v) => setF({ ...f, goalId: v })} placeholder={t('content.noGoal')}
        options={view.plan.goals.map((g) => ({ value: g.id, label: (g.childWords ?? g.professionalWording).slice(0, 80) }))} error={errors.of('goalId')} />
      <SelectField name="unitId" label={t('fields.unitId')} value={f.unitId} onChange={(v) => setF({ ...f, unitId: v, responsibleStaffId: '' })} placeholder={t('common.choose')}
        options={participatingUnitIds(view.plan).map((u) => ({ value: u, label: unitName(view, u) }))} error={errors.of('unitId')} required />
      {principal && <p className="hint">{t('content.principalIs', { principal })}</p>}
      <UnitProfilePanel unitId={f.unitId} />
      <SelectField name="responsibleStaffId" label={t('fields.responsibleStaffId')} value={f.responsibleStaffId} onChange={(v) => setF({ ...f, responsibleStaffId: v })} placeholder={t('common.choose')}
        options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))} error={errors.of('responsibleStaffId')} required />
      <div className="two">
        <TextField type="date" name="startsOn" label={t('fields.startsOn')} value={f.startsOn} onChange={(v) => setF({ ...f, startsOn: v })} error={errors.of('startsOn')} required />
        <TextField type="date" name="dueOn" label={t('fields.dueOn')} value={f.dueOn} onChange={(v) => setF({ ...f, dueOn: v })} error={errors.of('dueOn')} required />
      </div>
      <FormActions save={t('content.saveIntervention')} onCancel={() => setOpen(false)} />
    </form>
  );
}

function Measures() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [f, setF] = useState({ actor: '', description: '' });
  const [open, setOpen] = useState(false);
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/measures`, f);
    setF({ actor: '', description: '' });
    setOpen(false);
    await view.refresh();
  });
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
        <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="add-measure">
          <h3 id="add-measure">{t('content.addMeasure')}</h3>
          <ErrorSummary error={errors.error} />
          <TextField name="actor" label={t('fields.actor')} hint={t('content.actorHint')} value={f.actor} onChange={(v) => setF({ ...f, actor: v })} error={errors.of('actor')} required />
          <TextArea name="description" label={t('fields.description')} value={f.description} onChange={(v) => setF({ ...f, description: v })} error={errors.of('description')} required />
          <FormActions save={t('content.saveMeasure')} onCancel={() => setOpen(false)} />
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
  const labels: Record<keyof SettingsFields, string> = {
    coordinatorUnitId: t('fields.coordinatorUnit'), coordinatorStaffId: t('fields.coordinator'), overallPrincipalId: t('fields.overallPrincipalId'),
    nextFollowUpOn: t('fields.nextFollowUpOn'), noMeasuresByOthers: t('fields.noMeasuresByOthers'),
  };
  const show = (k: keyof SettingsFields, v: string) => showSetting(view, t, k, v);
  const edit = useVersionedEdit<SettingsFields>({
    labels, show,
    latest: async () => { const p = await view.refresh(); return p ? { fields: settingsOf(p), version: p.version } : null; },
    // The coordinator is one choice of unit and person: sent whole when either part changed.
    save: (f, version, all) => api.patch(`/plans/${view.plan.id}`, {
      ...(f.coordinatorStaffId !== undefined || f.coordinatorUnitId !== undefined
        ? { coordinator: all.coordinatorStaffId && all.coordinatorUnitId ? { staffId: all.coordinatorStaffId, unitId: all.coordinatorUnitId } : null } : {}),
      ...(f.overallPrincipalId !== undefined ? { overallPrincipalId: f.overallPrincipalId || null } : {}),
      ...(f.nextFollowUpOn !== undefined ? { nextFollowUpOn: f.nextFollowUpOn || null } : {}),
      ...(f.noMeasuresByOthers !== undefined ? { noMeasuresByOthers: f.noMeasuresByOthers === 'yes' } : {}),
    }, version).then(() => undefined),
    onSaved: () => void view.refresh(),
  });
  const staff = useUnitStaff(edit.draft?.coordinatorUnitId);
  const principalIds = [...new Set(view.plan.participants.filter((p) => p.kind === 'unit' && p.principalId).map((p) => p.principalId!))];
  const f = edit.draft;

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('content.settings')}</h2>
      {!f && (
        <>
          <dl className="facts">
            {(Object.keys(labels) as Array<keyof SettingsFields>).filter((k) => k !== 'coordinatorUnitId').map((k) => (
              <div key={k}><dt>{labels[k]}</dt><dd>{show(k, settingsOf(view.plan)[k])}</dd></div>
            ))}
          </dl>
          {editable(view.plan) && <button type="button" className="button" onClick={() => edit.start(settingsOf(view.plan), view.version)}>{t('content.editSettings')}</button>}
        </>
      )}
      {f && (
        <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void edit.submit(); }} className="card form" aria-label={t('content.editSettings')}>
          <ErrorSummary error={edit.errors.error} />
          {edit.conflict && <ConflictNotice changes={edit.conflict.changes} onReapply={edit.reapply} onDiscard={edit.discard} />}
          <SelectField name="coordinatorUnitId" label={labels.coordinatorUnitId} value={f.coordinatorUnitId} onChange={(v) => edit.set({ coordinatorUnitId: v, coordinatorStaffId: '' })}
            placeholder={t('common.choose')} options={participatingUnitIds(view.plan).map((u) => ({ value: u, label: unitName(view, u) }))} error={edit.errors.of('coordinator')} />
          <SelectField name="coordinatorStaffId" label={labels.coordinatorStaffId} hint={t('content.coordinatorHint')} value={f.coordinatorStaffId} onChange={(v) => edit.set({ coordinatorStaffId: v })}
            placeholder={t('common.choose')} options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))} error={edit.errors.of('coordinator/staffId')} required={!!f.coordinatorUnitId} />
          <SelectField name="overallPrincipalId" label={labels.overallPrincipalId} hint={t('content.overallHint')} value={f.overallPrincipalId} onChange={(v) => edit.set({ overallPrincipalId: v })}
            placeholder={t('common.choose')} options={principalIds.map((id) => ({ value: id, label: view.principals.get(id)?.name ?? id }))} error={edit.errors.of('overallPrincipalId')} />
          <TextField type="date" name="nextFollowUpOn" label={labels.nextFollowUpOn} value={f.nextFollowUpOn} onChange={(v) => edit.set({ nextFollowUpOn: v })} error={edit.errors.of('nextFollowUpOn')} />
          <Checkbox name="noMeasuresByOthers" label={labels.noMeasuresByOthers} hint={t('content.noMeasuresHint')} checked={f.noMeasuresByOthers === 'yes'} onChange={(on) => edit.set({ noMeasuresByOthers: on ? 'yes' : '' })} />
          <FormActions save={t('common.save')} onCancel={edit.stop} />
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
