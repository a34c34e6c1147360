import { useT } from '../i18n/i18n';
import { useSession } from './session';
import { sessionMessages } from './session-messages';
import styles from './auth.module.css';

/** On the sign-in page after this page's session ended under it: why (disabled, signed out elsewhere, expired). */
export function SignedOutNotice() {
  const t = useT(sessionMessages);
  const { ended } = useSession();
  if (!ended) return null;
  return (
    <div className={`card ${styles.signedOut}`} role="alert" data-testid="signed-out" data-reason={ended}>
      <strong>{t('endedTitle')}</strong>
      <p>{t(ended)}</p>
    </div>
  );
}
