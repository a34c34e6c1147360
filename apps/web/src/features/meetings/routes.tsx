import type { RouteObject } from 'react-router-dom';
import { MeetingEditPage } from './meeting-edit-page';
import { MeetingListPage } from './meeting-list-page';
import { MeetingPage } from './meeting-page';
import { MeetingRoomPage } from './meeting-room-page';

/** Paperless meetings, mounted under /meetings by the shell. */
export const meetingsRoutes: RouteObject[] = [
  { index: true, element: <MeetingListPage /> },
  { path: 'new', element: <MeetingEditPage /> },
  { path: ':id', element: <MeetingPage /> },
  { path: ':id/edit', element: <MeetingEditPage /> },
  { path: ':id/room', element: <MeetingRoomPage /> },
];
