/**
 * An admin of a principal that signed the source corrects an entry of the responsibility guide
 * (decision 0009). The edit carries the entry's version; when someone else saved first, their
 * change is shown beside this one.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { ConflictNotice } from '../components/ConflictNotice.tsx';
import { useVersionedEdit } from '../components/useVersionedEdit.ts';
import { focusFirstField } from '../components/focus.ts';
import { UNIT_KINDS } from '../../../src/domain/organisation.ts';
import { DIRECTORY_KEY, type Responsibility } from './api.ts';

interface EntryFields { need: string; keywords: string; responsibility: string; principalKind: string; unitKind: string; lifeArea: string; anchor: string }

const LIFE_AREAS = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'] as const;

const fieldsOf = (r: Responsibility): EntryFields => ({
  need: r.need, keywords: r.keywords, responsibility: r.responsibility, principalKind: r.principalKind,
  unitKind: r.unitKind ?? '', lifeArea: r.lifeArea ?? '', anchor: r.source.anchor ?? '',
});

export function ResponsibilityForm({ entry, onDone }: { entry: Responsibility; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const labels: Record<keyof EntryFields, string> = {
    need: t('responsibility.need'), keywords: t('responsibility.fields.keywords'), responsibility: t('responsibility.what'),
    principalKind: t('responsibility.responsible'), unitKind: t('directory.kindLabel'), lifeArea: t('responsibility.lifeAreaLabel'), anchor: t('responsibility.fields.anchor'),
  };
  const edit = useVersionedEdit<EntryFields>({
    labels,
    initial: { fields: fieldsOf(entry), version: entry.version },
    show: (k, v) => (!v ? '–' : k === 'principalKind' ? t(`responsibility.principalKind.${v}`) : k === 'unitKind' ? t(`admin.kind.${v}`) : k === 'lifeArea' ? t(`lifeArea.${v}`) : v),
    latest: async () => {
      const fresh = (await api.get<Responsibility[]>('/responsibilities')).find((r) => r.id === entry.id);
      return fresh ? { fields: fieldsOf(fresh), version: fresh.version } : null;
    },
    save: (f, version) => api.put(`/responsibilities/${entry.id}`, Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (k === 'unitKind' || k === 'lifeArea' || k === 'anchor') && v === '' ? null : v])), version).then(() => undefined),
    onSaved: () => { void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY }); onDone(true); },
  });
  const f = edit.draft;
  if (!f) return null;
  const of = edit.errors.of;
  return (
    <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void edit.submit(); }} className="inline-form responsibility-form" aria-label={t('responsibility.editTitle', { need: entry.need })} noValidate>
      <ErrorSummary error={edit.errors.error} />
      {edit.conflict && <ConflictNotice changes={edit.conflict.changes} onReapply={edit.reapply} onDiscard={edit.discard} />}
      <TextField name="need" label={labels.need} value={f.need} onChange={(v) => edit.set({ need: v })} error={of('need')} required maxLength={200} />
      <TextField name="keywords" label={labels.keywords} hint={t('responsibility.fields.keywordsHint')} value={f.keywords} onChange={(v) => edit.set({ keywords: v })} error={of('keywords')} maxLength={1000} />
      <TextArea name="responsibility" label={labels.responsibility} value={f.responsibility} onChange={(v) => edit.set({ responsibility: v })} error={of('responsibility')} required rows={3} />
      <div className="field-row">
        <SelectField name="principalKind" label={labels.principalKind} value={f.principalKind} onChange={(v) => edit.set({ principalKind: v })} error={of('principalKind')} required
          options={(['region', 'municipality'] as const).map((k) => ({ value: k, label: t(`responsibility.principalKind.${k}`) }))} />
        <SelectField name="unitKind" label={labels.unitKind} value={f.unitKind} onChange={(v) => edit.set({ unitKind: v })} error={of('unitKind')} placeholder={t('responsibility.fields.none')}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))} />
        <SelectField name="lifeArea" label={labels.lifeArea} value={f.lifeArea} onChange={(v) => edit.set({ lifeArea: v })} error={of('lifeArea')} placeholder={t('responsibility.fields.none')}
          options={LIFE_AREAS.map((a) => ({ value: a, label: t(`lifeArea.${a}`) }))} />
      </div>
      <TextField name="anchor" label={labels.anchor} hint={t('responsibility.fields.anchorHint', { title: entry.source.title })} value={f.anchor} onChange={(v) => edit.set({ anchor: v })} error={of('anchor')} maxLength={80} />
      <FormActions save={t('responsibility.save')} onCancel={() => { edit.stop(); onDone(false); }} />
    </form>
  );
}
