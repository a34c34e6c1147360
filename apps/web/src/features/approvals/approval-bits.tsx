import type { ApprovalStatus, ApprovalSummary, RetentionPeriod, StageKind, StageMode } from '@yakuba/contracts';
import { useLocale, useT, type Locale } from '../../i18n/i18n';
import { calendarDay, formatDate, formatWareki } from '../../shared/format-date';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

/** Small pieces every approvals screen shows the same way: status, marks, yen, retention, dates. */
export function StatusBadge({ status }: { status: ApprovalStatus }) {
  const t = useT(approvalsMessages);
  return (
    <span className={`${styles.status} ${styles[`status-${status}`] ?? ''}`} data-testid="approval-status" data-status={status}>
      {status === 'decided' ? t('decided_status') : t(status)}
    </span>
  );
}

export function Flags({ approval }: { approval: Pick<ApprovalSummary, 'important' | 'unusual' | 'afterTheFact'> }) {
  const t = useT(approvalsMessages);
  return (
    <>
      {approval.important && <span className={styles.flag}>{t('important')}</span>}
      {approval.unusual && <span className={styles.flag}>{t('unusual')}</span>}
      {approval.afterTheFact && <span className={`${styles.flag} ${styles.flagInfo}`}>{t('afterTheFact')}</span>}
    </>
  );
}

/** 令和8年度 住総第1号: the 文書番号 restarts every fiscal year, so it is always shown with its 年度. */
export function fullDocumentNumber(a: Pick<ApprovalSummary, 'documentNumber' | 'documentYearLabel'>): string | null {
  return a.documentNumber ? [a.documentYearLabel, a.documentNumber].filter(Boolean).join(' ') : null;
}

const yenFormat = new Intl.NumberFormat('ja-JP');
/** 1,234,567円 (ja) / ¥1,234,567 (en). */
export function formatYen(amount: number, locale: Locale): string {
  return locale === 'ja' ? `${yenFormat.format(amount)}円` : `¥${yenFormat.format(amount)}`;
}

export function useYen(): (amount: number | null | undefined) => string {
  const { locale } = useLocale();
  return (amount) => (amount === null || amount === undefined ? '—' : formatYen(amount, locale));
}

export function useRetentionLabel(): (r: RetentionPeriod) => string {
  const t = useT(approvalsMessages);
  return (r) => (r === 'permanent' ? t('permanent') : t('years', { count: r }));
}

/** A document date: 和暦 in Japanese (令和8年4月1日), the ordinary date in English. */
export function useDocDate(): (value: string | null | undefined) => string {
  const { locale } = useLocale();
  return (value) => {
    if (!value) return '—';
    // A plain day (YYYY-MM-DD) is a calendar day of the organisation's time zone.
    const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? calendarDay(value) : value;
    return locale === 'ja' ? formatWareki(at) : formatDate(at, locale);
  };
}

export function useModeLabel(): (kind: StageKind, mode: StageMode) => string {
  const t = useT(approvalsMessages);
  return (kind, mode) => (kind === 'circulation' ? t('circulation') : mode === 'sequential' ? t('sequential') : t(mode));
}

/** Digits only, for the amount field (full-width digits and commas typed on a Japanese keyboard accepted). */
export function parseYen(text: string): number | null {
  const digits = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[^\d]/g, '');
  return digits ? Math.min(Number(digits), Number.MAX_SAFE_INTEGER) : null;
}
