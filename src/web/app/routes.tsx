import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { ErrorState } from '../shared/states.tsx';
import { AppLayout } from './AppLayout.tsx';
import { useAuth } from './auth.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { PAGES } from './pages.ts';

const OpportunityListPage = lazy(PAGES.opportunityList);
const OpportunityPage = lazy(PAGES.opportunity);
const AccountListPage = lazy(PAGES.accountList);
const AccountPage = lazy(PAGES.account);
const ContactListPage = lazy(PAGES.contactList);
const ContactPage = lazy(PAGES.contact);
const AdminPage = lazy(PAGES.admin);
const HomePage = lazy(PAGES.home);
const ReviewPage = lazy(PAGES.review);
const ForecastPage = lazy(PAGES.forecast);
const WinLossPage = lazy(PAGES.winLoss);
const TokensPage = lazy(PAGES.tokens);
const CoachingPage = lazy(PAGES.coaching);
const ScorecardPage = lazy(PAGES.scorecard);
const DiagnosisPage = lazy(PAGES.diagnosis);
const LearningPage = lazy(PAGES.learning);
const InboxPage = lazy(PAGES.inbox);
const DevelopmentPage = lazy(PAGES.development);
const AssignmentPage = lazy(PAGES.assignment);

function PageLoader() {
  return (
    <Center h="50vh" aria-label="Loading">
      <Loader size="sm" />
    </Center>
  );
}

/** Pages behind sign-in: while the session is read show a loader; without one go to /login. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { user, sessionError, retrySession, signedOut } = useAuth();
  const location = useLocation();
  if (user === undefined) {
    return sessionError ? (
      <ErrorState error={sessionError} onRetry={retrySession} title="Winsight could not be reached" />
    ) : (
      <PageLoader />
    );
  }
  if (user === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={signedOut || next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route path="home" element={<Lazy page={<HomePage />} />} />
        <Route path="review" element={<Lazy page={<ReviewPage />} />} />
        <Route path="forecast" element={<Lazy page={<ForecastPage />} />} />
        <Route path="win-loss" element={<Lazy page={<WinLossPage />} />} />
        <Route path="coaching" element={<Lazy page={<CoachingPage />} />} />
        <Route path="coaching/sellers/:id" element={<Lazy page={<ScorecardPage />} />} />
        <Route path="coaching/diagnoses/:id" element={<Lazy page={<DiagnosisPage />} />} />
        <Route path="opportunities" element={<Lazy page={<OpportunityListPage />} />} />
        <Route path="opportunities/:id" element={<Lazy page={<OpportunityPage />} />} />
        <Route path="accounts" element={<Lazy page={<AccountListPage />} />} />
        <Route path="accounts/:id" element={<Lazy page={<AccountPage />} />} />
        <Route path="contacts" element={<Lazy page={<ContactListPage />} />} />
        <Route path="contacts/:id" element={<Lazy page={<ContactPage />} />} />
        <Route path="learning" element={<Lazy page={<LearningPage />} />} />
        <Route path="inbox" element={<Lazy page={<InboxPage />} />} />
        <Route path="development" element={<Lazy page={<DevelopmentPage />} />} />
        <Route path="development/:id" element={<Lazy page={<AssignmentPage />} />} />
        <Route path="admin" element={<Navigate to="/admin/users" replace />} />
        <Route path="admin/:section" element={<Lazy page={<AdminPage />} />} />
        <Route path="settings" element={<Navigate to="/settings/tokens" replace />} />
        <Route path="settings/tokens" element={<Lazy page={<TokensPage />} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Where signing in lands: the home page for the person's role. */
function HomeRedirect() {
  return <Navigate to="/home" replace />;
}

function Lazy({ page }: { page: ReactNode }) {
  return <Suspense fallback={<PageLoader />}>{page}</Suspense>;
}
