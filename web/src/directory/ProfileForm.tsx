/**
 * The unit's manager (or its principal's admin) writes the unit's entry. The edit carries the
 * version it started from; when someone else saved first, the conflict notice shows their change
 * beside this one, and only the fields changed here are sent again.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { Checkbox, Group, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { ConflictNotice } from '../components/ConflictNotice.tsx';
import { useVersionedEdit } from '../components/useVersionedEdit.ts';
import { focusFirstField } from '../components/focus.ts';
import { LAWS } from '../../../src/domain/unit-profile.ts';
import { DIRECTORY_KEY, type UnitProfile } from './api.ts';

interface ProfileFields { mandate: string; offers: string; laws: string; whoMayInitiate: string; phone: string; email: string; address: string; hours: string }

const fieldsOf = (p: UnitProfile): ProfileFields => ({
  mandate: p.mandate, offers: p.offers.join('\n'), laws: p.laws.join(', '), whoMayInitiate: p.whoMayInitiate,
  phone: p.phone ?? '', email: p.email ?? '', address: p.address ?? '', hours: p.hours ?? '',
});

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
const lawList = (s: string) => s.split(',').map((l) => l.trim()).filter(Boolean);

export function ProfileForm({ profile, onDone }: { profile: UnitProfile; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const labels: Record<keyof ProfileFields, string> = {
    mandate: t('directory.fields.mandate'), offers: t('directory.fields.offers'), laws: t('directory.fields.laws'), whoMayInitiate: t('directory.fields.whoMayInitiate'),
    phone: t('directory.fields.phone'), email: t('directory.fields.email'), address: t('directory.fields.address'), hours: t('directory.fields.hours'),
  };
  const edit = useVersionedEdit<ProfileFields>({
    labels,
    initial: { fields: fieldsOf(profile), version: profile.version },
    show: (k, v) => (!v ? '–' : k === 'laws' ? lawList(v).map((l) => t(`directory.law.${l}`)).join(', ') : v),
    latest: async () => {
      const fresh = await api.get<UnitProfile>(`/directory/units/${profile.unitId}/profile`);
      return { fields: fieldsOf(fresh), version: fresh.version };
    },
    save: (f, version) => api.put(`/directory/units/${profile.unitId}/profile`, {
      ...(f.mandate !== undefined ? { mandate: f.mandate } : {}),
      ...(f.offers !== undefined ? { offers: lines(f.offers) } : {}),
      ...(f.laws !== undefined ? { laws: lawList(f.laws) } : {}),
      ...(f.whoMayInitiate !== undefined ? { whoMayInitiate: f.whoMayInitiate } : {}),
      ...(f.phone !== undefined ? { phone: f.phone || null } : {}),
      ...(f.email !== undefined ? { email: f.email || null } : {}),
      ...(f.address !== undefined ? { address: f.address || null } : {}),
      ...(f.hours !== undefined ? { hours: f.hours || null } : {}),
    }, version).then(() => undefined),
    onSaved: () => { void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY }); onDone(true); },
  });
  const f = edit.draft;
  if (!f) return null;
  const of = edit.errors.of;
  const laws = lawList(f.laws);
  const toggleLaw = (law: string, on: boolean) => edit.set({ laws: LAWS.filter((l) => (l === law ? on : laws.includes(l))).join(', ') });
  return (
    <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void edit.submit(); }} className="inline-form" aria-label={t('directory.editTitle', { unit: profile.unitName })} noValidate>
      <ErrorSummary error={edit.errors.error} />
      {edit.conflict && <ConflictNotice changes={edit.conflict.changes} onReapply={edit.reapply} onDiscard={edit.discard} />}
      <TextArea name="mandate" label={labels.mandate} hint={t('directory.hints.mandate')} value={f.mandate} onChange={(v) => edit.set({ mandate: v })} rows={4} error={of('mandate')} />
      <TextArea name="offers" label={labels.offers} hint={t('directory.hints.offers')} value={f.offers} onChange={(v) => edit.set({ offers: v })} rows={4} error={of('offers')} />
      <Group legend={labels.laws} hint={t('directory.hints.laws')} error={of('laws')}>
        {LAWS.map((l) => <Checkbox key={l} name={`law-${l}`} label={t(`directory.law.${l}`)} checked={laws.includes(l)} onChange={(on) => toggleLaw(l, on)} />)}
      </Group>
      <TextArea name="whoMayInitiate" label={labels.whoMayInitiate} hint={t('directory.hints.whoMayInitiate')} value={f.whoMayInitiate} onChange={(v) => edit.set({ whoMayInitiate: v })} rows={2} error={of('whoMayInitiate')} />
      <div className="field-row">
        <TextField name="phone" type="tel" label={labels.phone} value={f.phone} onChange={(v) => edit.set({ phone: v })} error={of('phone')} maxLength={40} autoComplete="tel" />
        <TextField name="email" type="email" label={labels.email} value={f.email} onChange={(v) => edit.set({ email: v })} error={of('email')} maxLength={254} autoComplete="email" />
      </div>
      <TextField name="address" label={labels.address} value={f.address} onChange={(v) => edit.set({ address: v })} error={of('address')} maxLength={400} />
      <TextField name="hours" label={labels.hours} hint={t('directory.hints.hours')} value={f.hours} onChange={(v) => edit.set({ hours: v })} error={of('hours')} maxLength={400} />
      <FormActions save={t('directory.save')} onCancel={() => { edit.stop(); onDone(false); }} />
    </form>
  );
}
