import { useTranslation } from 'react-i18next';
import type { DeviationStatus } from './api.ts';

/** The status in words (never by colour alone). */
export function StatusTag({ status }: { status: DeviationStatus }) {
  const { t } = useTranslation();
  return <span className={`tag deviation-status status-${status}`}>{t(`deviations.status.${status}`)}</span>;
}
