import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router-dom';
import { useSession } from './auth/session';
import { adminRoutes } from './features/admin/routes';
import { chatRoutes } from './features/chat/routes';
import { disastersRoutes } from './features/disasters/routes';
import { meetingsRoutes } from './features/meetings/routes';
import { LoginPage } from './pages/login-page';
import { ComingSoonPage, HomePage, NotFoundPage, ProfilePage } from './pages/simple-pages';
import { Layout } from './shell/layout';

function RequireSession() {
  const { user, loading } = useSession();
  if (loading)
    return (
      <div className="splash" aria-busy="true">
        Yakuba
      </div>
    );
  return user ? <Outlet /> : <LoginPage />;
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
          { path: 'approvals', element: <ComingSoonPage titleKey="approvals" /> },
          { path: 'surveys', element: <ComingSoonPage titleKey="surveys" /> },
          { path: 'disasters', children: disastersRoutes },
          { path: 'profile', element: <ProfilePage /> },
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
