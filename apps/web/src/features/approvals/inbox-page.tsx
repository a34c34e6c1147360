import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ApprovalSummary, InboxCounts } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { Flags, StatusBadge, useYen } from './approval-bits';
import { approvalsApi } from './approvals-api';
import { useApprovalChanged, useInbox } from './approvals-queries';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

const TABS = ['waiting', 'drafting', 'sentBack', 'decided', 'review'] as const;
type Tab = (typeof TABS)[number];

const countOf = (c: InboxCounts | undefined, tab: Tab): number =>
  !c ? 0 : tab === 'drafting' ? c.drafting + c.mine : tab === 'review' ? c.reviews : c[tab];

/** Where a row leads: my unsent or returned draft opens in the editor, everything else as the document. */
export const approvalHref = (a: Pick<ApprovalSummary, 'id' | 'status'>) =>
  a.status === 'draft' ? `/approvals/${a.id}/edit` : `/approvals/${a.id}`;

export function ApprovalRow({ approval, checkbox }: { approval: ApprovalSummary; checkbox?: React.ReactNode }) {
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const yen = useYen();
  return (
    <li className={`card ${styles.item}`} data-testid="approval-row" data-id={approval.id}>
      {checkbox}
      <Link to={approvalHref(approval)} className={styles.itemLink}>
        <span className={styles.itemMeta}>
          <StatusBadge status={approval.status} />
          <Flags approval={approval} />
          {approval.documentNumber && <strong>{approval.documentNumber}</strong>}
          <span>{approval.typeName}</span>
        </span>
        <span className={styles.itemTitle}>{approval.title}</span>
        <span className={styles.itemMeta}>
          <span>
            {t('drafter')}: {approval.drafterName}
            {approval.departmentName ? `（${approval.departmentName}）` : ''}
          </span>
          {approval.currentStageLabel && approval.status === 'in_progress' && <span>→ {approval.currentStageLabel}</span>}
          <span>{formatDateTime(approval.decidedAt ?? approval.submittedAt ?? approval.updatedAt, locale)}</span>
          {approval.openReviews > 0 && <span className={styles.flag}>{t('reviewPending')}</span>}
        </span>
      </Link>
      {approval.amount !== null && <span className={styles.itemAmount}>{yen(approval.amount)}</span>}
    </li>
  );
}

/** 受信箱: 未決 / 起案中 / 差戻し / 決裁済 / 後閲待ち, live; routine items in 未決 can be approved together. */
export function InboxPage() {
  const t = useT(approvalsMessages);
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'waiting';
  const inbox = useInbox();
  const changed = useApprovalChanged();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const data = inbox.data;

  const items: ApprovalSummary[] = useMemo(() => {
    if (!data) return [];
    switch (tab) {
      case 'waiting':
        return data.waiting;
      case 'drafting':
        return [...data.drafting, ...data.mine];
      case 'sentBack':
        return data.sentBack;
      case 'decided':
        return data.decided;
      case 'review':
        return data.reviews;
    }
  }, [data, tab]);
  const routine = tab === 'waiting' ? items.filter((a) => a.routine && !a.important && !a.unusual) : [];
  const chosen = routine.filter((a) => selected.has(a.id));

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  async function bulkApprove() {
    if (!chosen.length || !window.confirm(t('bulkConfirm', { count: chosen.length }))) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const res = await approvalsApi.bulkApprove({ items: chosen.map((a) => ({ id: a.id, version: a.version })) });
      const ok = res.results.filter((r) => r.ok).length;
      const skipped = res.results.length - ok;
      setNote(`${t('bulkDone', { ok })}${skipped ? ` ${t('bulkSkipped', { count: skipped })}` : ''}`);
      setSelected(new Set());
      await changed();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <nav className={styles.tabs} role="tablist" aria-label={t('inbox')}>
        {TABS.map((key) => (
          <button
            key={key}
            role="tab"
            aria-selected={tab === key}
            data-testid={`tab-${key}`}
            onClick={() => {
              setParams(key === 'waiting' ? {} : { tab: key });
              setSelected(new Set());
            }}
          >
            {t(key)}
            {countOf(data?.counts, key) > 0 && (
              <span className="badge" data-testid={`count-${key}`}>
                {countOf(data?.counts, key)}
              </span>
            )}
          </button>
        ))}
      </nav>
      {inbox.error && (
        <p className="error" role="alert">
          {errorText(inbox.error)}
        </p>
      )}
      {inbox.isPending && <p className="muted">{t('loading')}</p>}
      {note && (
        <p className="success" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && items.length === 0 && <p className="empty-state">{t('empty')}</p>}
      {routine.length > 1 && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={chosen.length === routine.length}
            onChange={(e) => setSelected(e.target.checked ? new Set(routine.map((a) => a.id)) : new Set())}
          />
          {t('selectAll')}（{t('routine')}）
        </label>
      )}
      <ul className={styles.list}>
        {items.map((a) => (
          <ApprovalRow
            key={a.id}
            approval={a}
            checkbox={
              routine.includes(a) ? (
                <input
                  type="checkbox"
                  aria-label={a.title}
                  checked={selected.has(a.id)}
                  onChange={() => toggle(a.id)}
                  data-testid="bulk-check"
                />
              ) : undefined
            }
          />
        ))}
      </ul>
      {chosen.length > 0 && (
        <div className={styles.bulkBar}>
          <span>{t('bulkSelected', { count: chosen.length })}</span>
          <span className="spacer" />
          <button className={`primary ${styles.approve}`} disabled={busy} onClick={() => void bulkApprove()}>
            {t('bulkApprove')}
          </button>
        </div>
      )}
    </>
  );
}
