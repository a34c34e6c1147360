import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FileDown } from 'lucide-react';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { ActionPanel } from './action-panel';
import { Flags, fullDocumentNumber, StatusBadge, useDocDate, useRetentionLabel, useYen } from './approval-bits';
import { approvalsApi } from './approvals-api';
import { useApproval, useApprovalChanged } from './approvals-queries';
import { AttachmentsPanel } from './attachments-panel';
import { HistoryList } from './history-list';
import { approvalsMessages } from './messages';
import { PdfViewer } from './pdf-viewer';
import { RouteView } from './route-view';
import { SealBox } from './seal-box';
import styles from './approvals.module.css';

/** The document as circulated: its sheet with the 決裁欄, the route's progress, history, and what I may do. */
export function ApprovalPage() {
  const { id } = useParams();
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const { user } = useSession();
  const errorText = useErrorText();
  const yen = useYen();
  const docDate = useDocDate();
  const retentionLabel = useRetentionLabel();
  const changed = useApprovalChanged();
  const query = useApproval(id);
  const [viewPdf, setViewPdf] = useState(false);
  const a = query.data;
  if (query.error)
    return (
      <section className="page">
        <p className="error" role="alert">
          {errorText(query.error)}
        </p>
        <Link to="/approvals">{t('backToInbox')}</Link>
      </section>
    );
  if (!a) return <section className="page muted">{t('loading')}</section>;
  const decided = a.status === 'decided';
  const comments = a.actions.filter((x) => x.comment);
  return (
    <section className="page" data-testid="approval-page" data-status={a.status} data-version={a.version}>
      <Link to="/approvals" className="small">
        ← {t('backToInbox')}
      </Link>
      <div className={styles.head}>
        <StatusBadge status={a.status} />
        <Flags approval={a} />
        <h1>{a.title}</h1>
        <span className="spacer" />
        {decided && (
          <>
            <strong data-testid="document-number">{fullDocumentNumber(a)}</strong>
            <button className="primary" onClick={() => setViewPdf(true)} data-testid="open-decided-pdf">
              <FileDown size={16} aria-hidden /> {t('decidedPdf')}
            </button>
            <a href={approvalsApi.pdfUrl(a.id)} target="_blank" rel="noopener noreferrer" className="small" data-testid="decided-pdf-link">
              {t('openFile')}
            </a>
          </>
        )}
      </div>
      <div className={`${styles.detailGrid} ${styles.reorder}`}>
        <div className={styles.col}>
          <article className={`${styles.documentSheet} ${styles.o1}`} data-testid="document-sheet">
            {a.documentNumber && <div className={styles.documentNumber}>{fullDocumentNumber(a)}</div>}
            {a.decidedAt && (
              <div className={styles.documentNumber} style={{ fontWeight: 400 }}>
                {t('decidedAt')} {docDate(a.decidedAt)}
                {a.statedDecisionDate && (
                  <span className={styles.stated} data-testid="stated-decision">
                    {' '}
                    （{t('statedDate', { date: docDate(a.statedDecisionDate) })} ・{' '}
                    {t('statedReason', { reason: a.statedDecisionReason ?? '' })}）
                  </span>
                )}
              </div>
            )}
            <SealBox approval={a} />
            <dl className="facts">
              <dt>{t('documentType')}</dt>
              <dd>{a.typeName}</dd>
              <dt>{t('drafter')}</dt>
              <dd>
                {a.departmentName} {a.drafterStamp?.position ?? a.drafterPosition} {a.drafterStamp?.name ?? a.drafterName}
              </dd>
              <dt>{t('draftedAt')}</dt>
              <dd>{docDate(a.createdAt)}</dd>
              {a.submittedAt && (
                <>
                  <dt>{t('submittedAt')}</dt>
                  <dd>{formatDateTime(a.submittedAt, locale)}</dd>
                </>
              )}
              {a.amount !== null && (
                <>
                  <dt>{t('amountShown')}</dt>
                  <dd className={styles.itemAmount}>{yen(a.amount)}</dd>
                </>
              )}
              <dt>{t('retention')}</dt>
              <dd>
                {retentionLabel(a.retentionYears)}
                {a.retentionEndsOn && ` ・ ${t('retentionEnd')} ${docDate(a.retentionEndsOn)}`}
              </dd>
              {a.source && (
                <>
                  <dt>{t('sourceMessage')}</dt>
                  <dd>
                    <Link to={`/chat/${a.source.channelId}`}>#{a.source.channelName}</Link>
                    {a.source.disaster && <span className={`${styles.flag} ${styles.flagInfo}`}> {t('afterTheFact')}</span>}
                  </dd>
                </>
              )}
            </dl>
            <h2 style={{ marginTop: '1rem' }}>
              {t('docTitle')}: {a.title}
            </h2>
            <div className={styles.documentBody} data-testid="document-body">
              {a.body}
            </div>
          </article>
          <section className={`card ${styles.panel} ${styles.o4}`}>
            <h2>{t('attachments')}</h2>
            <AttachmentsPanel
              approvalId={a.id}
              version={a.version}
              attachments={a.attachments}
              editable={a.drafterId === user?.id && !['decided', 'rejected'].includes(a.status)}
              onChanged={async () => {
                await query.refetch();
                await changed();
              }}
            />
          </section>
          <section className={`card ${styles.panel} ${styles.o5}`}>
            <h2>{t('history')}</h2>
            <HistoryList approval={a} />
          </section>
        </div>
        <aside className={styles.col}>
          <section className={`card ${styles.panel} ${styles.o2}`}>
            <ActionPanel approval={a} onReload={() => query.refetch()} />
          </section>
          <section className={`card ${styles.panel} ${styles.o3}`}>
            <h2>{t('progress')}</h2>
            <RouteView route={a.route} showProgress />
          </section>
          {comments.length > 0 && (
            <section className={`card ${styles.panel} ${styles.o6}`}>
              <h2>{t('comments')}</h2>
              <ul className={styles.history}>
                {comments.map((c) => (
                  <li key={c.id}>
                    <strong>{c.actorName}</strong> <span className="muted small">{formatDateTime(c.at, locale)}</span>
                    <p className={styles.comment}>{c.comment}</p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
      {viewPdf && <PdfViewer url={approvalsApi.pdfUrl(a.id)} title={fullDocumentNumber(a) ?? a.title} onClose={() => setViewPdf(false)} />}
    </section>
  );
}
