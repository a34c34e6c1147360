import { hasPermission, type MeView, type SessionUser } from '@yakuba/contracts';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { shellMessages } from '../../shell/messages';
import shell from '../../shell/layout.module.css';
import { DisasterBanner } from './disaster-banner';
import { DisasterPage } from './disaster-page';
import { useActiveDisasters } from './disasters-queries';
import { disastersMessages } from './messages';
import { UrgentOverlay } from './urgent-overlay';
import styles from './disasters.module.css';

/**
 * A guest (DMAT, 消防団, volunteers, a supporting town's staff): `GET /api/auth/me` names their channel and expiry
 * (`guest`); an account without the staff directory is treated the same way. The server decides what a guest may
 * reach; the client shows them only their disaster.
 */
export function isGuest(user: SessionUser & Partial<Pick<MeView, 'guest'>>): boolean {
  return Boolean(user.guest) || !hasPermission(user.roles, 'directory.read');
}

/** The guest's whole app: a plain top bar, the banner, their disaster's page (overview, chat, damage). */
export function GuestLayout() {
  const t = useT(shellMessages);
  const td = useT(disastersMessages);
  const { user, logout } = useSession();
  const { locale, setLocale } = useLocale();
  const active = useActiveDisasters();
  const mine = active[0];
  return (
    <div className={`${shell.shell} ${styles.guestShell}`}>
      <header className={shell.topbar}>
        <span className={shell.brand}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className={shell.brandName}>Yakuba</span>
        </span>
        <div className={shell.topbarActions}>
          <button className="link-button" onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}>
            {t('language')}
          </button>
          <span className={shell.userName}>{user?.displayName}</span>
          <button className="link-button" onClick={() => void logout()}>
            {t('logout')}
          </button>
        </div>
      </header>
      <DisasterBanner />
      <main className={shell.content}>
        {mine ? (
          <>
            <p className={`muted small ${styles.guestNote}`}>{td('guestWelcome', { title: mine.title })}</p>
            <DisasterPage guestDisasterId={mine.id} />
          </>
        ) : (
          <p className="page empty-state">{td('guestNoChannel')}</p>
        )}
      </main>
      <UrgentOverlay />
    </div>
  );
}
