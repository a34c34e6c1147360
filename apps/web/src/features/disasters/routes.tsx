import type { RouteObject } from 'react-router-dom';
import { DisasterListPage } from './disaster-list-page';
import { DisasterPage } from './disaster-page';
import { RosterPlanPage } from './roster-plan-page';

/** Disasters and drills, mounted under /disasters by the shell (the banners and the overlay live in the shell). */
export const disastersRoutes: RouteObject[] = [
  { index: true, element: <DisasterListPage /> },
  { path: 'roster', element: <RosterPlanPage /> },
  { path: ':id', element: <DisasterPage /> },
  { path: ':id/:tab', element: <DisasterPage /> },
];
