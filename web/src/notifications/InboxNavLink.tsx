import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './api.ts';
import './notifications.css';

/**
 * Inkorg in the header, with the number of unread notices. A screen reader hears the number in
 * words ("Inkorg 3 olästa"); the name is the visible text plus a hidden word, not an aria-label,
 * so that voice control finds the link by what it shows (WCAG 2.5.3).
 */
export function InboxNavLink() {
  const { t } = useTranslation();
  const n = useUnreadCount().data ?? 0;
  return (
    <NavLink to="/inkorg">
      {t('inbox.nav')}
      {n > 0 && <>{' '}<span className="nav-count">{n}</span><span className="visually-hidden">{' '}{t('inbox.navUnread', { count: n })}</span></>}
    </NavLink>
  );
}
