/**
 * Where a guardian or a young person lands after signing in with BankID. The family's own view of
 * the plan (issue 5) is built here; until then the page says who is signed in and how to reach
 * the plan's coordinator, and lets them sign out.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';
import { signOutEverywhere } from './sign-out.ts';

export function CitizenHomePage({ name }: { name: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <main id="main" className="sign-in">
      <h1>{t('citizen.title', { name })}</h1>
      <p>{t('citizen.signedIn')}</p>
      <p>{t('citizen.comingSoon')}</p>
      <p className="actions">
        <button type="button" className="button" onClick={() => void signOutEverywhere(queryClient)}>{t('layout.signOut')}</button>
        <button type="button" className="link-button" lang={i18n.language === 'sv' ? 'en' : 'sv'}
          onClick={() => setLanguage(i18n.language === 'sv' ? 'en' : 'sv')}>{t('layout.otherLanguage')}</button>
      </p>
    </main>
  );
}
