import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTrainingMe } from './api.ts';

/**
 * Utbildning in the header, with the number of documents I have still to read. The number is
 * said in words to a screen reader ("Utbildning 2 att läsa"); the link's name starts with its
 * visible text, so that voice control finds it (WCAG 2.5.3).
 */
export function TrainingNavLink() {
  const { t } = useTranslation();
  const n = (useTrainingMe().data ?? []).filter((d) => !d.upToDate).length;
  return (
    <NavLink to="/utbildning">
      {t('training.nav')}
      {n > 0 && <>{' '}<span className="nav-count">{n}</span><span className="visually-hidden">{' '}{t('training.navToRead', { count: n })}</span></>}
    </NavLink>
  );
}
