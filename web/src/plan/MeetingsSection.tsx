/**
 * Kallelse och möten. A written invitation states purpose, question, time, place or video link,
 * invitees and meeting leader (Skåne's SIP routine); each invited unit answers, and a decline
 * carries its reason (a declined SIP is a deviation to follow up). The meeting records who came
 * and whether the child took part (Barnkonventionen art. 12, lag 2018:1197).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Invitation, Invitee, StaffMember } from '../api/types.ts';
import { useQueries } from '@tanstack/react-query';
import { formatDateTime, isoToStockholmLocal, stockholmToIso } from '../format.ts';
import { Checkbox, Group, Radio, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { focusFirstField } from '../components/focus.ts';
import { personName, unitName, usePlanView } from './PlanContext.ts';
import { participatingUnitIds } from './next-step.ts';
import { HelpLink } from '../help/HelpLink.tsx';
import { UnitProfilePanel } from '../directory/UnitProfilePanel.tsx';

export function MeetingsSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const open = !['closed', 'cancelled'].includes(plan.state);
  return (
    <>
      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t('meetings.invitations')}</h2>
        <HelpLink step="invitation" />
        {plan.invitations.length === 0 ? <p className="empty">{t('meetings.noInvitations')}</p> : (
          <ul className="cards">{[...plan.invitations].reverse().map((i) => <InvitationCard key={i.id} invitation={i} />)}</ul>
        )}
        {/* Every SIP meeting is called with a kallelse, the first and the follow-ups alike (src/domain/plan-lifecycle.ts). */}
        {!['closed', 'cancelled'].includes(plan.state) && <SendInvitation />}
      </section>
      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">{t('meetings.meetings')}</h2>
        {plan.meetings.length === 0 ? <p className="empty">{t('meetings.noMeetings')}</p> : (
          <ul className="cards">
            {plan.meetings.map((m) => (
              <li key={m.id} className="card">
                <p className="title">{t(`meetings.kind.${m.kind}`)} · {formatDateTime(m.heldAt)}{m.byVideo ? ` · ${t('meetings.video')}` : ''}</p>
                <p>{m.childPresent ? t('meetings.childPresent') : t('meetings.childAbsent')}</p>
                <p>{t('meetings.attended')}: {(m.attendance ?? []).map((a) => (a.unitId ? unitName(view, a.unitId) : a.personId ? personName(plan, a.personId) : a.name)).join(', ')}</p>
                {m.notes && <p className="notes">{m.notes}</p>}
              </li>
            ))}
          </ul>
        )}
        {open && <RecordMeeting />}
      </section>
    </>
  );
}

function InvitationCard({ invitation: i }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const leaderStaff = useQueries({ queries: participatingUnitIds(view.plan).map((u) => ({ queryKey: ['staff', u], staleTime: 300_000, queryFn: () => api.get<StaffMember[]>(`/units/${u}/staff`) })) });
  const leader = leaderStaff.flatMap((q) => q.data ?? []).find((s) => s.id === i.meetingLeaderId)?.name;
  const mine = (i.invitees ?? []).find((iv) => iv.unitId === view.me.unitId && iv.answer === 'pending');
  return (
    <li className="card invitation">
      <p className="title">{formatDateTime(i.startsAt)}</p>
      <dl className="mini">
        <div><dt>{t('fields.purpose')}</dt><dd>{i.purpose}</dd></div>
        <div><dt>{t('fields.question')}</dt><dd>{i.question}</dd></div>
        <div><dt>{t('fields.place')}</dt><dd>{i.place || '–'}</dd></div>
        {i.videoLink && <div><dt>{t('fields.videoLink')}</dt><dd><a href={i.videoLink} rel="noreferrer noopener">{i.videoLink}</a></dd></div>}
        {leader && <div><dt>{t('fields.meetingLeaderId')}</dt><dd>{leader}</dd></div>}
      </dl>
      <h3 className="h4">{t('meetings.answers')}</h3>
      <ul className="plain answers">
        {(i.invitees ?? []).map((iv) => (
          <li key={iv.id}>{iv.unitId ? unitName(view, iv.unitId) : personName(view.plan, iv.personId)}: <strong>{t(`meetings.answer.${iv.answer}`)}</strong>{iv.declineReason ? ` – ${iv.declineReason}` : ''}</li>
        ))}
      </ul>
      {mine && <AnswerInvitation invitation={i} invitee={mine} />}
    </li>
  );
}

