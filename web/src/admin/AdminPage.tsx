/**
 * Administration (issue 4 item 4): the principal's admin keeps who works where. People sign in with
 * the HSA-id of their SITHS eID and act for a unit in the role a membership (medarbetaruppdrag)
 * gives them; units are what plans are made between. Every change here is in the audit trail.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { StaffSection } from './StaffSection.tsx';
import { UnitsSection } from './UnitsSection.tsx';
import { STAFF_KEY, UNITS_KEY, type AdminStaff, type PrincipalUnits } from './types.ts';
import './admin.css';

export function AdminPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState('');
  const isAdmin = me.role === 'principal_admin';
  const units = useQuery({ queryKey: [...UNITS_KEY, me.unitId], enabled: isAdmin, queryFn: () => api.get<PrincipalUnits>('/admin/units') });
  const staff = useQuery({ queryKey: [...STAFF_KEY, me.unitId], enabled: isAdmin, queryFn: () => api.get<AdminStaff[]>('/admin/staff') });
  useEffect(() => { document.title = `${t('admin.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);

  if (!isAdmin) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>{t('admin.title')}</h1>
        <p>{t('admin.onlyAdmins')}</p>
      </section>
    );
  }
  return (
    <div className="admin">
      <h1 ref={heading} tabIndex={-1}>{t('admin.title')}</h1>
      {units.data && <p className="lead">{t('admin.lead', { principal: units.data.principal.name })}</p>}
      {/* What was just done, said once to a screen reader and left on screen for everyone. */}
      <p className="admin-done" role="status">{done}</p>
      {(units.isPending || staff.isPending) && <p role="status">{t('common.loading')}</p>}
      {(units.error || staff.error) && <p role="alert">{t('errors.network')}</p>}
      {units.data && staff.data && (
        <>
          <StaffSection me={me} units={units.data} staff={staff.data} onDone={setDone} />
          <UnitsSection units={units.data} onDone={setDone} />
        </>
      )}
    </div>
  );
}
