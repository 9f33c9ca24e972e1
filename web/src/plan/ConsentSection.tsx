/**
 * Samtycke. Consent is never general (SIP.md §2): it names the units that may share, the period,
 * and what it does not cover; oral or written. Without it the agencies may not share what secrecy
 * protects (offentlighets- och sekretesslagen 2009:400, 25 and 26 kap; SoL 2 kap 7 §).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Consent, Unit } from '../api/types.ts';
import { useQuery } from '@tanstack/react-query';
import { addDays, formatDay, formatDateTime, today } from '../format.ts';
import { Checkbox, Group, Radio, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { focusFirstField } from '../components/focus.ts';
import { personName, unitName, usePlanView } from './PlanContext.ts';
import { participatingUnitIds } from './next-step.ts';
import { HelpLink } from '../help/HelpLink.tsx';

export function ConsentSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const open = !['closed', 'cancelled'].includes(plan.state);
  return (
    <section aria-labelledby="consent-title">
      <Participants />
      <h2 id="consent-title">{t('consent.title')}</h2>
      <HelpLink step="consent" />
      <p className="law">{t('consent.why')}</p>
      {plan.consents.length === 0 ? <p className="empty">{t('consent.none')}</p> : (
        <ul className="cards">{plan.consents.map((c) => <ConsentCard key={c.id} consent={c} />)}</ul>
      )}
      {open && <RecordConsent />}
    </section>
  );
}

/**
 * Who takes part: units join a plan here (a new unit sees the plan only once a consent covers it),
 * and relatives or others the family wants there (SoL 2 kap 7 §: the plan is drawn up with the person).
 */
function Participants() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<Unit[]>('/units'), staleTime: 300_000 });
  const taking = new Set(participatingUnitIds(plan));
  const [unitId, setUnitId] = useState('');
  const [relative, setRelative] = useState({ name: '', roleNote: '' });
  const errors = useServerErrors();
  const open = !['closed', 'cancelled'].includes(plan.state);
  const add = (body: Record<string, unknown>) => errors.run(async () => {
    await api.post(`/plans/${plan.id}/participants`, body);
    setUnitId('');
    setRelative({ name: '', roleNote: '' });
    await view.refresh();
  });
  const others = plan.participants.filter((p) => p.kind === 'relative' || p.kind === 'other');
  return (
    <section aria-labelledby="participants-title">
      <h2 id="participants-title">{t('participants.title')}</h2>
      <ul className="plain">
        {plan.participants.filter((p) => p.kind === 'unit').map((p) => <li key={p.id}>{p.unitName} <span className="meta">({p.principalName})</span></li>)}
        {plan.guardians.map((g) => <li key={g.id}>{g.givenName} {g.familyName} <span className="meta">({t('consent.role.guardian')})</span></li>)}
        {others.map((p) => <li key={p.id}>{p.name} <span className="meta">({p.roleNote || t(`participants.kind.${p.kind}`)})</span></li>)}
      </ul>
      {open && (
        <div className="two">
          <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void add({ kind: 'unit', unitId }); }} className="card form" aria-labelledby="add-unit">
            <h3 id="add-unit">{t('participants.addUnit')}</h3>
            <ErrorSummary error={errors.error} />
            <SelectField name="unitId" label={t('fields.unitId')} value={unitId} onChange={setUnitId} placeholder={t('common.choose')} required
              options={(units.data ?? []).filter((u) => !taking.has(u.id)).map((u) => ({ value: u.id, label: `${u.name} (${u.principalName})` }))} error={errors.of('unitId')} />
            <p className="hint">{t('participants.consentHint')}</p>
            <button type="submit" className="button">{t('participants.add')}</button>
          </form>
          <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void add({ kind: 'relative', name: relative.name, roleNote: relative.roleNote || null }); }} className="card form" aria-labelledby="add-relative">
            <h3 id="add-relative">{t('participants.addRelative')}</h3>
            <TextField name="name" label={t('fields.name')} value={relative.name} onChange={(v) => setRelative({ ...relative, name: v })} error={errors.of('name')} required />
            <TextField name="roleNote" label={t('fields.roleNote')} hint={t('participants.roleHint')} value={relative.roleNote} onChange={(v) => setRelative({ ...relative, roleNote: v })} error={errors.of('roleNote')} />
            <button type="submit" className="button">{t('participants.add')}</button>
          </form>
        </div>
      )}
    </section>
  );
}

