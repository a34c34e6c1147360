import { Navigate, Outlet, type RouteObject } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { BuilderPage } from './builder-page';
import { ManagePage } from './manage-page';
import { MySurveysPage } from './my-surveys-page';
import { RespondPage } from './respond-page';
import { ResultsPage } from './results-page';

function RequireSurveyAdmin() {
  const { can } = useSession();
  return can('surveys.manage') ? <Outlet /> : <Navigate to="/surveys" replace />;
}

/** Staff surveys, mounted under /surveys by the shell. */
export const surveysRoutes: RouteObject[] = [
  { index: true, element: <MySurveysPage /> },
  {
    path: 'manage',
    element: <RequireSurveyAdmin />,
    children: [
      { index: true, element: <ManagePage /> },
      { path: 'new', element: <BuilderPage /> },
      { path: ':id/edit', element: <BuilderPage /> },
      { path: ':id/results', element: <ResultsPage /> },
    ],
  },
  { path: ':id', element: <RespondPage /> },
];
