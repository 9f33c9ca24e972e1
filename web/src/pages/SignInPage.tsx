/**
 * Sign-in. Until OpenID Connect is in place (issue 4) the development sign-in lists the demo
 * staff; the server offers it only outside production.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { DemoUser } from '../api/types.ts';
import { setLanguage } from '../i18n/index.ts';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['dev-users'], queryFn: () => api.get<DemoUser[]>('/dev/users'), retry: false });

  const signIn = async (hsaId: string, unitId: string, role: string) => {
    await api.post('/dev/sign-in', { hsaId, unitId, role });
    queryClient.clear();
    navigate('/');
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <button type="button" className="link-button" onClick={() => setLanguage(i18n.language === 'sv' ? 'en' : 'sv')}>{t('layout.otherLanguage')}</button>
      {users.isPending && <p role="status">{t('common.loading')}</p>}
      {users.error && <p role="alert">{t('signIn.unavailable')}</p>}
      {users.data && (
        <ul className="demo-users">
          {users.data.flatMap((u) => u.assignments.map((a) => (
            <li key={`${u.hsaId}-${a.unitId}-${a.role}`}>
              <button type="button" className="user-button" onClick={() => void signIn(u.hsaId, a.unitId, a.role)}>
                <strong>{u.name}</strong>
                <span>{a.unitName} · {t(`role.${a.role}`)}</span>
              </button>
            </li>
          )))}
        </ul>
      )}
    </main>
  );
}
