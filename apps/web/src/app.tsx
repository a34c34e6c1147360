import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router-dom';
import { ForcedPasswordChange } from './auth/forced-password-change';
import { useSession } from './auth/session';
import { AccountPage } from './features/account/account-page';
import { adminRoutes } from './features/admin/routes';
import { approvalsRoutes } from './features/approvals/routes';
import { chatRoutes } from './features/chat/routes';
import { insightsRoutes } from './features/insights/routes';
import { disastersRoutes } from './features/disasters/routes';
import { meetingsRoutes } from './features/meetings/routes';
import { surveysRoutes } from './features/surveys/routes';
import { LoginPage } from './pages/login-page';
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

const router = createBrowserRouter([
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'chat', children: chatRoutes },
          { path: 'meetings', children: meetingsRoutes },
          { path: 'approvals', children: approvalsRoutes },
          { path: 'surveys', children: surveysRoutes },
          { path: 'insights', children: insightsRoutes },
          { path: 'disasters', children: disastersRoutes },
          { path: 'profile', element: <AccountPage /> },
          { path: 'admin', element: <RequireAdmin />, children: adminRoutes },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
