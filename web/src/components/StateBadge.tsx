import { useTranslation } from 'react-i18next';
import type { PlanState } from '../api/types.ts';

/** The plan's state in words (never by colour alone: the word is always there). */
export function StateBadge({ state }: { state: PlanState }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(`state.${state}`)}</span>;
}
