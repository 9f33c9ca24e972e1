/** What the family does on its plan: answer, write, approve, narrow consent, answer the survey. */
import { ChangeList } from '../components/ChangeList.tsx';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { formatDateTime, formatDay } from '../format.ts';
import { diffVersions } from '../plan/version-diff.ts';
import type { FamilyInvitation, FamilyPlan, VoiceEntry } from './api.ts';

/** A family action: runs the call, reloads the plan, and keeps the server's words for an error. */
function useFamilyAction<T>(planId: string, call: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['family', 'plan', planId] }), queryClient.invalidateQueries({ queryKey: ['family', 'plans'] })]),
  });
}

function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError
    ? error.isConflict ? t('family.errors.stale') : (error.problems[0]?.message ?? error.message)
    : t('errors.network');
  return <p className="field-error" role="alert">{message}</p>;
}

export function InvitationAnswer({ planId, invitation }: { planId: string; invitation: FamilyInvitation }) {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const answer = useFamilyAction(planId, (body: { answer: 'accepted' | 'declined'; reason?: string }) =>
    api.post(`/family/plans/${planId}/invitations/${invitation.id}/answer`, body, invitation.myAnswer?.version ?? 0));
  const current = invitation.myAnswer?.answer;
  return (
    <div className="family-answer">
      {current && current !== 'pending' && (
        <p className="family-status" role="status">{current === 'accepted' ? t('family.next.youAccepted') : t('family.next.youDeclined')}</p>
      )}
      <div className="actions">
        <button type="button" className="button primary" disabled={answer.isPending} onClick={() => { setDeclining(false); answer.mutate({ answer: 'accepted' }); }}>{t('family.next.accept')}</button>
        <button type="button" className="button" aria-expanded={declining} onClick={() => setDeclining(true)}>{t('family.next.decline')}</button>
      </div>
      {declining && (
        <form className="card form" onSubmit={(e) => { e.preventDefault(); answer.mutate({ answer: 'declined', reason }); }}>
          <div className="field">
            <label htmlFor="decline-reason">{t('family.next.reason')}</label>
            <textarea id="decline-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </div>
          <button type="submit" className="button primary" disabled={answer.isPending}>{t('family.next.sendDecline')}</button>
        </form>
      )}
      <ErrorText error={answer.error} />
    </div>
  );
}

export function VoiceForm({ planId, kind, entry }: { planId: string; kind: 'my_goals' | 'what_matters'; entry: VoiceEntry | null }) {
  const { t } = useTranslation();
  const [text, setText] = useState(entry?.text ?? '');
  const [saved, setSaved] = useState(false);
  const save = useFamilyAction(planId, (value: string) => api.put(`/family/plans/${planId}/voice/${kind}`, { text: value }, entry?.version ?? 0));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(text, { onSuccess: () => setSaved(true) });
  };
  const id = `voice-${kind}`;
  return (
    <form className="card family-voice" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t(`family.voice.${kind}`)}</label>
        <p className="hint" id={`${id}-hint`}>{t(`family.voice.${kind}Hint`)}</p>
        <textarea id={id} aria-describedby={`${id}-hint`} value={text} onChange={(e) => { setText(e.target.value); setSaved(false); }} maxLength={4000} />
      </div>
      {entry && <p className="meta">{t('family.voice.writtenBy', { who: t(`family.voice.by.${entry.writtenRole}`), when: formatDateTime(entry.writtenAt) })}</p>}
      <button type="submit" className="button primary" disabled={save.isPending || !text.trim()}>{t('family.voice.save')}</button>
      {saved && <p className="ok-note" role="status">{t('family.voice.saved')}</p>}
      <ErrorText error={save.error} />
    </form>
  );
}

