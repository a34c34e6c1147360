import { useQuery } from '@tanstack/react-query';
import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useErrorText } from '../../../api/errors';
import { useT } from '../../../i18n/i18n';
import { approvalsApi } from '../approvals-api';
import styles from '../approvals.module.css';
import { approvalsAdminMessages } from './admin-messages';

/** Whether the hash-chained audit log (every approval action is in it) is intact: GET /api/audit/verify. */
export function AuditStatus() {
  const t = useT(approvalsAdminMessages);
  const errorText = useErrorText();
  const verify = useQuery({ queryKey: ['approvals', 'audit-verify'], queryFn: approvalsApi.verifyAudit, staleTime: 0 });
  const v = verify.data;
  return (
    <section className="card" data-testid="audit-status">
      <p className="muted">{t('verifyHint')}</p>
      {verify.error && <p className="error">{errorText(verify.error)}</p>}
      {v?.valid && (
        <p className={styles.verifyOk} data-valid="true">
          <ShieldCheck size={20} aria-hidden /> {t('verifyOk', { count: v.checked })}
        </p>
      )}
      {v && !v.valid && (
        <p className={styles.verifyBad} data-valid="false" role="alert">
          <ShieldAlert size={20} aria-hidden /> {t('verifyBad', { count: v.checked, id: v.brokenAtId ?? '?', reason: v.reason ?? '' })}
        </p>
      )}
      <button onClick={() => void verify.refetch()} disabled={verify.isFetching}>
        {t('verifyAgain')}
      </button>
    </section>
  );
}
