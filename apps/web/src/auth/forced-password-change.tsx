import { useT } from '../i18n/i18n';
import { authMessages } from './messages';
import { ChangePasswordForm } from './password-form';
import { useSession } from './session';
import styles from './auth.module.css';

/** Shown instead of the whole app while the password must be changed (the server refuses everything else). */
export function ForcedPasswordChange() {
  const t = useT(authMessages);
  const { user, refresh, logout } = useSession();
  return (
    <div className={styles.screen}>
      <div className={styles.card} data-testid="forced-password-change">
        <h1>{t('forcedTitle')}</h1>
        <p className="muted">{t('forcedIntro')}</p>
        <p>
          <strong>{user?.displayName}</strong> <code>{user?.username}</code>
        </p>
        <ChangePasswordForm onChanged={refresh} />
        <button type="button" className="link-button" onClick={() => void logout()}>
          {t('signOut')}
        </button>
      </div>
    </div>
  );
}
