import { useT } from '../../i18n/i18n';
import { useApprovalsLive } from './approvals-queries';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

/** The menu's 決裁 badge: what waits for me (未決) and my open 後閲, live. */
export function ApprovalsNavBadge() {
  const t = useT(approvalsMessages);
  const counts = useApprovalsLive();
  const n = counts ? counts.waiting + counts.reviews : 0;
  if (!n) return null;
  return (
    <span
      className={`badge ${styles.navBadge}`}
      data-testid="approvals-badge"
      title={`${t('waiting')} ${counts?.waiting ?? 0} ・ ${t('review')} ${counts?.reviews ?? 0}`}
    >
      {n}
    </span>
  );
}
