import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ApprovalActionName, ApprovalView } from '@yakuba/contracts';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import { approvalsApi } from './approvals-api';
import { useApprovalChanged } from './approvals-queries';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

const ORDER: ApprovalActionName[] = ['approve', 'proxy_approve', 'review', 'send_back', 'reject', 'withdraw', 'comment'];
const NEEDS_COMMENT: ApprovalActionName[] = ['reject', 'send_back'];

/** The buttons of what I may do now (the server's `allowedActions`), each confirmed in a dialog; 409 said plainly. */
export function ActionPanel({ approval, onReload }: { approval: ApprovalView; onReload(): Promise<unknown> }) {
  const t = useT(approvalsMessages);
  const { user } = useSession();
  const errorText = useErrorText();
  const changed = useApprovalChanged();
  const [action, setAction] = useState<ApprovalActionName | null>(null);
  // The version the person looked at when they chose: a change meanwhile (live) makes the server answer 409.
  const [seenVersion, setSeenVersion] = useState(approval.version);
  const [comment, setComment] = useState('');
  const [toStage, setToStage] = useState('');
  const [stating, setStating] = useState(false);
  const [statedDate, setStatedDate] = useState('');
  const [statedReason, setStatedReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const active = approval.route.find((s) => s.state === 'active');
  const mine = active?.approvers.find((a) => a.userId === user?.id);
  const absentFor = active?.approvers.find((a) => a.absent && a.absenceProxyId === user?.id);
  const isFinal = !!active?.decision && (action === 'approve' || action === 'proxy_approve');
  const earlier = approval.route.filter((s) => active && s.stage < active.stage && s.kind !== 'circulation' && s.state === 'done');
  const allowed = ORDER.filter((a) => approval.allowedActions.includes(a));

  function open(a: ApprovalActionName) {
    setAction(a);
    setSeenVersion(approval.version);
    setComment('');
    setToStage('');
    setStating(false);
    setStatedDate('');
    setStatedReason('');
    setError(null);
    setDone(null);
  }
  async function run() {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      const next = await approvalsApi.act(approval.id, {
        action,
        version: seenVersion,
        comment: comment.trim() || null,
        toStage: action === 'send_back' && toStage !== '' ? Number(toStage) : null,
        statedDate: isFinal && stating ? statedDate || null : null,
        statedReason: isFinal && stating ? statedReason.trim() || null : null,
      });
      await changed(next);
      setAction(null);
      setDone(t('done'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
        setAction(null);
      } else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  // A 供覧 stage only needs to have been seen: its approve reads as such.
  const label = (a: ApprovalActionName) =>
    a === 'review' ? t('review_action') : a === 'approve' && active?.kind === 'circulation' ? t('seenAction') : t(a);
  return (
    <div className={styles.actions} data-testid="action-panel">
      {conflict && (
        <div className={styles.conflict} role="alert" data-testid="conflict">
          <span>{t('conflict')}</span>
          <button
            onClick={() => {
              setConflict(false);
              void onReload();
            }}
          >
            {t('reload')}
          </button>
        </div>
      )}
      {mine?.state === 'waiting' && <strong>{t('yourTurn')}</strong>}
      {absentFor && approval.allowedActions.includes('proxy_approve') && (
        <p className="small">{t('proxyHint', { name: absentFor.displayName })}</p>
      )}
      {approval.canEdit && (
        <Link className={`button-link primary`} to={`/approvals/${approval.id}/edit`}>
          {t('editDraft')}
        </Link>
      )}
      {allowed.map((a) => (
        <button
          key={a}
          className={
            a === 'approve' || a === 'proxy_approve'
              ? styles.approve
              : a === 'reject' || a === 'withdraw'
                ? 'danger'
                : a === 'review'
                  ? 'primary'
                  : ''
          }
          onClick={() => open(a)}
          data-testid={`action-${a}`}
        >
          {label(a)}
        </button>
      ))}
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      {error && !action && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {action && (
        <div className={styles.viewer} style={{ background: 'rgb(0 0 0 / 35%)', display: 'grid', placeItems: 'center' }}>
          <form
            className={`card form ${styles.dialog}`}
            role="dialog"
            aria-modal="true"
            aria-label={label(action)}
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <h2>{t('confirmAction', { action: label(action) })}</h2>
            <p className="muted small">{approval.title}</p>
            {action === 'send_back' && (
              <label>
                {t('sendBackTo')}
                <select value={toStage} onChange={(e) => setToStage(e.target.value)} data-testid="send-back-target">
                  <option value="">{t('toDrafter')}</option>
                  {earlier.map((s) => (
                    <option key={s.stage} value={s.stage}>
                      {t('toStage', { n: s.stage + 1, names: `${s.label}: ${s.approvers.map((a) => a.displayName).join('、')}` })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {NEEDS_COMMENT.includes(action) || action === 'comment' ? t('commentRequired') : t('commentLabel')}
              <textarea
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                required={NEEDS_COMMENT.includes(action) || action === 'comment'}
                maxLength={2000}
                data-testid="action-comment"
              />
            </label>
            {isFinal && (
              <>
                <label className="checkbox">
                  <input type="checkbox" checked={stating} onChange={(e) => setStating(e.target.checked)} />
                  {t('stateDate')}
                </label>
                {stating && (
                  <div className={styles.row}>
                    <label>
                      {t('decidedAt')}
                      <input type="date" required value={statedDate} onChange={(e) => setStatedDate(e.target.value)} />
                    </label>
                    <label style={{ flex: 1 }}>
                      {t('stateDateReason')}
                      <input required value={statedReason} maxLength={500} onChange={(e) => setStatedReason(e.target.value)} />
                    </label>
                  </div>
                )}
              </>
            )}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <div className="form-actions">
              <button type="button" onClick={() => setAction(null)}>
                {t('cancel')}
              </button>
              <button
                type="submit"
                className={action === 'reject' || action === 'withdraw' ? 'danger' : 'primary'}
                disabled={busy}
                data-testid="action-confirm"
              >
                {label(action)}
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
