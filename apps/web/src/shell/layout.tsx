import { useState } from 'react';
import { ClipboardList, FileCheck2, Menu, MessagesSquare, Presentation, Settings } from 'lucide-react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';
import { useLocale, useT } from '../i18n/i18n';
import { shellMessages } from './messages';

export const NAV = [
  { to: '/chat', key: 'chat', Icon: MessagesSquare },
  { to: '/meetings', key: 'meetings', Icon: Presentation },
  { to: '/approvals', key: 'approvals', Icon: FileCheck2 },
  { to: '/surveys', key: 'surveys', Icon: ClipboardList },
] as const;

export function Layout() {
  const t = useT(shellMessages);
  const { user, logout, can } = useSession();
  const { locale, setLocale } = useLocale();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  return (
    <div className="shell">
      <header className="topbar">
        <button className="icon-button menu-toggle" aria-label={t('menu')} aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)}>
          <Menu size={22} />
        </button>
        <NavLink to="/" className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="brand-name">Yakuba</span>
          <span className="brand-sub">{t('appName')}</span>
        </NavLink>
        <div className="topbar-actions">
          <button className="link-button" onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')} data-testid="language-switch">
            {t('language')}
          </button>
          <NavLink to="/profile" className="user-chip" title={t('profile')}>
            <span className="avatar" aria-hidden>{user?.displayName.slice(0, 1)}</span>
            <span className="user-name">{user?.displayName}</span>
          </NavLink>
          <button className="link-button" onClick={() => void logout()}>
            {t('logout')}
          </button>
        </div>
      </header>
      <nav className={`sidenav ${menuOpen ? 'open' : ''}`} aria-label="main" key={location.pathname} onClick={() => setMenuOpen(false)}>
        {NAV.map((item) => (
          <NavLink key={item.to} to={item.to} className="nav-item">
            <item.Icon className="nav-icon" size={20} aria-hidden />
            <span>{t(item.key)}</span>
          </NavLink>
        ))}
        {can('directory.manage') && (
          <NavLink to="/admin" className="nav-item">
            <Settings className="nav-icon" size={20} aria-hidden />
            <span>{t('admin')}</span>
          </NavLink>
        )}
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
