/**
 * The family's own part of Samplan (issue 5), for a guardian or a young person signed in with
 * BankID. Phone first (one column from 360 px), plain words, large touch targets (UI.md).
 */
import type { ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';
import { signOutEverywhere } from '../pages/sign-out.ts';
import { FamilyHomePage } from './FamilyHomePage.tsx';
import { FamilyPlanPage } from './FamilyPlanPage.tsx';
import { FamilyLogPage } from './FamilyLogPage.tsx';
import './family.css';

export function FamilyApp({ name }: { name: string }) {
  return (
    <FamilyLayout>
      <Routes>
        <Route path="/" element={<FamilyHomePage name={name} />} />
        <Route path="/familj/planer/:planId" element={<FamilyPlanPage />} />
        <Route path="/familj/planer/:planId/logg" element={<FamilyLogPage />} />
        <Route path="*" element={<FamilyNotFound />} />
      </Routes>
    </FamilyLayout>
  );
}

function FamilyLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const other = i18n.language === 'sv' ? 'en' : 'sv';
  return (
    <div className="family">
      <a className="skip-link" href="#main">{t('layout.skip')}</a>
      <header className="top">
        <div className="top-inner family-top">
          <Link to="/" className="brand">Samplan<span className="brand-sub">{t('family.tagline')}</span></Link>
          <div className="family-who">
            <button type="button" className="link-button" lang={other} onClick={() => setLanguage(other)}>{t('layout.otherLanguage')}</button>
            <button type="button" className="link-button" onClick={() => void signOutEverywhere(queryClient)}>{t('layout.signOut')}</button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="family-main">{children}</main>
      <footer className="bottom"><p>{t('family.footer')}</p></footer>
    </div>
  );
}

function FamilyNotFound() {
  const { t } = useTranslation();
  return <section><h1>{t('errors.notFoundTitle')}</h1><p>{t('family.notFound')}</p><p><Link className="button" to="/">{t('family.backHome')}</Link></p></section>;
}
