/**
 * One deviation: what happened, which units, who handles it now (the nearest managers, or the
 * steering group once escalated), its measures with owners and dates, the next step, and its
 * history. Every change names the version it was made on; a stale one is refused (412) and the
 * page offers to read the new version.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { Radio, Group, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { formatDateTime, formatDay, today } from '../format.ts';
import { DEVIATIONS_KEY, type Deviation, type DeviationEvent } from './api.ts';
import { StatusTag } from './StatusTag.tsx';
import '../notifications/notifications.css';
import './deviations.css';

export function DeviationPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { deviationId } = useParams();
  const heading = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState('');
  const query = useQuery({ queryKey: [...DEVIATIONS_KEY, 'one', deviationId], retry: false, queryFn: () => api.getVersioned<Deviation>(`/deviations/${deviationId}`) });
  const d = query.data?.data;
  useEffect(() => { document.title = `${d ? d.title : t('deviations.title')} – Samplan`; }, [t, d]);
  useEffect(() => { if (d) heading.current?.focus(); }, [d?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (query.isPending) return <p role="status">{t('common.loading')}</p>;
  if (query.error instanceof ApiError && query.error.status === 404) return <section><h1>{t('errors.notFoundTitle')}</h1><p>{t('errors.notFound')}</p></section>;
  if (!d) return <p role="alert">{t('errors.network')}</p>;
  const version = query.data!.version;
  const open = d.status !== 'closed';

  return (
    <article className="deviation">
      <p><Link to="/avvikelser">{t('deviations.back')}</Link></p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{d.title}</h1>
        <StatusTag status={d.status} />
      </div>
      <p className="done-note" role="status">{done}</p>
      <dl className="facts">
        <div><dt>{t('deviations.reported')}</dt><dd>{formatDateTime(d.reportedAt)}, {d.reportedBy.name} ({d.reportedBy.unitName})</dd></div>
        {d.occurredOn && <div><dt>{t('deviations.fields.occurredOn')}</dt><dd>{formatDay(d.occurredOn)}</dd></div>}
        <div><dt>{t('deviations.plan')}</dt><dd>{d.planId ? <Link to={`/planer/${d.planId}`}>{d.planNumber}</Link> : t('deviations.general')}</dd></div>
        <div><dt>{t('deviations.handledBy')}</dt><dd>{d.agreement ? t('deviations.bySteering', { name: d.agreement.name }) : t('deviations.byManagers')}</dd></div>
      </dl>
      <section aria-labelledby="what-title">
        <h2 id="what-title">{t('deviations.what')}</h2>
        <p className="description">{d.description}</p>
      </section>
      <section aria-labelledby="units-title">
        <h2 id="units-title">{t('deviations.units')}</h2>
        <ul>
          {d.units.map((u) => <li key={u.id}>{u.name} – {u.managers.length ? t('deviations.managers', { names: u.managers.join(', ') }) : t('deviations.noManager')}</li>)}
        </ul>
        {d.agreement && <p>{t('deviations.steeringMembers', { name: d.agreement.name, names: d.agreement.members.join(', ') })}</p>}
        {d.escalationReason && <p><strong>{t('deviations.escalationReason')}:</strong> {d.escalationReason}</p>}
        {d.resolution && <p><strong>{t('deviations.resolution')}:</strong> {d.resolution}</p>}
      </section>
      <Measures d={d} version={version} onDone={setDone} staffId={me.staffId} />
      {open && d.you.handler && <AddMeasure d={d} version={version} onDone={setDone} />}
      {open && d.you.handler && d.you.nextEvents.length > 0 && <NextStep d={d} version={version} onDone={setDone} />}
      {open && !d.you.handler && <p className="hint">{t(d.you.reporter ? 'deviations.reporterHint' : 'deviations.readerHint')}</p>}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('deviations.history')}</h2>
        <ol className="history">
          {d.history.map((h, i) => (
            <li key={i}>
              <strong>{t(`deviations.status.${h.to}`)}</strong> – {formatDateTime(h.at)}{h.byName ? `, ${h.byName}` : ''}
              {h.note && <p className="description">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

type Props = { d: Deviation; version: number | null; onDone: (text: string) => void };

function Measures({ d, onDone, staffId }: Props & { staffId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useServerErrors();
  const markDone = (m: Deviation['measures'][number]) => errors.run(async () => {
    await api.patch(`/deviations/${d.id}/measures/${m.id}`, { doneOn: today() }, m.version);
    onDone(t('deviations.measureMarkedDone'));
    await queryClient.invalidateQueries({ queryKey: DEVIATIONS_KEY });
  });
  return (
    <section aria-labelledby="measures-title">
      <h2 id="measures-title">{t('deviations.measures')} <span className="count">{d.measures.length}</span></h2>
      <ErrorSummary error={errors.error} />
      {d.measures.length === 0 ? <p className="empty">{t('deviations.noMeasures')}</p> : (
        <table className="measures">
          <thead><tr><th scope="col">{t('deviations.fields.measure')}</th><th scope="col">{t('deviations.fields.owner')}</th><th scope="col">{t('deviations.fields.dueOn')}</th><th scope="col">{t('deviations.done')}</th></tr></thead>
          <tbody>
            {d.measures.map((m) => (
              <tr key={m.id}>
                <td>{m.description}</td>
                <td>{m.ownerName}</td>
                <td>{formatDay(m.dueOn)}</td>
                <td>
                  {m.doneOn ? <span className="measure-done">✓ {formatDay(m.doneOn)}</span>
                    : (d.you.handler || m.ownerStaffId === staffId) ? <button type="button" className="button small" onClick={() => void markDone(m)}>{t('deviations.markDone')}<span className="visually-hidden"> – {m.description}</span></button>
                      : t('deviations.notDone')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AddMeasure({ d, version, onDone }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useServerErrors();
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const submit = errors.submit(async () => {
    await api.post(`/deviations/${d.id}/measures`, { description, ownerStaffId: owner, dueOn }, version);
    setDescription(''); setOwner(''); setDueOn('');
    onDone(t('deviations.measureAdded'));
    await queryClient.invalidateQueries({ queryKey: DEVIATIONS_KEY });
  });
  return (
    <section aria-labelledby="add-measure-title">
      <h2 id="add-measure-title">{t('deviations.addMeasure')}</h2>
      <ErrorSummary error={errors.error} />
      <form onSubmit={submit} noValidate>
        <TextArea name="measure" label={t('deviations.fields.measure')} value={description} onChange={setDescription} required error={errors.of('description')} />
        <SelectField name="owner" label={t('deviations.fields.owner')} value={owner} onChange={setOwner} required placeholder={t('common.choose')} error={errors.of('ownerStaffId')}
          options={d.ownerCandidates.map((c) => ({ value: c.staffId, label: c.name }))} />
        <TextField name="dueOn" type="date" label={t('deviations.fields.dueOn')} value={dueOn} onChange={setDueOn} required error={errors.of('dueOn')} />
        <button type="submit" className="button">{t('deviations.addMeasureButton')}</button>
      </form>
    </section>
  );
}

function NextStep({ d, version, onDone }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useServerErrors();
  const [event, setEvent] = useState<DeviationEvent>(d.you.nextEvents[0]!);
  const [note, setNote] = useState('');
  const chosen = d.you.nextEvents.includes(event) ? event : d.you.nextEvents[0]!;
  const submit = errors.submit(async () => {
    await api.post(`/deviations/${d.id}/status`, { event: chosen, note: note || null }, version);
    setNote('');
    onDone(t(`deviations.didEvent.${chosen}`));
    await queryClient.invalidateQueries({ queryKey: DEVIATIONS_KEY });
  });
  return (
    <section aria-labelledby="next-title">
      <h2 id="next-title">{t('deviations.nextStep')}</h2>
      <p className="hint">{t(d.you.handler === 'steering_group' ? 'deviations.asSteering' : 'deviations.asManager')}</p>
      <ErrorSummary error={errors.error} />
      <form onSubmit={submit} noValidate>
        <Group legend={t('deviations.chooseStep')}>
          {d.you.nextEvents.map((e) => <Radio key={e} name="event" value={e} checked={chosen === e} onChange={(v) => setEvent(v as DeviationEvent)} label={t(`deviations.event.${e}`)} />)}
        </Group>
        <TextArea name="note" label={t(chosen === 'close' ? 'deviations.fields.resolution' : chosen === 'escalate' ? 'deviations.fields.escalationReason' : 'deviations.fields.note')}
          value={note} onChange={setNote} required={chosen === 'close' || chosen === 'escalate'} error={errors.of('note') ?? errors.of('measures')} />
        <button type="submit" className="button primary">{t(`deviations.event.${chosen}`)}</button>
      </form>
    </section>
  );
}