function AnswerInvitation({ invitation, invitee }: { invitation: Invitation; invitee: Invitee }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const [answer, setAnswer] = useState<'accepted' | 'declined' | ''>('');
  const [reason, setReason] = useState('');
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/invitations/${invitation.id}/answer`, { answer, reason: answer === 'declined' ? reason || null : null }, invitee.version);
    await view.refresh();
  });
  return (
    <form ref={focusFirstField} onSubmit={submit} className="inline-form answer-form" aria-labelledby={`answer-${invitation.id}`}>
      <h3 className="h4" id={`answer-${invitation.id}`}>{t('meetings.answerFor', { unit: unitName(view, view.me.unitId) })}</h3>
      <ErrorSummary error={errors.error} />
      <Group legend={t('fields.answer')} error={errors.of('answer')}>
        <Radio name={`a-${invitation.id}`} value="accepted" checked={answer === 'accepted'} onChange={() => setAnswer('accepted')} label={t('meetings.accept')} />
        <Radio name={`a-${invitation.id}`} value="declined" checked={answer === 'declined'} onChange={() => setAnswer('declined')} label={t('meetings.decline')} />
      </Group>
      {answer === 'declined' && <TextArea name="reason" label={t('fields.declineReason')} hint={t('meetings.declineHint')} value={reason} onChange={setReason} error={errors.of('reason')} required />}
      <button type="submit" className="button primary" disabled={!answer}>{t('meetings.sendAnswer')}</button>
    </form>
  );
}

function SendInvitation() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const units = participatingUnitIds(plan).filter((u) => u !== view.me.unitId);
  const people = [...plan.guardians.map((g) => g.id), plan.child.id];
  const [open, setOpen] = useState(plan.state === 'initiated');
  const [f, setF] = useState({ purpose: '', question: '', startsAt: '', endsAt: '', place: '', videoLink: '', meetingLeaderId: view.me.staffId, noteTakerId: '' });
  const [invUnits, setInvUnits] = useState<string[]>(units);
  const [invPeople, setInvPeople] = useState<string[]>(plan.guardians.map((g) => g.id));
  const errors = useServerErrors();
  // Anyone from a participating unit may lead the meeting or take notes, not only the one who calls it.
  const staffOfUnits = useQueries({
    queries: participatingUnitIds(plan).map((u) => ({ queryKey: ['staff', u], staleTime: 300_000, queryFn: () => api.get<StaffMember[]>(`/units/${u}/staff`) })),
  });
  const staffOptions = participatingUnitIds(plan).flatMap((u, i) => (staffOfUnits[i]?.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${unitName(view, u)})` })))
    .filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  const submit = errors.submit(async () => {
    await api.post(`/plans/${plan.id}/invitations`, {
      purpose: f.purpose || null, question: f.question || null,
      startsAt: f.startsAt ? stockholmToIso(f.startsAt) : null, endsAt: f.endsAt ? stockholmToIso(f.endsAt) : null,
      place: f.place || null, videoLink: f.videoLink || null, meetingLeaderId: f.meetingLeaderId || null, noteTakerId: f.noteTakerId || null,
      invitees: [...invUnits.map((unitId) => ({ unitId })), ...invPeople.map((personId) => ({ personId }))],
    }, view.version);
    setOpen(false);
    await view.refresh();
  });
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('meetings.newInvitation')}</button>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="send-invitation">
      <h3 id="send-invitation">{t('meetings.newInvitation')}</h3>
      <p className="law">{t('meetings.invitationLaw')}</p>
      <ErrorSummary error={errors.error} />
      <TextArea name="purpose" label={t('fields.purpose')} hint={t('meetings.purposeHint')} value={f.purpose} onChange={(v) => setF({ ...f, purpose: v })} error={errors.of('purpose')} required />
      <TextArea name="question" label={t('fields.question')} hint={t('meetings.questionHint')} value={f.question} onChange={(v) => setF({ ...f, question: v })} error={errors.of('question')} required />
      <div className="two">
        <TextField type="datetime-local" name="startsAt" label={t('fields.startsAt')} value={f.startsAt} onChange={(v) => setF({ ...f, startsAt: v, endsAt: f.endsAt || (v ? isoToStockholmLocal(new Date(Date.parse(stockholmToIso(v)) + 90 * 60_000).toISOString()) : '') })} error={errors.of('startsAt') ?? errors.of('time')} required />
        <TextField type="datetime-local" name="endsAt" label={t('fields.endsAt')} value={f.endsAt} onChange={(v) => setF({ ...f, endsAt: v })} error={errors.of('endsAt')} required />
      </div>
      <TextField name="place" label={t('fields.place')} value={f.place} onChange={(v) => setF({ ...f, place: v })} error={errors.of('place') ?? errors.of('place_or_video')} hint={t('meetings.placeHint')} />
      <TextField name="videoLink" type="url" label={t('fields.videoLink')} value={f.videoLink} onChange={(v) => setF({ ...f, videoLink: v })} error={errors.of('videoLink')} />
      <Group legend={t('meetings.invitees')} error={errors.of('invitees')}>
        {/* Each unit's directory entry beside it: whom the invitation reaches, and what they can bring. */}
        {units.map((u) => (
          <div key={u} className="invitee-unit">
            <Checkbox name={`iu-${u}`} label={unitName(view, u)} checked={invUnits.includes(u)} onChange={(on) => setInvUnits(on ? [...invUnits, u] : invUnits.filter((x) => x !== u))} />
            <UnitProfilePanel unitId={u} />
          </div>
        ))}
        {people.map((p) => <Checkbox key={p} name={`ip-${p}`} label={personName(plan, p)} checked={invPeople.includes(p)} onChange={(on) => setInvPeople(on ? [...invPeople, p] : invPeople.filter((x) => x !== p))} />)}
      </Group>
      <div className="two">
        <SelectField name="meetingLeaderId" label={t('fields.meetingLeaderId')} value={f.meetingLeaderId} onChange={(v) => setF({ ...f, meetingLeaderId: v })} placeholder={t('common.choose')} options={staffOptions} error={errors.of('meetingLeaderId')} required />
        <SelectField name="noteTakerId" label={t('fields.noteTakerId')} value={f.noteTakerId} onChange={(v) => setF({ ...f, noteTakerId: v })} placeholder={t('common.none')} options={staffOptions} error={errors.of('noteTakerId')} />
      </div>
      <FormActions save={t('meetings.send')} onCancel={() => setOpen(false)} />
    </form>
  );
}

