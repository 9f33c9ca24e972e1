import { NavLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import type { ControlMe } from './types.ts';

/**
 * Uppföljning in the header, for those who read the key figures: managers, analysts, admins, and
 * the steering group, whose seat is not a role of the assignment and so is asked of the server.
 */
export function ControlNavLink({ me }: { me: Me }) {
  const { t } = useTranslation();
  const byRole = me.role === 'manager' || me.role === 'analyst' || me.role === 'principal_admin';
  const control = useQuery({ queryKey: ['control', 'me', me.unitId, me.role], enabled: !byRole, staleTime: 300_000, queryFn: () => api.get<ControlMe>('/key-figures/me') });
  if (!byRole && !control.data?.canView) return null;
  return <NavLink to="/uppfoljning">{t('control.nav')}</NavLink>;
}