export function ApprovalCard({ plan }: { plan: FamilyPlan }) {
  const { t } = useTranslation();
  const a = plan.approval!;
  const [comment, setComment] = useState('');
  const [commenting, setCommenting] = useState(false);
  const decide = useFamilyAction(plan.id, (body: { decision: 'approved' | 'commented'; comment?: string }) =>
    api.post(`/family/plans/${plan.id}/approvals`, { versionNo: a.versionNo, ...body }));
  const changes = a.previous ? diffVersions(a.previous, a.current) : null;
  return (
    <section className="card family-card family-approval" aria-labelledby="approval-title">
      <h2 id="approval-title">{t('family.approval.title', { n: a.versionNo })}</h2>
      <p>{t('family.approval.made', { when: formatDay(a.createdAt), reason: a.reason })}</p>
      {changes === null ? <p>{t('family.approval.first')}</p> : changes.length === 0 ? <p>{t('family.approval.noChanges')}</p> : (
        <>
          <h3>{t('family.approval.changes', { n: a.previousVersionNo })}</h3>
          <ChangeList changes={changes} names={{
            unit: (id) => plan.units.find((u) => u.id === id)?.unitName ?? t('family.approval.otherUnit'),
            principal: (id) => plan.principals.find((p) => p.id === id)?.name ?? id,
            person: () => t('family.approval.otherPerson'),
          }} />
        </>
      )}
      {a.mine ? (
        <p className="family-status" role="status">
          {a.mine.decision === 'approved' ? t('family.approval.youApproved', { when: formatDateTime(a.mine.decidedAt) }) : t('family.approval.youCommented', { when: formatDateTime(a.mine.decidedAt) })}
        </p>
      ) : (
        <>
          <p>{t('family.approval.ask')}</p>
          <div className="actions">
            <button type="button" className="button primary" disabled={decide.isPending} onClick={() => decide.mutate({ decision: 'approved' })}>{t('family.approval.approve')}</button>
            <button type="button" className="button" aria-expanded={commenting} onClick={() => setCommenting(true)}>{t('family.approval.comment')}</button>
          </div>
          {commenting && (
            <form className="card form" onSubmit={(e) => { e.preventDefault(); decide.mutate({ decision: 'commented', comment }); }}>
              <div className="field">
                <label htmlFor="approval-comment">{t('family.approval.commentLabel')}</label>
                <textarea id="approval-comment" value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />
              </div>
              <button type="submit" className="button primary" disabled={decide.isPending}>{t('family.approval.send')}</button>
            </form>
          )}
        </>
      )}
      {a.others.length > 0 && <p className="meta">{t('family.approval.others', { count: a.others.filter((o) => o.decision === 'approved').length })}</p>}
      <ErrorText error={decide.error} />
    </section>
  );
}


