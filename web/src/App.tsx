import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api/client.ts';
import type { Me } from './api/types.ts';
import { Layout } from './components/Layout.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { WorklistPage } from './pages/WorklistPage.tsx';
import { StartPlanPage } from './pages/StartPlanPage.tsx';
import { PlanPage } from './plan/PlanPage.tsx';

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api.get<Me>('/me'), retry: false, staleTime: 60_000 });
}

export function App() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (location.pathname === '/logga-in') return <SignInPage />;
  if (me.isPending) return <p className="loading" role="status">{t('common.loading')}</p>;
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/logga-in" replace />;
  if (me.error || !me.data) return <p role="alert">{t('errors.network')}</p>;
  return (
    <Layout me={me.data}>
      <Routes>
        <Route path="/" element={<WorklistPage me={me.data} />} />
        <Route path="/starta" element={<StartPlanPage me={me.data} />} />
        <Route path="/planer/:planId/:section?" element={<PlanPage me={me.data} />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <section><h1>{t('errors.notFoundTitle')}</h1><p>{t('errors.notFound')}</p></section>;
}
