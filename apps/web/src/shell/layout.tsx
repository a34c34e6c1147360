import { useState } from 'react';
import { ChartNoAxesCombined, ClipboardList, FileCheck2, Menu, MessagesSquare, Presentation, Settings, Siren } from 'lucide-react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';
import { ApprovalsNavBadge } from '../features/approvals/nav-badge';
import { UnansweredBadge } from '../features/surveys/unanswered-badge';
import { useLocale, useT } from '../i18n/i18n';
import { DisasterBanner } from '../features/disasters/disaster-banner';
import { DisastersProvider } from '../features/disasters/disaster-live';
import { GuestLayout, isGuest } from '../features/disasters/guest-view';
import { UrgentOverlay } from '../features/disasters/urgent-overlay';
import { AppStatus } from './app-status';
import { shellMessages } from './messages';
import styles from './layout.module.css';
import { brandMark } from './brand-mark';

export const NAV = [
  { to: '/chat', key: 'chat', Icon: MessagesSquare },
  { to: '/meetings', key: 'meetings', Icon: Presentation },
  { to: '/approvals', key: 'approvals', Icon: FileCheck2 },
  { to: '/surveys', key: 'surveys', Icon: ClipboardList },
  { to: '/disasters', key: 'disasters', Icon: Siren },
] as const;

/** The shell, with the disaster banners and the urgent-message overlay over every page (a guest gets only theirs). */
export function Layout() {
  const { user } = useSession();
  return (
    <DisastersProvider>
      {user && isGuest(user) ? <GuestLayout /> : <StaffLayout />}
      <AppStatus />
    </DisastersProvider>
  );
}

function StaffLayout() {
  const t = useT(shellMessages);
  const { user, logout, can } = useSession();
  const { locale, setLocale } = useLocale();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  return (
    <div className={styles.shell}>
      <header className={styles.topbar}>
        <button
          className={`icon-button ${styles.menuToggle}`}
          aria-label={t('menu')}
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((o) => !o)}
        >
          <Menu size={22} />
        </button>
        <NavLink to="/" className={styles.brand}>
          <img src={brandMark} alt="" width={28} height={28} />
          <span className={styles.brandName}>Yakuba</span>
          <span className={styles.brandSub}>{t('appName')}</span>
        </NavLink>
        <div className={styles.topbarActions}>
          <button className="link-button" onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')} data-testid="language-switch">
            {t('language')}
          </button>
          <NavLink to="/profile" className={styles.userChip} title={t('profile')}>
            <span className={styles.avatar} aria-hidden>
              {user?.displayName.slice(0, 1)}
            </span>
            <span className={styles.userName}>{user?.displayName}</span>
          </NavLink>
          <button className="link-button" onClick={() => void logout()}>
            {t('logout')}
          </button>
        </div>
      </header>
      <DisasterBanner />
      <nav
        className={`${styles.sidenav} ${menuOpen ? `${styles.open}` : ''}`}
        aria-label="main"
        key={location.pathname}
        onClick={() => setMenuOpen(false)}
      >
        {NAV.map((item) => (
          <NavLink key={item.to} to={item.to} className={styles.navItem}>
            <item.Icon className={styles.navIcon} size={20} aria-hidden />
            <span>{t(item.key)}</span>
            {item.key === 'approvals' && <ApprovalsNavBadge />}
            {item.key === 'surveys' && <UnansweredBadge />}
          </NavLink>
        ))}
        {can('kpis.read') && (
          <NavLink to="/insights" className={styles.navItem}>
            <ChartNoAxesCombined className={styles.navIcon} size={20} aria-hidden />
            <span>{t('kpis')}</span>
          </NavLink>
        )}
        {can('directory.manage') && (
          <NavLink to="/admin" className={styles.navItem}>
            <Settings className={styles.navIcon} size={20} aria-hidden />
            <span>{t('admin')}</span>
          </NavLink>
        )}
      </nav>
      <main className={styles.content}>
        <Outlet />
      </main>
      <UrgentOverlay />
    </div>
  );
}