export function ConsentCard({ plan }: { plan: FamilyPlan }) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState<{ unitId: string; give: boolean } | 'all' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The whole consent in one call: one transaction and one notice to the coordinator, and no
  // stale version can leave a consent standing.
  const change = useFamilyAction(plan.id, (c: { unitId: string; give: boolean } | 'all') => c === 'all'
    ? api.post(`/family/plans/${plan.id}/consents/withdraw-all`, {})
    : api.post(`/family/plans/${plan.id}/consent/units/${c.unitId}/${c.give ? 'give' : 'withdraw'}`));
  const target = confirm && confirm !== 'all' ? plan.units.find((u) => u.id === confirm.unitId) : undefined;
  const run = (c: { unitId: string; give: boolean } | 'all', message: string) =>
    change.mutate(c, { onSuccess: () => { setDone(message); setConfirm(null); } });
  return (
    <section className="card family-card" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('family.consent.title')}</h2>
      <p>{plan.as === 'child' ? t('family.consent.whyOwn') : t('family.consent.why')}</p>
      <ul className="family-units">
        {plan.units.map((u) => (
          <li key={u.id}>
            <span className="family-unit-name">{u.unitName}{u.principalName ? <span className="meta"> ({u.principalName})</span> : null}</span>
            {u.covered ? (
              <>
                <span className="covered">{t('family.consent.covered')}</span>
                <button type="button" className="button small" onClick={() => { setDone(null); setConfirm({ unitId: u.id, give: false }); }}
                  aria-label={t('family.consent.removeUnit', { unit: u.unitName })}>{t('family.consent.remove')}</button>
              </>
            ) : (
              <>
                <span className="locked">{u.pending?.iGave ? t('family.consent.waiting') : t('family.consent.notCovered')}</span>
                {!u.pending?.iGave && (
                  <button type="button" className="button small" onClick={() => { setDone(null); setConfirm({ unitId: u.id, give: true }); }}
                    aria-label={t('family.consent.giveUnit', { unit: u.unitName })}>{t('family.consent.give')}</button>
                )}
                {u.pending && !u.pending.iGave && <span className="hint">{t('family.consent.otherGave')}</span>}
              </>
            )}
          </li>
        ))}
      </ul>
      {target && confirm !== 'all' && confirm && (
        <div className="card form" role="group" aria-labelledby="consent-confirm">
          <p id="consent-confirm"><strong>{confirm.give ? t('family.consent.giveConfirm', { unit: target.unitName }) : t('family.consent.confirm', { unit: target.unitName })}</strong></p>
          <p>{confirm.give ? t('family.consent.giveEffect') : t('family.consent.effect')}</p>
          <div className="actions">
            <button type="button" className={confirm.give ? 'button primary' : 'button danger'} disabled={change.isPending}
              onClick={() => run(confirm, confirm.give ? t('family.consent.given') : t('family.consent.done', { unit: target.unitName }))}>
              {confirm.give ? t('family.consent.giveButton') : t('family.consent.confirmButton')}
            </button>
            <button type="button" className="button" onClick={() => setConfirm(null)}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
      {confirm === 'all' && (
        <div className="card form" role="group" aria-labelledby="consent-all-confirm">
          <p id="consent-all-confirm"><strong>{t('family.consent.withdrawAllConfirm')}</strong></p>
          <div className="actions">
            <button type="button" className="button danger" disabled={change.isPending} onClick={() => run('all', t('family.consent.withdrawnAll'))}>{t('family.consent.withdrawAllButton')}</button>
            <button type="button" className="button" onClick={() => setConfirm(null)}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
      {done && <p className="ok-note" role="status">{done}</p>}
      <ErrorText error={change.error} />
      {plan.consents.some((c) => c.active) && confirm !== 'all' && (
        <p><button type="button" className="link-button" onClick={() => { setDone(null); setConfirm('all'); }}>{t('family.consent.withdrawAll')}</button></p>
      )}
      <p className="hint">{t('family.consent.giveHint')}</p>
    </section>
  );
}

export function SurveyForm({ planId, meeting }: { planId: string; meeting: FamilyPlan['meetings'][number] }) {
  const { t } = useTranslation();
  const [listened, setListened] = useState<number | null>(null);
  const [clear, setClear] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const send = useFamilyAction(planId, () => api.post(`/family/plans/${planId}/meetings/${meeting.id}/survey`, { listened, clearWhoDoesWhat: clear, comment: comment || null }));
  const scale = (name: string, legend: string, value: number | null, set: (n: number) => void) => (
    <fieldset className="family-scale">
      <legend>{legend}</legend>
      <p className="hint">{t('family.survey.scale')}</p>
      <div className="family-scale-options">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}><input type="radio" name={`${name}-${meeting.id}`} value={n} checked={value === n} onChange={() => set(n)} /> {n}</label>
        ))}
      </div>
    </fieldset>
  );
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); send.mutate(undefined); }}>
      <h3>{t('family.survey.meeting', { when: formatDateTime(meeting.heldAt) })}</h3>
      {scale('listened', t('family.survey.listened'), listened, setListened)}
      {scale('clear', t('family.survey.clear'), clear, setClear)}
      <div className="field">
        <label htmlFor={`survey-comment-${meeting.id}`}>{t('family.survey.comment')}</label>
        <textarea id={`survey-comment-${meeting.id}`} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
      </div>
      <button type="submit" className="button primary" disabled={send.isPending || listened === null || clear === null}>{t('family.survey.send')}</button>
      <ErrorText error={send.error} />
    </form>
  );
}