function RecordMeeting() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const units = participatingUnitIds(plan);
  const people = [...plan.guardians.map((g) => g.id), plan.child.id];
  const last = plan.invitations.at(-1);
  const [open, setOpen] = useState(false);
  const heldDefault = last ? isoToStockholmLocal(new Date(Math.min(Date.parse(last.startsAt), Date.now())).toISOString()) : '';
  const [f, setF] = useState({ invitationId: last?.id ?? '', kind: plan.meetings.length === 0 ? 'first' : 'follow_up', heldAt: heldDefault, byVideo: false, childPresent: '', notes: '' });
  // Those who declined the invitation are not ticked as present.
  const declined = new Set((last?.invitees ?? []).filter((iv) => iv.answer === 'declined').map((iv) => iv.unitId ?? iv.personId));
  const [att, setAtt] = useState<string[]>([...units, ...people].filter((id) => !declined.has(id)));
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post(`/plans/${plan.id}/meetings`, {
      invitationId: f.invitationId || null, kind: f.kind, heldAt: f.heldAt ? stockholmToIso(f.heldAt) : '', byVideo: f.byVideo,
      childPresent: f.childPresent === 'yes', notes: f.notes || null,
      attendance: att.map((id) => (units.includes(id) ? { unitId: id } : { personId: id })),
    });
    setOpen(false);
    await view.refresh();
  });
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('meetings.record')}</button>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="record-meeting">
      <h3 id="record-meeting">{t('meetings.record')}</h3>
      <ErrorSummary error={errors.error} />
      <div className="two">
        <SelectField name="invitationId" label={t('fields.invitationId')} value={f.invitationId} onChange={(v) => setF({ ...f, invitationId: v })} placeholder={t('common.none')}
          options={plan.invitations.map((i) => ({ value: i.id, label: formatDateTime(i.startsAt) }))} error={errors.of('invitationId')} />
        <SelectField name="kind" label={t('fields.kind')} value={f.kind} onChange={(v) => setF({ ...f, kind: v })} options={(['first', 'follow_up'] as const).map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))} error={errors.of('kind')} />
      </div>
      <TextField type="datetime-local" name="heldAt" label={t('fields.heldAt')} value={f.heldAt} onChange={(v) => setF({ ...f, heldAt: v })} error={errors.of('heldAt')} required />
      <Checkbox name="byVideo" label={t('fields.byVideo')} checked={f.byVideo} onChange={(v) => setF({ ...f, byVideo: v })} />
      <Group legend={t('fields.childPresent')} hint={t('meetings.childPresentHint')} error={errors.of('childPresent')}>
        <Radio name="childPresent" value="yes" checked={f.childPresent === 'yes'} onChange={() => setF({ ...f, childPresent: 'yes' })} label={t('common.yes')} />
        <Radio name="childPresent" value="no" checked={f.childPresent === 'no'} onChange={() => setF({ ...f, childPresent: 'no' })} label={t('common.no')} />
      </Group>
      <Group legend={t('meetings.attended')} error={errors.of('attendance')}>
        {[...units, ...people].map((id) => (
          <Checkbox key={id} name={`att-${id}`} label={units.includes(id) ? unitName(view, id) : personName(plan, id)} checked={att.includes(id)} onChange={(on) => setAtt(on ? [...att, id] : att.filter((x) => x !== id))} />
        ))}
      </Group>
      <TextArea name="notes" label={t('fields.notes')} value={f.notes} onChange={(v) => setF({ ...f, notes: v })} error={errors.of('notes')} rows={4} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={!f.childPresent}>{t('meetings.saveMeeting')}</button>
        <button type="button" className="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
