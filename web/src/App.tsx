import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api/client.ts';
import type { Me, Session } from './api/types.ts';
import { Layout } from './components/Layout.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { ChooseAssignmentPage } from './pages/ChooseAssignmentPage.tsx';
import { CitizenHomePage } from './pages/CitizenHomePage.tsx';
import { WorklistPage } from './pages/WorklistPage.tsx';
import { StartPlanPage } from './pages/StartPlanPage.tsx';
import { PlanPage } from './plan/PlanPage.tsx';
import { AdminPage } from './admin/AdminPage.tsx';
import { InboxPage } from './notifications/InboxPage.tsx';
import { EmailPreferencesPage } from './notifications/EmailPreferencesPage.tsx';
import { HandoverPage } from './handover/HandoverPage.tsx';
import { DeviationsPage } from './deviations/DeviationsPage.tsx';
import { ReportDeviationPage } from './deviations/ReportDeviationPage.tsx';
import { DeviationPage } from './deviations/DeviationPage.tsx';
import { ControlPage } from './control/ControlPage.tsx';
import { LibraryRoutes } from './library/LibraryRoutes.tsx';
import { TrainingPage } from './training/TrainingPage.tsx';
import { DirectoryPage } from './directory/DirectoryPage.tsx';
import { ResponsibilityPage } from './directory/ResponsibilityPage.tsx';

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api.get<Session>('/me'), retry: false, staleTime: 60_000 });
}

export function App() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (location.pathname === '/logga-in') return <SignInPage />;
  if (me.isPending) return <p className="loading" role="status">{t('common.loading')}</p>;
  // The CSRF cookie outlives an ended session in the browser: its presence means "you were signed in".
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to={document.cookie.includes('samplan_csrf=') ? '/logga-in?fel=utgangen' : '/logga-in'} replace />;
  if (me.error || !me.data) return <p role="alert">{t('errors.network')}</p>;
  if (me.data.kind === 'citizen') return <CitizenHomePage name={me.data.name} />;
  if (me.data.unitId === null) return <ChooseAssignmentPage name={me.data.name} assignments={me.data.assignments} />;
  return <StaffApp me={me.data} />;
}

/** The app of a staff member acting in a chosen assignment. */
function StaffApp({ me }: { me: Me }) {
  return (
    <Layout me={me}>
      <Routes>
        <Route path="/" element={<WorklistPage me={me} />} />
        <Route path="/starta" element={<StartPlanPage me={me} />} />
        <Route path="/planer/:planId/:section?" element={<PlanPage me={me} />} />
        <Route path="/inkorg" element={<InboxPage me={me} />} />
        <Route path="/installningar/e-post" element={<EmailPreferencesPage />} />
        <Route path="/overlamning" element={<HandoverPage me={me} />} />
        <Route path="/avvikelser" element={<DeviationsPage me={me} />} />
        <Route path="/avvikelser/ny" element={<ReportDeviationPage me={me} />} />
        <Route path="/avvikelser/:deviationId" element={<DeviationPage me={me} />} />
        <Route path="/administration" element={<AdminPage me={me} />} />
        <Route path="/uppfoljning" element={<ControlPage me={me} />} />
        <Route path="/bibliotek/*" element={<LibraryRoutes me={me} />} />
        <Route path="/utbildning" element={<TrainingPage me={me} />} />
        <Route path="/vem-gor-vad" element={<DirectoryPage />} />
        <Route path="/ansvar" element={<ResponsibilityPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <section><h1>{t('errors.notFoundTitle')}</h1><p>{t('errors.notFound')}</p></section>;
}
