import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ActedKind, ApprovalSummary, InboxCounts } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { Flags, fullDocumentNumber, StatusBadge, useYen } from './approval-bits';
import { approvalsApi } from './approvals-api';
import { ACTED_PAGE, useActed, useApprovalChanged, useInbox } from './approvals-queries';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

const TABS = ['waiting', 'drafting', 'sentBack', 'decided', 'review', 'acted'] as const;
type Tab = (typeof TABS)[number];

/** 処理済 has no badge: nothing in it waits for anyone. */
const countOf = (c: InboxCounts | undefined, tab: Tab): number =>
  !c || tab === 'acted' ? 0 : tab === 'drafting' ? c.drafting + c.mine : tab === 'review' ? c.reviews : c[tab];

/** My act as shown in 処理済 (a 後閲 done reads 後閲, not the button's wording). */
const ACTED_LABEL: Record<ActedKind, 'approve' | 'proxy_approve' | 'reject' | 'send_back' | 'reviewed' | 'decide'> = {
  approve: 'approve',
  proxy_approve: 'proxy_approve',
  reject: 'reject',
  send_back: 'send_back',
  review: 'reviewed',
  decide: 'decide',
};

/** Where a row leads: my unsent or returned draft opens in the editor, everything else as the document. */
export const approvalHref = (a: Pick<ApprovalSummary, 'id' | 'status'>) =>
  a.status === 'draft' ? `/approvals/${a.id}/edit` : `/approvals/${a.id}`;

export function ApprovalRow({
  approval,
  checkbox,
  note,
}: {
  approval: ApprovalSummary;
  checkbox?: React.ReactNode;
  note?: React.ReactNode;
}) {
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
          {approval.documentNumber && <strong>{fullDocumentNumber(approval)}</strong>}
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
        {note && <span className={styles.itemMeta}>{note}</span>}
      </Link>
      {approval.amount !== null && <span className={styles.itemAmount}>{yen(approval.amount)}</span>}
    </li>
  );
}

/** 処理済: what I approved, rejected, sent back, reviewed or decided, newest first, a page at a time. */
function ActedList() {
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const [offset, setOffset] = useState(0);
  const acted = useActed(offset, true);
  const page = acted.data;
  return (
    <>
      {acted.error && (
        <p className="error" role="alert">
          {errorText(acted.error)}
        </p>
      )}
      {acted.isPending && <p className="muted">{t('loading')}</p>}
      {page && page.items.length === 0 && <p className="empty-state">{t('empty')}</p>}
      {page && page.total > 0 && <p className="muted">{t('actedTotal', { total: page.total })}</p>}
      <ul className={styles.list} data-testid="acted-list">
        {page?.items.map((item) => (
          <ApprovalRow
            key={item.approval.id}
            approval={item.approval}
            note={
              <span data-testid="acted-by">
                {t('actedBy', { action: t(ACTED_LABEL[item.lastAction]), at: formatDateTime(item.actedAt, locale) })}
              </span>
            }
          />
        ))}
      </ul>
      {page && page.total > ACTED_PAGE && (
        <div className={styles.pager}>
          <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - ACTED_PAGE))}>
            {t('prevPage')}
          </button>
          <span>{t('pageOf', { page: offset / ACTED_PAGE + 1, total: Math.ceil(page.total / ACTED_PAGE) })}</span>
          <button disabled={offset + ACTED_PAGE >= page.total} onClick={() => setOffset(offset + ACTED_PAGE)}>
            {t('nextPage')}
          </button>
        </div>
      )}
    </>
  );
}

/** 受信箱: 未決 / 起案中 / 差戻し / 決裁済 / 後閲待ち / 処理済, live; routine items in 未決 can be approved together. */
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
      case 'acted':
        return [];
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
      {tab === 'acted' && <ActedList />}
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
      {data && tab !== 'acted' && items.length === 0 && <p className="empty-state">{t('empty')}</p>}
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
