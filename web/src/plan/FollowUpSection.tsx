/**
 * Uppföljning, utvärdering och avslut: the follow-up revises the plan into a new version and sets
 * the next date; the evaluation judges each goal (with the child's and the guardians' view); a plan
 * is closed with a reason after a final evaluation (Skåne's SIP routine), or cancelled with a reason.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Evaluation } from '../api/types.ts';
import { addDays, formatDay, today } from '../format.ts';
import { Checkbox, Group, Radio, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { focusFirstField } from '../components/focus.ts';
import { usePlanView } from './PlanContext.ts';
import { HelpLink } from '../help/HelpLink.tsx';

const CLOSURE_REASONS = ['goals_reached', 'consent_withdrawn', 'moved', 'transferred', 'turned_18', 'other'] as const;
const OUTCOMES: Array<Evaluation['outcome']> = ['reached', 'partly_reached', 'not_reached'];

export function FollowUpSection() {
  const { t } = useTranslation();
  const { plan } = usePlanView();
  return (
    <>
      <section aria-labelledby="followups-title">
        <h2 id="followups-title">{t('followUp.title')}</h2>
        <HelpLink step="follow_up" />
        {plan.followUps.length === 0 ? <p className="empty">{t('followUp.none')}</p> : (
          <ul className="plain">
            {plan.followUps.map((f) => (
              <li key={f.id}>{formatDay(f.heldOn)}{f.heldInTime === false ? ` (${t('followUp.late')})` : ''} – {t('followUp.newVersion', { n: f.newVersion })}{f.note ? `: ${f.note}` : ''}</li>
            ))}
          </ul>
        )}
        {['established', 'evaluated'].includes(plan.state) && <FollowUpForm />}
      </section>
      <section aria-labelledby="evaluations-title">
        <h2 id="evaluations-title">{t('evaluation.title')}</h2>
        <HelpLink step="evaluation" />
        {plan.evaluations.length === 0 ? <p className="empty">{t('evaluation.none')}</p> : (
          <ul className="plain">
            {plan.evaluations.map((e) => {
              const goal = plan.goals.find((g) => g.id === e.goalId);
              return <li key={e.id}>{t('evaluation.round', { n: e.round })}{e.isFinal ? ` (${t('evaluation.final')})` : ''}: {goal?.childWords ?? goal?.professionalWording} – <strong>{t(`evaluation.outcome.${e.outcome}`)}</strong>{e.comment ? `. ${e.comment}` : ''}</li>;
            })}
          </ul>
        )}
        {plan.state === 'established' && <EvaluationForm />}
      </section>
      {plan.state === 'evaluated' && (plan.evaluations.some((e) => e.isFinal) ? <CloseForm /> : <p className="notice">{t('close.needsFinal')}</p>)}
      {['initiated', 'invited', 'mapped', 'established', 'evaluated'].includes(plan.state) && <CancelForm />}
      {plan.closedAt && <p className="ok-note">{t('close.closedOn', { when: formatDay(plan.closedAt), reason: t(`close.reason.${plan.closureReason}`) })}</p>}
      {plan.state === 'cancelled' && <p className="ok-note">{t('close.cancelled', { reason: plan.cancelReason })}</p>}
    </>
  );
}

function FollowUpForm() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ heldOn: today(), meetingId: '', note: '', nextFollowUpOn: addDays(today(), 90) });
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/follow-ups`, { heldOn: f.heldOn, meetingId: f.meetingId || null, note: f.note || null, nextFollowUpOn: f.nextFollowUpOn }, view.version);
    setOpen(false);
    await view.refresh();
  });
  if (!open) return <button type="button" className="button primary" onClick={() => setOpen(true)}>{t('followUp.action')}</button>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="followup-form">
      <h3 id="followup-form">{t('followUp.action')}</h3>
      <p className="hint">{t('followUp.lead')}</p>
      <ErrorSummary error={errors.error} />
      <div className="two">
        <TextField type="date" name="heldOn" label={t('fields.heldOn')} value={f.heldOn} onChange={(v) => setF({ ...f, heldOn: v })} error={errors.of('heldOn')} required />
        <TextField type="date" name="nextFollowUpOn" label={t('fields.nextFollowUpOn')} value={f.nextFollowUpOn} onChange={(v) => setF({ ...f, nextFollowUpOn: v })} error={errors.of('nextFollowUpOn')} required />
      </div>
      <SelectField name="meetingId" label={t('fields.meetingId')} value={f.meetingId} onChange={(v) => setF({ ...f, meetingId: v })} placeholder={t('common.none')}
        options={view.plan.meetings.map((m) => ({ value: m.id, label: formatDay(m.heldAt) }))} error={errors.of('meetingId')} />
      <TextArea name="note" label={t('fields.note')} value={f.note} onChange={(v) => setF({ ...f, note: v })} error={errors.of('note')} />
      <FormActions save={t('followUp.save')} onCancel={() => setOpen(false)} />
    </form>
  );
}

interface GoalEvaluation { outcome: Evaluation['outcome'] | ''; comment: string; childView: string; guardianView: string }

function EvaluationForm() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [open, setOpen] = useState(false);
  const [final, setFinal] = useState(false);
  const [rows, setRows] = useState<Record<string, GoalEvaluation>>({});
  const errors = useServerErrors();
  const row = (id: string): GoalEvaluation => rows[id] ?? { outcome: '', comment: '', childView: '', guardianView: '' };
  const set = (id: string, patch: Partial<GoalEvaluation>) => setRows({ ...rows, [id]: { ...row(id), ...patch } });
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/evaluations`, {
      final,
      evaluations: view.plan.goals.filter((g) => row(g.id).outcome).map((g) => ({
        goalId: g.id, outcome: row(g.id).outcome, comment: row(g.id).comment || null, childView: row(g.id).childView || null, guardianView: row(g.id).guardianView || null,
      })),
    }, view.version);
    setOpen(false);
    await view.refresh();
  });
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('evaluation.action')}</button>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="evaluation-form">
      <h3 id="evaluation-form">{t('evaluation.action')}</h3>
      <ErrorSummary error={errors.error} />
      {view.plan.goals.map((g, i) => (
        <Group key={g.id} legend={`${t('content.goal')} ${i + 1}: ${g.childWords ?? g.professionalWording}`} error={errors.of(`evaluations/${i}`)}>
          {OUTCOMES.map((o) => <Radio key={o} name={`o-${g.id}`} value={o} checked={row(g.id).outcome === o} onChange={() => set(g.id, { outcome: o })} label={t(`evaluation.outcome.${o}`)} />)}
          <TextArea name={`comment-${g.id}`} label={t('fields.comment')} value={row(g.id).comment} onChange={(v) => set(g.id, { comment: v })} rows={2} />
          <TextArea name={`childView-${g.id}`} label={t('fields.childView')} value={row(g.id).childView} onChange={(v) => set(g.id, { childView: v })} rows={2} />
          <TextArea name={`guardianView-${g.id}`} label={t('fields.guardianView')} value={row(g.id).guardianView} onChange={(v) => set(g.id, { guardianView: v })} rows={2} />
        </Group>
      ))}
      <Checkbox name="final" label={t('evaluation.finalLabel')} hint={t('evaluation.finalHint')} checked={final} onChange={setFinal} />
      <FormActions save={t('evaluation.save')} onCancel={() => setOpen(false)} />
    </form>
  );
}

function CloseForm() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const errors = useServerErrors();
  const submit = errors.submit(async () => { await api.post(`/plans/${view.plan.id}/close`, { reason, note: note || null }, view.version); await view.refresh(); });
  return (
    <section aria-labelledby="close-title">
      <h2 id="close-title">{t('close.title')}</h2>
      <HelpLink step="closure" />
      <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="close-title">
        <ErrorSummary error={errors.error} />
        <SelectField name="reason" label={t('fields.closureReason')} value={reason} onChange={setReason} placeholder={t('common.choose')}
          options={CLOSURE_REASONS.map((r) => ({ value: r, label: t(`close.reason.${r}`) }))} error={errors.of('reason')} required />
        <TextArea name="note" label={t('fields.note')} value={note} onChange={setNote} error={errors.of('note')} />
        <button type="submit" className="button primary">{t('close.action')}</button>
      </form>
    </section>
  );
}

function CancelForm() {
  const { t } = useTranslation();
  const view = usePlanView();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const errors = useServerErrors();
  const submit = errors.submit(async () => { await api.post(`/plans/${view.plan.id}/cancel`, { reason }, view.version); await view.refresh(); });
  if (!open) return <p><button type="button" className="link-button" onClick={() => setOpen(true)}>{t('close.cancelAction')}</button></p>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="cancel-title">
      <h3 id="cancel-title">{t('close.cancelAction')}</h3>
      <ErrorSummary error={errors.error} />
      <TextArea name="cancelReason" label={t('fields.cancelReason')} value={reason} onChange={setReason} error={errors.of('reason')} required />
      <div className="actions">
        <button type="submit" className="button danger">{t('close.confirmCancel')}</button>
        <button type="button" className="button" onClick={() => setOpen(false)}>{t('common.back')}</button>
      </div>
    </form>
  );
}
