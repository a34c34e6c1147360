import { Navigate, Outlet, type RouteObject } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { DashboardPage } from './dashboard-page';
import { KpiDetailPage } from './kpi-detail-page';

function RequireKpis() {
  const { can } = useSession();
  return can('kpis.read') ? <Outlet /> : <Navigate to="/" replace />;
}

/** The DX KPI dashboard, mounted under /insights by the shell (permission kpis.read). */
export const insightsRoutes: RouteObject[] = [
  {
    element: <RequireKpis />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: ':key', element: <KpiDetailPage /> },
    ],
  },
];
