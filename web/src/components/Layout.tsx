import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { setLanguage } from '../i18n/index.ts';
import { signOutEverywhere } from '../pages/sign-out.ts';
import { InboxNavLink } from '../notifications/InboxNavLink.tsx';
import { ControlNavLink } from '../control/ControlNavLink.tsx';
import { TrainingNavLink } from '../training/TrainingNavLink.tsx';

export function Layout({ me, children }: { me: Me; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const current = `${me.unitId}|${me.role}`;

  // Acting for another unit changes what may be seen: forget everything read in the old assignment.
  const switchAssignment = async (value: string) => {
    const [unitId, role] = value.split('|');
    await api.post('/me/assignment', { unitId, role });
    queryClient.clear();
    navigate('/');
  };
  const signOut = () => signOutEverywhere(queryClient);

  return (
    <>
      <a className="skip-link" href="#main">{t('layout.skip')}</a>
      <header className="top">
        <div className="top-inner">
          <Link to="/" className="brand">Samplan<span className="brand-sub">{t('layout.tagline')}</span></Link>
          <nav aria-label={t('layout.mainNav')}>
            <NavLink to="/" end>{t('layout.worklist')}</NavLink>
            <NavLink to="/starta">{t('layout.start')}</NavLink>
            <InboxNavLink />
            {me.role === 'manager' && <NavLink to="/overlamning">{t('handover.nav')}</NavLink>}
            {me.role !== 'analyst' && <NavLink to="/avvikelser">{t('deviations.nav')}</NavLink>}
            {me.role === 'principal_admin' && <NavLink to="/administration">{t('admin.nav')}</NavLink>}
            <ControlNavLink me={me} />
            <NavLink to="/bibliotek">{t('library.nav')}</NavLink>
            <NavLink to="/vem-gor-vad">{t('directory.nav')}</NavLink>
            <TrainingNavLink />
          </nav>
          <div className="who">
            <span className="who-name">{me.name}</span>
            <label className="assignment">
              <span className="visually-hidden">{t('layout.assignment')}</span>
              <select value={current} onChange={(e) => void switchAssignment(e.target.value)} aria-label={t('layout.assignment')}>
                {me.assignments.map((a) => (
                  <option key={`${a.unitId}|${a.role}`} value={`${a.unitId}|${a.role}`}>{a.unitName} ({t(`role.${a.role}`)})</option>
                ))}
              </select>
            </label>
            <button type="button" className="link-button" lang={i18n.language === 'sv' ? 'en' : 'sv'}
              onClick={() => setLanguage(i18n.language === 'sv' ? 'en' : 'sv')}>{t('layout.otherLanguage')}</button>
            <button type="button" className="link-button" onClick={() => void signOut()}>{t('layout.signOut')}</button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="bottom"><p>{t('layout.footer')}</p></footer>
    </>
  );
}