function ConsentCard({ consent: c }: { consent: Consent }) {
  const { t } = useTranslation();
  const view = usePlanView();
  const [withdrawing, setWithdrawing] = useState(false);
  const [note, setNote] = useState('');
  const errors = useServerErrors();
  const withdraw = errors.submit(async () => {
    await api.post(`/plans/${view.plan.id}/consents/${c.id}/withdraw`, { note: note || null }, c.version);
    setWithdrawing(false);
    await view.refresh();
  });
  const status = c.withdrawnAt ? t('consent.withdrawn', { when: formatDateTime(c.withdrawnAt) }) : c.active ? t('consent.active') : !c.sufficient ? t('consent.insufficient') : t('consent.notValidNow');
  return (
    <li className={`card consent${c.active ? '' : ' inactive'}`}>
      <p className="title">{t(`consent.form.${c.form}`)} · {status}</p>
      <dl className="mini">
        <div><dt>{t('fields.givenOn')}</dt><dd>{formatDay(c.givenOn, false)}</dd></div>
        <div><dt>{t('consent.period')}</dt><dd>{formatDay(c.validFrom, false)} – {formatDay(c.validUntil, false)}</dd></div>
        <div><dt>{t('consent.covers')}</dt><dd>{(c.unitIds ?? []).map((u) => unitName(view, u)).join(', ') || '–'}</dd></div>
        {(c.withdrawnUnitIds ?? []).length > 0 && <div><dt>{t('family.staff.unitsWithdrawn')}</dt><dd>{c.withdrawnUnitIds!.map((u) => unitName(view, u)).join(', ')}</dd></div>}
        <div><dt>{t('fields.excludes')}</dt><dd>{c.excludes || t('consent.nothingExcluded')}</dd></div>
        <div><dt>{t('consent.givers')}</dt><dd>{(c.givers ?? []).map((g) => `${personName(view.plan, g.personId)} (${t(`consent.role.${g.role}`)}): ${t(`consent.stance.${g.stance}`)}${g.refusalReason ? ` – ${g.refusalReason}` : ''}`).join('; ')}</dd></div>
      </dl>
      {!c.withdrawnAt && !withdrawing && <button type="button" className="button small" onClick={() => setWithdrawing(true)}>{t('consent.withdraw')}</button>}
      {withdrawing && (
        <form ref={focusFirstField} onSubmit={withdraw} className="inline-form" aria-label={t('consent.withdraw')}>
          <ErrorSummary error={errors.error} />
          <p>{t('consent.withdrawEffect')}</p>
          <TextArea name="note" label={t('fields.withdrawalNote')} value={note} onChange={setNote} error={errors.of('note')} />
          <div className="actions">
            <button type="submit" className="button danger">{t('consent.confirmWithdraw')}</button>
            <button type="button" className="button" onClick={() => setWithdrawing(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </li>
  );
}

type Stance = 'consents' | 'refuses' | '';

function RecordConsent() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const units = participatingUnitIds(plan);
  const people = [...plan.guardians.map((g) => ({ id: g.id, role: 'guardian' as const })), { id: plan.child.id, role: 'child' as const }];
  const [open, setOpen] = useState(plan.consents.every((c) => !c.active));
  const [f, setF] = useState({ form: 'written', givenOn: today(), validFrom: today(), validUntil: addDays(today(), 365), excludes: '' });
  const [stances, setStances] = useState<Record<string, Stance>>(Object.fromEntries(people.map((p) => [p.id, ''])));
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [chosen, setChosen] = useState<string[]>(units);
  const errors = useServerErrors();
  /** The people whose answer is sent, in the order sent: the server names a giver by this index. */
  const sent = people.filter((p) => stances[p.id]).map((p) => p.id);

  const submit = errors.submit(async () => {
    await api.post(`/plans/${plan.id}/consents`, {
      ...f, excludes: f.excludes || null, unitIds: chosen,
      givers: people.filter((p) => stances[p.id]).map((p) => ({ personId: p.id, role: p.role, stance: stances[p.id], refusalReason: stances[p.id] === 'refuses' ? reasons[p.id] || null : null })),
    });
    setOpen(false);
    await view.refresh();
  });
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)}>{t('consent.record')}</button>;
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="record-consent">
      <h3 id="record-consent">{t('consent.record')}</h3>
      <ErrorSummary error={errors.error} />
      <Group legend={t('fields.form')} error={errors.of('form')}>
        {(['written', 'oral'] as const).map((v) => <Radio key={v} name="form" value={v} checked={f.form === v} onChange={(x) => setF({ ...f, form: x })} label={t(`consent.form.${v}`)} />)}
      </Group>
      <Group legend={t('consent.givers')} hint={t('consent.giversHint')} error={errors.exact('givers')}>
        {people.map((p) => (
          <fieldset key={p.id} className="giver">
            <legend>{personName(plan, p.id)} ({t(`consent.role.${p.role}`)})</legend>
            {(['consents', 'refuses', ''] as const).map((s) => (
              <Radio key={s || 'none'} name={`stance-${p.id}`} value={s || 'none'} checked={stances[p.id] === s}
                onChange={() => setStances({ ...stances, [p.id]: s })} label={t(`consent.stance.${s || 'notAsked'}`)} />
            ))}
            {stances[p.id] === 'refuses' && <TextField name={`reason-${p.id}`} label={t('fields.refusalReason')} value={reasons[p.id] ?? ''} onChange={(v) => setReasons({ ...reasons, [p.id]: v })}
              error={errors.of(`givers/${sent.indexOf(p.id)}/refusalReason`)} required />}
          </fieldset>
        ))}
      </Group>
      <Group legend={t('consent.covers')} hint={t('consent.coversHint')} error={errors.of('unitIds')}>
        {units.map((u) => <Checkbox key={u} name={`cu-${u}`} label={unitName(view, u)} checked={chosen.includes(u)} onChange={(on) => setChosen(on ? [...chosen, u] : chosen.filter((x) => x !== u))} />)}
      </Group>
      <div className="three">
        <TextField type="date" name="givenOn" label={t('fields.givenOn')} value={f.givenOn} onChange={(v) => setF({ ...f, givenOn: v })} error={errors.of('givenOn')} required />
        <TextField type="date" name="validFrom" label={t('fields.validFrom')} value={f.validFrom} onChange={(v) => setF({ ...f, validFrom: v })} error={errors.of('validFrom')} required />
        <TextField type="date" name="validUntil" label={t('fields.validUntil')} value={f.validUntil} onChange={(v) => setF({ ...f, validUntil: v })} error={errors.of('validUntil')} required />
      </div>
      <TextArea name="excludes" label={t('fields.excludes')} hint={t('consent.excludesHint')} value={f.excludes} onChange={(v) => setF({ ...f, excludes: v })} error={errors.of('excludes')} />
      <FormActions save={t('consent.save')} onCancel={() => setOpen(false)} />
    </form>
  );
}
