import { NavLink, Outlet, type RouteObject } from 'react-router-dom';
import { useT } from '../../i18n/i18n';
import { AuditPage } from './audit-page';
import { ImportPage } from './import-page';
import { SignInPage } from './sign-in-page';
import { SecurityPage } from './security-page';
import { securityMessages } from './security-messages';
import { SessionsPage } from './sessions-page';
import { TokensPage } from './tokens-page';
import { tokensMessages } from './tokens-messages';
import { useSession } from '../../auth/session';
import { adminMessages } from './messages';
import { UsersPage } from './users-page';
import styles from './admin.module.css';

function AdminLayout() {
  const t = useT(adminMessages);
  const ts = useT(securityMessages);
  const tt = useT(tokensMessages);
  const { can } = useSession();
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <nav className={styles.tabs}>
        <NavLink end to="/admin">
          {t('users')}
        </NavLink>
        <NavLink to="/admin/import">{t('import')}</NavLink>
        <NavLink to="/admin/audit">{t('audit')}</NavLink>
        <NavLink to="/admin/sign-in">{t('signIn')}</NavLink>
        <NavLink to="/admin/sessions">{ts('sessions')}</NavLink>
        <NavLink to="/admin/security">{ts('security')}</NavLink>
        {can('tokens.manage') && <NavLink to="/admin/api-tokens">{tt('tab')}</NavLink>}
      </nav>
      <Outlet />
    </section>
  );
}

export const adminRoutes: RouteObject[] = [
  {
    element: <AdminLayout />,
    children: [
      { index: true, element: <UsersPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sessions', element: <SessionsPage /> },
      { path: 'security', element: <SecurityPage /> },
      { path: 'api-tokens', element: <TokensPage /> },
    ],
  },
];
