/**
 * Sign-in through the identity provider (OpenID Connect): staff with SITHS eID, guardians and
 * young people with BankID. The server's /auth/sign-in sends the browser there and back; a sign-in
 * that went wrong comes back here with a code (?fel=…) that says what happened.
 */
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';

const KNOWN_ERRORS = ['avbruten', 'okand', 'inget-uppdrag', 'misslyckades', 'gammal-lank', 'idp-nere', 'ej-konfigurerad', 'utgangen', 'utloggad'];

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('fel');
  const error = code ? (KNOWN_ERRORS.includes(code) ? code : 'misslyckades') : null;

  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {error && (
        <div className={error === 'utloggad' ? 'notice' : 'error-summary'} role={error === 'utloggad' ? 'status' : 'alert'}>
          <p>{t(`signIn.error.${error}`)}</p>
        </div>
      )}
      <p>{t('signIn.intro')}</p>
      <p><a className="button primary sign-in-button" href="/auth/sign-in">{t('signIn.button')}</a></p>
      <ul className="sign-in-ways">
        <li>{t('signIn.staff')}</li>
        <li>{t('signIn.citizen')}</li>
      </ul>
      <p className="hint">{t('signIn.privacy')}</p>
      <button type="button" className="link-button" lang={i18n.language === 'sv' ? 'en' : 'sv'}
        onClick={() => setLanguage(i18n.language === 'sv' ? 'en' : 'sv')}>{t('layout.otherLanguage')}</button>
    </main>
  );
}
