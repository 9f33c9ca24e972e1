/**
 * The principal's units (verksamheter): add one, rename or change it, end it or restore it. A unit
 * ends only when nobody serves it and it takes part in no open plan; the server says which, and
 * the confirmation says so first.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { SelectField, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { ConflictNotice } from '../components/ConflictNotice.tsx';
import { useVersionedEdit } from '../components/useVersionedEdit.ts';
import { focusFirstField } from '../components/focus.ts';
import { UNIT_KINDS } from '../../../src/domain/organisation.ts';
import { Confirm } from './Confirm.tsx';
import { UNITS_KEY, type AdminUnit, type PrincipalUnits } from './types.ts';

type Done = (text: string) => void;
interface UnitFields { name: string; kind: string; committee: string; municipalityCode: string }

const fieldsOf = (u: AdminUnit): UnitFields => ({ name: u.name, kind: u.kind, committee: u.committee ?? '', municipalityCode: u.municipalityCode ?? '' });

function useUnitOptions(units: PrincipalUnits) {
  const { t } = useTranslation();
  return {
    kinds: UNIT_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) })),
    municipalities: units.municipalities.map((m) => ({ value: m.code, label: m.name })),
    // A municipality's units always lie in the municipality: nothing to choose.
    noneAllowed: units.principal.kind !== 'municipality',
  };
}

export function UnitsSection({ units, onDone }: { units: PrincipalUnits; onDone: Done }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="admin-units">
      <div className="page-head">
        <h2 id="admin-units">{t('admin.units.title')} <span className="count">{units.units.filter((u) => u.active).length}</span></h2>
        {!adding && <button type="button" className="button" onClick={() => setAdding(true)}>{t('admin.units.add')}</button>}
      </div>
      <p>{t('admin.units.lead')}</p>
      {adding && <AddUnit units={units} onClose={() => setAdding(false)} onDone={onDone} />}
      {units.units.length === 0 ? <p className="empty">{t('admin.units.none')}</p> : (
        <ul className="cards">{units.units.map((u) => <UnitCard key={u.id} unit={u} units={units} onDone={onDone} />)}</ul>
      )}
    </section>
  );
}

function UnitFieldsForm({ f, set, units, of }: { f: UnitFields; set: (p: Partial<UnitFields>) => void; units: PrincipalUnits; of: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const o = useUnitOptions(units);
  return (
    <>
      <TextField name="name" label={t('fields.name')} value={f.name} onChange={(v) => set({ name: v })} error={of('name')} required maxLength={200} />
      <SelectField name="kind" label={t('admin.fields.kind')} value={f.kind} onChange={(v) => set({ kind: v })} error={of('kind')} required placeholder={t('common.choose')} options={o.kinds} />
      <TextField name="committee" label={t('fields.committee')} hint={t('admin.units.committeeHint')} value={f.committee} onChange={(v) => set({ committee: v })} error={of('committee')} maxLength={200} />
      {o.noneAllowed && (
        <SelectField name="municipalityCode" label={t('fields.municipalityCode')} hint={t('admin.units.municipalityHint')} value={f.municipalityCode}
          onChange={(v) => set({ municipalityCode: v })} error={of('municipalityCode')} placeholder={t('admin.units.noMunicipality')} options={o.municipalities} />
      )}
    </>
  );
}

function AddUnit({ units, onClose, onDone }: { units: PrincipalUnits; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [f, setF] = useState<UnitFields>({ name: '', kind: '', committee: '', municipalityCode: '' });
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post('/admin/units', { name: f.name, kind: f.kind, committee: f.committee || null, municipalityCode: f.municipalityCode || null });
    onDone(t('admin.units.created', { name: f.name.trim() }));
    onClose();
    await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
  });
  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="add-unit-title">
      <h3 id="add-unit-title">{t('admin.units.newTitle')}</h3>
      <ErrorSummary error={errors.error} />
      <UnitFieldsForm f={f} set={(p) => setF({ ...f, ...p })} units={units} of={errors.of} />
      <FormActions save={t('admin.units.create')} onCancel={onClose} />
    </form>
  );
}

function UnitCard({ unit, units, onDone }: { unit: AdminUnit; units: PrincipalUnits; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState(false);
  const errors = useServerErrors();
  const titleId = `unit-${unit.id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin'] });
  const municipalityName = (code: string) => units.municipalities.find((m) => m.code === code)?.name ?? code;
  const labels: Record<keyof UnitFields, string> = { name: t('fields.name'), kind: t('admin.fields.kind'), committee: t('fields.committee'), municipalityCode: t('fields.municipalityCode') };
  const edit = useVersionedEdit<UnitFields>({
    labels,
    show: (k, v) => (!v ? '–' : k === 'kind' ? t(`admin.kind.${v}`) : k === 'municipalityCode' ? municipalityName(v) : v),
    latest: async () => {
      const fresh = await queryClient.fetchQuery({ queryKey: ['admin', 'units', 'latest'], queryFn: () => api.get<PrincipalUnits>('/admin/units'), staleTime: 0 });
      const u = fresh.units.find((x) => x.id === unit.id);
      return u ? { fields: fieldsOf(u), version: u.version } : null;
    },
    save: (f, version) => api.patch(`/admin/units/${unit.id}`, {
      ...(f.name !== undefined ? { name: f.name } : {}),
      ...(f.kind !== undefined ? { kind: f.kind } : {}),
      ...(f.committee !== undefined ? { committee: f.committee || null } : {}),
      ...(f.municipalityCode !== undefined ? { municipalityCode: f.municipalityCode || null } : {}),
    }, version).then(() => undefined),
    onSaved: () => { onDone(t('admin.units.saved', { name: unit.name })); void refresh(); },
  });
  const setActive = (active: boolean) => errors.run(async () => {
    await api.patch(`/admin/units/${unit.id}`, { active }, unit.version);
    setEnding(false);
    onDone(t(active ? 'admin.units.restored' : 'admin.units.ended', { name: unit.name }));
    await refresh();
  });

  return (
    <li className="card admin-card">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{unit.name}{!unit.active && <span className="admin-status">{t('admin.units.inactive')}</span>}</h3>
        <p className="meta">{[t(`admin.kind.${unit.kind}`), unit.municipalityName, unit.committee, t('admin.units.members', { count: unit.members })].filter(Boolean).join(' · ')}</p>
        {!edit.editing && !ending && (
          <div className="row-actions">
            <button type="button" className="button small" onClick={() => { errors.clear(); edit.start(fieldsOf(unit), unit.version); }}>
              {t('admin.units.edit')}<span className="visually-hidden"> – {unit.name}</span>
            </button>
            {unit.active
              ? <button type="button" className="button small" onClick={() => { errors.clear(); setEnding(true); }}>{t('admin.units.end')}<span className="visually-hidden"> – {unit.name}</span></button>
              : <button type="button" className="button small" onClick={() => void setActive(true)}>{t('admin.units.restore')}<span className="visually-hidden"> – {unit.name}</span></button>}
          </div>
        )}
        {!ending && <ErrorSummary error={errors.error} />}
        {edit.draft && (
          <form ref={focusFirstField} onSubmit={(e) => { e.preventDefault(); void edit.submit(); }} className="inline-form" aria-label={t('admin.units.editTitle', { name: unit.name })}>
            <ErrorSummary error={edit.errors.error} />
            {edit.conflict && <ConflictNotice changes={edit.conflict.changes} onReapply={edit.reapply} onDiscard={edit.discard} />}
            <UnitFieldsForm f={edit.draft} set={edit.set} units={units} of={edit.errors.of} />
            <FormActions save={t('admin.units.save')} onCancel={edit.stop} />
          </form>
        )}
        {ending && (
          <Confirm title={t('admin.units.endTitle', { name: unit.name })} action={t('admin.units.confirmEnd')}
            onConfirm={() => void setActive(false)} onCancel={() => setEnding(false)} error={errors.error}>
            <ul>
              <li>{t('admin.units.endEffect')}</li>
              <li>{t('admin.units.endWhen')}</li>
            </ul>
          </Confirm>
        )}
      </article>
    </li>
  );
}
