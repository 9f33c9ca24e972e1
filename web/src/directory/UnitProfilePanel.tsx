/**
 * A chosen unit's directory entry, folded beside the choice (inviting a unit, naming the unit
 * responsible for an intervention): what the unit does and how to reach it, without leaving the plan.
 */
import { useTranslation } from 'react-i18next';
import { useUnitProfile } from './api.ts';
import { ProfileDetails } from './ProfileDetails.tsx';
import './directory.css';

export function UnitProfilePanel({ unitId }: { unitId: string | null | undefined }) {
  const { t } = useTranslation();
  const profile = useUnitProfile(unitId);
  if (!unitId || !profile.data) return null;
  return (
    <details className="unit-profile-panel">
      <summary>{t('directory.aboutUnit', { unit: profile.data.unitName })}</summary>
      <ProfileDetails profile={profile.data} compact />
    </details>
  );
}
