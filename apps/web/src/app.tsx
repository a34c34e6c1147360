import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router-dom';
import { ForcedPasswordChange } from './auth/forced-password-change';
import { useSession } from './auth/session';
import { AccountPage } from './features/account/account-page';
import { LoginPage } from './pages/login-page';
import { lazyFeature } from './shell/lazy-feature';
import { preloadMeetingRoom } from './features/meetings/opening-page';
import { HomePage, NotFoundPage } from './pages/simple-pages';
import { Layout } from './shell/layout';

function RequireSession() {
  const { user, loading } = useSession();
  if (loading)
    return (
      <div className="splash" aria-busy="true">
        Yakuba
      </div>
    );
  if (!user) return <LoginPage />;
  return user.mustChangePassword ? <ForcedPasswordChange /> : <Outlet />;
}

function RequireAdmin() {
  const { can } = useSession();
  return can('directory.manage') ? <Outlet /> : <Navigate to="/" replace />;
}

// Each feature is a chunk of its own, fetched when first opened: the sign-in page and chat carry neither pdf.js
// (meetings, approvals) nor Chart.js (surveys, insights). The feature's route list is mounted as it is.
const Chat = lazyFeature(() => import('./features/chat/routes').then((m) => m.chatRoutes));
const loadMeetings = () => import('./features/meetings/routes').then((m) => m.meetingsRoutes);
const Meetings = lazyFeature(loadMeetings);
// Opened on a meeting room: its first page is asked for now, with the room's code, not once both have arrived.
preloadMeetingRoom(window.location.pathname, loadMeetings);
const Approvals = lazyFeature(() => import('./features/approvals/routes').then((m) => m.approvalsRoutes));
const Surveys = lazyFeature(() => import('./features/surveys/routes').then((m) => m.surveysRoutes));
const Insights = lazyFeature(() => import('./features/insights/routes').then((m) => m.insightsRoutes));
const Disasters = lazyFeature(() => import('./features/disasters/routes').then((m) => m.disastersRoutes));
const Admin = lazyFeature(() => import('./features/admin/routes').then((m) => m.adminRoutes));

const router = createBrowserRouter([
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'chat/*', element: <Chat /> },
          { path: 'meetings/*', element: <Meetings /> },
          { path: 'approvals/*', element: <Approvals /> },
          { path: 'surveys/*', element: <Surveys /> },
          { path: 'insights/*', element: <Insights /> },
          { path: 'disasters/*', element: <Disasters /> },
          { path: 'profile', element: <AccountPage /> },
          // A pathless guard around `admin/*`, which matches /admin itself (the users page) as well as /admin/…
          { element: <RequireAdmin />, children: [{ path: 'admin/*', element: <Admin /> }] },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
