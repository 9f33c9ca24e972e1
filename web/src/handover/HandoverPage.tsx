/**
 * Överlämning: the manager's queue of plans and interventions that a staff member left behind
 * (issue 6 item 4). The audits found that follow-ups drop when staff change; here the unit's
 * manager (närmaste chef) sees each one, why it is there and since when, and names who takes
 * over. Recording that someone has left the unit is done here too, after a confirmation that
 * says what it sets off.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me, StaffMember } from '../api/types.ts';
import { daysFromToday, formatDay } from '../format.ts';
import { SelectField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import '../notifications/notifications.css';

export interface HandoverItem {
  id: string;
  planId: string;
  planNumber: string;
  role: 'coordinator' | 'intervention';
  interventionId: string | null;
  interventionDescription: string | null;
  interventionDueOn: string | null;
  formerStaffId: string;
  formerStaffName: string;
  /** One of the reasons of handover_items (src/store/migrations/009_handover.sql). */
  reason: string;
  createdAt: string;
}
export interface HandoverQueue { items: HandoverItem[]; candidates: Array<{ staffId: string; name: string }> }

const QUEUE_KEY = ['handover'] as const;

export function HandoverPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const queueHeading = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState('');
  // The item leaves the queue once assigned, and its form with it: the focus goes to the queue's heading instead of being lost.
  const assigned = (text: string) => { setDone(text); queueHeading.current?.focus(); };
  const isManager = me.role === 'manager';
  const queue = useQuery({ queryKey: [...QUEUE_KEY, me.unitId], enabled: isManager, queryFn: () => api.get<HandoverQueue>('/handover') });
  const unitName = me.assignments.find((a) => a.unitId === me.unitId)?.unitName ?? '';
  useEffect(() => { document.title = `${t('handover.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);

  if (!isManager) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>{t('handover.title')}</h1>
        <p>{t('handover.managersOnly')}</p>
      </section>
    );
  }
  const items = queue.data?.items ?? [];
  return (
    <div className="handover">
      <h1 ref={heading} tabIndex={-1}>{t('handover.title')}</h1>
      <p className="lead">{t('handover.lead', { unit: unitName })}</p>
      {/* What was just done, said once to a screen reader and left on screen for everyone. */}
      <p className="done-note" role="status">{done}</p>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title" ref={queueHeading} tabIndex={-1}>{t('handover.queueTitle')} <span className="count">{items.length}</span></h2>
        {queue.isPending && <p role="status">{t('common.loading')}</p>}
        {queue.error && <p role="alert">{t('errors.network')}</p>}
        {queue.data && items.length === 0 && <p className="empty">{t('handover.empty')}</p>}
        {items.length > 0 && (
          <ul className="cards">
            {items.map((item) => <QueueItem key={item.id} item={item} candidates={queue.data!.candidates} onAssigned={assigned} />)}
          </ul>
        )}
      </section>
      <StaffLeaves me={me} unitName={unitName} onDone={setDone} />
    </div>
  );
}

function QueueItem({ item, candidates, onAssigned }: { item: HandoverItem; candidates: HandoverQueue['candidates']; onAssigned: (text: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [staffId, setStaffId] = useState('');
  const errors = useServerErrors();
  const titleId = `handover-${item.id}`;
  const days = -daysFromToday(item.createdAt);
  const choices = candidates.filter((c) => c.staffId !== item.formerStaffId);

  const submit = errors.submit(async () => {
    await api.post(`/handover/${item.id}/assign`, { staffId });
    const name = choices.find((c) => c.staffId === staffId)?.name ?? '';
    onAssigned(t(item.role === 'coordinator' ? 'handover.assignedCoordinator' : 'handover.assignedIntervention', { name, plan: item.planNumber }));
    // The plan, the worklist and the notices change with a new coordinator or responsible person.
    await Promise.all([QUEUE_KEY, ['plan', item.planId], ['worklist'], ['notifications']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  });

  return (
    <li className="card handover-item">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{t(`handover.role.${item.role}`, { plan: item.planNumber })}</h3>
        <dl className="mini">
          {item.interventionDescription && (
            <div><dt>{t('handover.intervention')}</dt><dd>{item.interventionDescription}{item.interventionDueOn && <> ({t('handover.dueOn', { date: formatDay(item.interventionDueOn) })})</>}</dd></div>
          )}
          <div><dt>{t('handover.why')}</dt><dd>{t(`handover.reason.${item.reason}`, { name: item.formerStaffName })}</dd></div>
          <div><dt>{t('handover.since')}</dt><dd>{formatDay(item.createdAt)} ({days <= 0 ? t('time.today') : t('handover.daysAgo', { count: days })})</dd></div>
        </dl>
        <p><Link to={`/planer/${item.planId}/plan`}>{t('handover.openPlan', { plan: item.planNumber })}</Link></p>
        <ErrorSummary error={errors.error} />
        <form onSubmit={submit}>
          <SelectField name={`staff-${item.id}`} label={t(item.role === 'coordinator' ? 'handover.newCoordinator' : 'handover.newResponsible')}
            value={staffId} onChange={setStaffId} placeholder={t('common.choose')} required error={errors.of('staffId')}
            options={choices.map((c) => ({ value: c.staffId, label: c.name }))} />
          <button type="submit" className="button primary">{t('handover.assign')}</button>
        </form>
        {choices.length === 0 && <p className="hint">{t('handover.noCandidates')}</p>}
      </article>
    </li>
  );
}

/** Recording that someone has left the unit: their plans come to the queue above. */
function StaffLeaves({ me, unitName, onDone }: { me: Me; unitName: string; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const staff = useQuery({ queryKey: ['staff', me.unitId], queryFn: () => api.get<StaffMember[]>(`/units/${me.unitId}/staff`) });
  const [staffId, setStaffId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const errors = useServerErrors();
  const confirmRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  // One row per person, whatever roles they hold in the unit; the manager cannot record their own leaving here.
  const people = [...new Map((staff.data ?? []).filter((s) => s.id !== me.staffId).map((s) => [s.id, s])).values()];
  const name = people.find((p) => p.id === staffId)?.name ?? '';
  const wasConfirming = useRef(false);
  // The confirmation takes the focus when it opens, and gives it back to the button that opened it when it closes.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) startRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const confirm = () => errors.run(async () => {
    const { handover } = await api.post<{ handover: number }>(`/units/${me.unitId}/staff/${staffId}/leave`);
    setConfirming(false);
    setStaffId('');
    onDone(handover > 0 ? t('handover.leftWithItems', { name, count: handover }) : t('handover.leftNoItems', { name }));
    await Promise.all([QUEUE_KEY, ['staff', me.unitId]].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  });

  return (
    <section aria-labelledby="leaves-title">
      <h2 id="leaves-title">{t('handover.leaveTitle')}</h2>
      <p>{t('handover.leaveLead', { unit: unitName })}</p>
      <ErrorSummary error={errors.error} />
      <form className="card form" onSubmit={(e) => { e.preventDefault(); if (staffId) setConfirming(true); }} aria-labelledby="leaves-title">
        <SelectField name="leaver" label={t('handover.whoLeft')} value={staffId} onChange={(v) => { setStaffId(v); setConfirming(false); }}
          placeholder={t('common.choose')} required options={people.map((p) => ({ value: p.id, label: `${p.name} (${t(`role.${p.role}`)})` }))} />
        {!confirming && <button ref={startRef} type="submit" className="button">{t('handover.leaveAction')}</button>}
        {confirming && (
          <div className="confirm" role="region" aria-labelledby="confirm-title" tabIndex={-1} ref={confirmRef}>
            <h3 id="confirm-title">{t('handover.confirmTitle', { name, unit: unitName })}</h3>
            <p>{t('handover.confirmLead')}</p>
            <ul>
              <li>{t('handover.confirmAccess', { name, unit: unitName })}</li>
              <li>{t('handover.confirmQueue', { name })}</li>
              <li>{t('handover.confirmTold')}</li>
              <li>{t('handover.confirmUndo')}</li>
            </ul>
            <div className="actions">
              <button type="button" className="button danger" onClick={() => void confirm()}>{t('handover.confirmAction', { name })}</button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
}
