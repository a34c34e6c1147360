import type { ApprovalActionView, ApprovalView } from '@yakuba/contracts';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { useDocDate } from './approval-bits';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

const KIND_KEY = {
  create: 'create',
  submit: 'submit_action',
  resubmit: 'resubmit',
  edit: 'editDraft',
  attach: 'attachments',
  decide: 'decide',
  approve: 'approve',
  reject: 'reject',
  send_back: 'send_back',
  withdraw: 'withdraw',
  comment: 'comment',
  proxy_approve: 'proxy_approve',
  review: 'reviewDone',
} as const satisfies Record<ApprovalActionView['kind'], string>;

/** 処理履歴: every step with its real time; a stated (遡及) date and its reason beside it, never instead of it. */
export function HistoryList({ approval }: { approval: ApprovalView }) {
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const docDate = useDocDate();
  const stageName = (n: number | null) => (n === null ? t('toDrafter') : (approval.route[n]?.label ?? t('stageN', { n: n + 1 })));
  return (
    <ol className={styles.history} data-testid="history">
      {approval.actions.map((a) => (
        <li key={a.id} data-kind={a.kind}>
          <div>
            <strong>{t(KIND_KEY[a.kind])}</strong> ・ {a.actorName}
            <span className="muted small">
              {a.actorPosition ? `（${[a.actorDepartmentName, a.actorPosition].filter(Boolean).join(' ')}）` : ''}
            </span>
            {a.onBehalfOfName && <span className={styles.flag}> {t('proxyFor', { name: a.onBehalfOfName })}</span>}
            {a.kind === 'send_back' && <span className="small"> → {stageName(a.toStage)}</span>}
          </div>
          <div className="small">
            {t('realTime')}: <time dateTime={a.at}>{formatDateTime(a.at, locale)}</time>
            {a.statedDate && (
              <span className={styles.stated} data-testid="stated-date">
                {' '}
                ・ {t('statedDate', { date: docDate(a.statedDate) })} ・ {t('statedReason', { reason: a.statedReason ?? '' })}
              </span>
            )}
          </div>
          {a.comment && <p className={styles.comment}>{a.comment}</p>}
        </li>
      ))}
    </ol>
  );
}
