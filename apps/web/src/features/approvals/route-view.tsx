import { Check, Clock, CornerDownLeft, Eye, X } from 'lucide-react';
import type { ApproverState, RouteStageView } from '@yakuba/contracts';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { useModeLabel } from './approval-bits';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

function StateIcon({ state }: { state: ApproverState }) {
  switch (state) {
    case 'approved':
    case 'proxy_approved':
      return <Check size={15} color="var(--success)" aria-hidden />;
    case 'seen':
      return <Eye size={15} color="var(--success)" aria-hidden />;
    case 'waiting':
      return <Clock size={15} color="var(--primary-2)" aria-hidden />;
    case 'rejected':
      return <X size={15} color="var(--danger)" aria-hidden />;
    case 'sent_back':
      return <CornerDownLeft size={15} color="var(--danger)" aria-hidden />;
    case 'pending':
    case 'skipped':
      return null;
  }
}

/**
 * The route as stages: who, in which mode (順次 / 合議 all-any / 供覧), who gives the final decision (決裁, under
 * 専決), and where it stands now. Used for the preview before submitting and the progress of a submitted draft.
 */
export function RouteView({ route, showProgress }: { route: RouteStageView[]; showProgress?: boolean }) {
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const modeLabel = useModeLabel();
  return (
    <ol className={styles.route} data-testid="route">
      {route.map((s) => (
        <li
          key={s.stage}
          className={`${styles.routeStage} ${showProgress && s.state === 'done' ? styles.done : ''} ${showProgress && s.state === 'active' ? styles.current : ''}`}
          data-stage={s.stage}
          data-state={s.state}
        >
          <span className={styles.stageNo}>{s.stage + 1}</span>
          <div>
            <div>
              <span className={styles.mode}>{modeLabel(s.kind, s.mode)}</span>
              <strong>{s.label}</strong>
              {s.decision && (
                <span className={styles.flag} style={{ marginLeft: '0.4rem' }}>
                  {t('decide')}
                </span>
              )}
              {s.addedByDrafter && <span className="muted small"> ・ {t('addConsultation')}</span>}
              {s.needsReapproval && <span className={`${styles.flag} ${styles.flagInfo}`}> ↻</span>}
              {showProgress && s.state === 'skipped' && <span className="muted small"> ・ —</span>}
            </div>
            <div className={styles.stagePeople}>
              {s.approvers.map((a) => (
                <span key={a.userId} className={`${styles.person} ${s.decision ? styles.final : ''}`} data-state={a.state}>
                  {showProgress && <StateIcon state={a.state} />}
                  {a.displayName}
                  <span className="muted small">{a.position ? `（${[a.departmentName, a.position].filter(Boolean).join(' ')}）` : ''}</span>
                  {a.absent && <span className={`${styles.flag} ${styles.flagInfo}`}>{t('absentNow')}</span>}
                  {showProgress && a.proxyName && (
                    <span className="small">
                      {' '}
                      [{t('proxyFor', { name: a.displayName })}: {a.proxyName}]
                    </span>
                  )}
                  {showProgress && a.actedAt && <span className="muted small"> {formatDateTime(a.actedAt, locale)}</span>}
                </span>
              ))}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
