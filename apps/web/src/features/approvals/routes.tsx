import { Inbox, FilePlus2, Search, UserX, Scale } from 'lucide-react';
import { Navigate, NavLink, Outlet, type RouteObject } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import { AbsencePage } from './absence-page';
import { AdminPage } from './admin/admin-page';
import { ApprovalPage } from './approval-page';
import { ArchivePage } from './archive-page';
import { DraftPage } from './draft-page';
import { InboxPage } from './inbox-page';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

function ApprovalsLayout() {
  const t = useT(approvalsMessages);
  const { can } = useSession();
  return (
    <section className="page">
      <nav className={styles.subNav} aria-label={t('title')}>
        <NavLink end to="/approvals">
          <Inbox size={16} aria-hidden />
          {t('inbox')}
        </NavLink>
        <NavLink to="/approvals/new" data-testid="new-draft">
          <FilePlus2 size={16} aria-hidden />
          {t('newDraft')}
        </NavLink>
        <NavLink to="/approvals/archive">
          <Search size={16} aria-hidden />
          {t('archive')}
        </NavLink>
        <NavLink to="/approvals/absence">
          <UserX size={16} aria-hidden />
          {t('absence')}
        </NavLink>
        {can('approvals.manage') && (
          <NavLink to="/approvals/admin">
            <Scale size={16} aria-hidden />
            {t('rules')}
          </NavLink>
        )}
      </nav>
      <Outlet />
    </section>
  );
}

function RequireUse() {
  const { can } = useSession();
  return can('approvals.use') ? <Outlet /> : <Navigate to="/" replace />;
}
function RequireManage() {
  const { can } = useSession();
  return can('approvals.manage') ? <Outlet /> : <Navigate to="/approvals" replace />;
}

/** 電子決裁, mounted under /approvals by the shell. The document and the form are pages of their own (full width). */
export const approvalsRoutes: RouteObject[] = [
  {
    element: <RequireUse />,
    children: [
      {
        element: <ApprovalsLayout />,
        children: [
          { index: true, element: <InboxPage /> },
          { path: 'archive', element: <ArchivePage /> },
          { path: 'absence', element: <AbsencePage /> },
          { path: 'admin/*', element: <RequireManage />, children: [{ path: '*', element: <AdminPage /> }] },
        ],
      },
      { path: 'new', element: <DraftPage /> },
      { path: ':id/edit', element: <DraftPage /> },
      { path: ':id', element: <ApprovalPage /> },
    ],
  },
];
