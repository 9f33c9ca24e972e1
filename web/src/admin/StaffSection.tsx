/**
 * The people who serve the principal's units, with their memberships: add a person with their first
 * membership, give another, change a role, end one, or record that the person has left. Ending a
 * membership hands the person's plans in the unit to its manager's hand-over queue, and the
 * confirmation says so before it happens.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me, Role } from '../api/types.ts';
import { formatDay } from '../format.ts';
import { SelectField, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { focusFirstField } from '../components/focus.ts';
import { parseHsaId, ROLES } from '../../../src/domain/organisation.ts';
import { Confirm } from './Confirm.tsx';
import type { AdminMembership, AdminStaff, AdminUnit, PrincipalUnits } from './types.ts';

type Done = (text: string) => void;

/** After any change: the lists, the member counts and the hand-over queue may all differ. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => Promise.all([['admin'], ['handover']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
}

export function StaffSection({ me, units, staff, onDone }: { me: Me; units: PrincipalUnits; staff: AdminStaff[]; onDone: Done }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const active = units.units.filter((u) => u.active);
  return (
    <section aria-labelledby="admin-staff">
      <div className="page-head">
        <h2 id="admin-staff">{t('admin.staff.title')} <span className="count">{staff.length}</span></h2>
        {!adding && <button type="button" className="button" onClick={() => setAdding(true)}>{t('admin.staff.add')}</button>}
      </div>
      <p>{t('admin.staff.lead')}</p>
      {adding && <AddStaff units={active} onClose={() => setAdding(false)} onDone={onDone} />}
      {staff.length === 0 ? <p className="empty">{t('admin.staff.none')}</p> : (
        <ul className="cards">{staff.map((s) => <StaffCard key={s.id} me={me} person={s} units={active} principal={units.principal.name} onDone={onDone} />)}</ul>
      )}
    </section>
  );
}

function AddStaff({ units, onClose, onDone }: { units: AdminUnit[]; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const roles = useRoleOptions();
  const [f, setF] = useState({ name: '', hsaId: '', title: '', email: '', phone: '', unitId: units.length === 1 ? units[0]!.id : '', role: 'staff' as Role });
  const errors = useServerErrors();
  // Checked as it is typed once it could be whole (SE, ten digits, hyphen, one more): the same rule as the server.
  const typed = f.hsaId.trim().length >= 14 ? parseHsaId(f.hsaId) : null;
  const hsaError = typed && !typed.ok ? typed.message : errors.of('hsaId');

  const submit = errors.submit(async () => {
    await api.post('/admin/staff', { ...f, title: f.title || null, email: f.email || null, phone: f.phone || null });
    onDone(t('admin.staff.added', { name: f.name.trim(), unit: units.find((u) => u.id === f.unitId)?.name ?? '' }));
    onClose();
    await refresh();
  });

  return (
    <form ref={focusFirstField} onSubmit={submit} className="card form" aria-labelledby="add-staff-title">
      <h3 id="add-staff-title">{t('admin.staff.newTitle')}</h3>
      <ErrorSummary error={errors.error} />
      <TextField name="name" label={t('fields.name')} value={f.name} onChange={(v) => setF({ ...f, name: v })} error={errors.of('name')} required maxLength={200} />
      <TextField name="hsaId" label={t('fields.hsaId')} hint={t('admin.staff.hsaHint')} value={f.hsaId} onChange={(v) => setF({ ...f, hsaId: v })} error={hsaError} required maxLength={40} />
      <TextField name="title" label={t('fields.title')} hint={t('admin.staff.titleHint')} value={f.title} onChange={(v) => setF({ ...f, title: v })} error={errors.of('title')} maxLength={200} />
      <TextField name="email" type="email" label={t('fields.email')} value={f.email} onChange={(v) => setF({ ...f, email: v })} error={errors.of('email')} maxLength={254} autoComplete="off" />
      <TextField name="phone" type="tel" label={t('fields.phone')} value={f.phone} onChange={(v) => setF({ ...f, phone: v })} error={errors.of('phone')} maxLength={40} />
      <SelectField name="unitId" label={t('admin.staff.firstUnit')} value={f.unitId} onChange={(v) => setF({ ...f, unitId: v })} error={errors.of('unitId')} required
        placeholder={t('common.choose')} options={units.map((u) => ({ value: u.id, label: u.name }))} />
      <SelectField name="role" label={t('fields.role')} hint={t('admin.roleHint')} value={f.role} onChange={(v) => setF({ ...f, role: v as Role })} error={errors.of('role')} required options={roles} />
      <FormActions save={t('admin.staff.create')} onCancel={onClose} />
    </form>
  );
}

function StaffCard({ me, person, units, principal, onDone }: { me: Me; person: AdminStaff; units: AdminUnit[]; principal: string; onDone: Done }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [mode, setMode] = useState<null | 'membership' | 'leave'>(null);
  const errors = useServerErrors();
  const titleId = `staff-${person.id}`;
  const activeHere = person.memberships.filter((m) => m.active);

  const leave = () => errors.run(async () => {
    const r = await api.post<{ handover: number; deactivated: boolean }>(`/admin/staff/${person.id}/deactivate`);
    setMode(null);
    onDone(t(r.handover > 0 ? 'admin.staff.leftWithItems' : 'admin.staff.left', { name: person.name, count: r.handover }));
    await refresh();
  });

  return (
    <li className="card admin-card">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{person.name}{(!person.active || activeHere.length === 0) && <span className="admin-status">{t(person.active ? 'admin.staff.noMembership' : 'admin.staff.inactive')}</span>}</h3>
        <p className="meta">{[person.title, `${t('fields.hsaId')} ${person.hsaId}`, person.email].filter(Boolean).join(' · ')}</p>
        <ul className="memberships" aria-label={t('admin.membership.listOf', { name: person.name })}>
          {person.memberships.map((m) => <MembershipRow key={m.id} me={me} person={person} membership={m} onDone={onDone} />)}
        </ul>
        {mode === null && (
          <div className="row-actions">
            <button type="button" className="button small" onClick={() => setMode('membership')}>
              {t('admin.membership.add')}<span className="visually-hidden"> – {person.name}</span>
            </button>
            {activeHere.length > 0 && (
              <button type="button" className="button small" onClick={() => { errors.clear(); setMode('leave'); }}>
                {t('admin.staff.leave')}<span className="visually-hidden"> – {person.name}</span>
              </button>
            )}
          </div>
        )}
        {mode === 'membership' && <AddMembership person={person} units={units} onClose={() => setMode(null)} onDone={onDone} />}
        {mode === 'leave' && (
          <Confirm title={t('admin.staff.leaveTitle', { name: person.name, principal })} action={t('admin.staff.confirmLeave')}
            onConfirm={() => void leave()} onCancel={() => setMode(null)} error={errors.error}>
            <ul>
              <li>{t('admin.staff.leaveEnds', { count: activeHere.length, name: person.name, principal })}</li>
              <li>{t('admin.membership.endQueue', { name: person.name })}</li>
              <li>{t('admin.staff.leaveSignIn')}</li>
            </ul>
          </Confirm>
        )}
      </article>
    </li>
  );
}

function MembershipRow({ me, person, membership: m, onDone }: { me: Me; person: AdminStaff; membership: AdminMembership; onDone: Done }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const roles = useRoleOptions();
  const [mode, setMode] = useState<null | 'role' | 'end'>(null);
  const [role, setRole] = useState<Role>(m.role);
  const errors = useServerErrors();
  const own = person.id === me.staffId;
  const what = `${m.unitName}, ${t(`role.${m.role}`)}`;

  const changeRole = errors.submit(async () => {
    const r = await api.patch<{ handover: number }>(`/admin/memberships/${m.id}`, { role }, m.version);
    setMode(null);
    onDone(t(r.handover > 0 ? 'admin.membership.roleChangedWithItems' : 'admin.membership.roleChanged',
      { name: person.name, unit: m.unitName, role: t(`role.${role}`), count: r.handover }));
    await refresh();
  });
  const end = () => errors.run(async () => {
    const r = await api.post<{ handover: number }>(`/admin/memberships/${m.id}/end`, {}, m.version);
    setMode(null);
    onDone(t(r.handover > 0 ? 'admin.membership.endedWithItems' : 'admin.membership.ended', { name: person.name, unit: m.unitName, count: r.handover }));
    await refresh();
  });

  if (!m.active) {
    return <li className="ended">{what} – {m.endedAt ? t('admin.membership.endedOn', { day: formatDay(m.endedAt, false) }) : t('admin.membership.endedEarlier')}</li>;
  }
  return (
    <li className="membership">
      <span>{what}</span>
      {mode === null && (
        <div className="row-actions">
          <button type="button" className="button small" onClick={() => { errors.clear(); setRole(m.role); setMode('role'); }}>
            {t('admin.membership.changeRole')}<span className="visually-hidden"> – {person.name}, {m.unitName}</span>
          </button>
          <button type="button" className="button small" onClick={() => { errors.clear(); setMode('end'); }}>
            {t('admin.membership.end')}<span className="visually-hidden"> – {person.name}, {m.unitName}</span>
          </button>
        </div>
      )}
      {mode === 'role' && (
        <form ref={focusFirstField} onSubmit={changeRole} className="inline-form" aria-label={t('admin.membership.changeRoleTitle', { name: person.name, unit: m.unitName })}>
          <ErrorSummary error={errors.error} />
          <SelectField name={`role-${m.id}`} label={t('admin.membership.newRole', { name: person.name, unit: m.unitName })} hint={t('admin.roleHint')}
            value={role} onChange={(v) => setRole(v as Role)} error={errors.of('role')} required options={roles} />
          {own && <p className="hint">{t('admin.membership.ownRole')}</p>}
          <FormActions save={t('admin.membership.saveRole')} onCancel={() => setMode(null)} />
        </form>
      )}
      {mode === 'end' && (
        <Confirm title={t('admin.membership.endTitle', { name: person.name, unit: m.unitName })} action={t('admin.membership.confirmEnd')}
          onConfirm={() => void end()} onCancel={() => setMode(null)} error={errors.error}>
          <ul>
            <li>{t('admin.membership.endAccess', { name: person.name, unit: m.unitName })}</li>
            <li>{t('admin.membership.endQueue', { name: person.name })}</li>
            <li>{t('admin.membership.endUndo')}</li>
          </ul>
        </Confirm>
      )}
    </li>
  );
}

function AddMembership({ person, units, onClose, onDone }: { person: AdminStaff; units: AdminUnit[]; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const roles = useRoleOptions();
  const [f, setF] = useState({ unitId: '', role: 'staff' as Role });
  const errors = useServerErrors();
  const submit = errors.submit(async () => {
    await api.post('/admin/memberships', { staffId: person.id, ...f });
    onDone(t('admin.membership.added', { name: person.name, unit: units.find((u) => u.id === f.unitId)?.name ?? '', role: t(`role.${f.role}`) }));
    onClose();
    await refresh();
  });
  return (
    <form ref={focusFirstField} onSubmit={submit} className="inline-form" aria-label={t('admin.membership.addTitle', { name: person.name })}>
      <ErrorSummary error={errors.error} />
      <SelectField name={`unit-${person.id}`} label={t('admin.fields.unit')} value={f.unitId} onChange={(v) => setF({ ...f, unitId: v })} error={errors.of('unitId')} required
        placeholder={t('common.choose')} options={units.map((u) => ({ value: u.id, label: u.name }))} />
      <SelectField name={`role-new-${person.id}`} label={t('fields.role')} hint={t('admin.roleHint')} value={f.role} onChange={(v) => setF({ ...f, role: v as Role })} error={errors.of('role')} required options={roles} />
      <FormActions save={t('admin.membership.save')} onCancel={onClose} />
    </form>
  );
}
