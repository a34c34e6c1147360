import { useState } from 'react';
import { FileText, Paperclip, RefreshCw, Trash2 } from 'lucide-react';
import type { ApprovalAttachmentView } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { approvalsApi } from './approvals-api';
import { approvalsMessages } from './messages';
import { PdfViewer } from './pdf-viewer';
import styles from './approvals.module.css';

/**
 * 添付資料: each attachment with every version it had (newest first, all kept and listed). Before the decision the
 * drafter may add one or replace one (a change of substance: 合議 stages that approved approve again); pages open in
 * the viewer.
 */
export function AttachmentsPanel({
  approvalId,
  version,
  attachments,
  editable,
  onChanged,
}: {
  approvalId: string | null;
  /** The approval's version on screen: a change made to an older one is refused (409) and the page reloads. */
  version: number | null;
  attachments: ApprovalAttachmentView[];
  editable: boolean;
  onChanged(): Promise<void> | void;
}) {
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ url: string; title: string } | null>(null);

  async function send(file: File | undefined, replacesId?: string) {
    if (!file || !approvalId || version === null) return;
    setError(null);
    setProgress(0);
    try {
      await approvalsApi.attach(approvalId, version, file, setProgress, replacesId);
      await onChanged();
    } catch (err) {
      setError(errorText(err));
      // Stale (an approver acted meanwhile): show the current state, so that the next try is made to it.
      await onChanged();
    } finally {
      setProgress(null);
    }
  }
  async function remove(attachmentId: string) {
    if (!approvalId || version === null || !window.confirm(t('confirmAction', { action: t('removeStage') }))) return;
    try {
      await approvalsApi.removeAttachment(approvalId, attachmentId, version);
      await onChanged();
    } catch (err) {
      setError(errorText(err));
      await onChanged();
    }
  }

  const shown = attachments.filter((a) => !a.removed);
  return (
    <div data-testid="attachments">
      {shown.length === 0 && <p className="muted small">{t('noAttachments')}</p>}
      <ul className={styles.attachments}>
        {shown.map((a) => {
          const [latest, ...earlier] = a.versions;
          return (
            <li key={a.id} data-testid="attachment">
              <div className={styles.attachmentRow}>
                <FileText size={18} aria-hidden />
                <strong className="spacer">{a.title}</strong>
                {latest && (
                  <>
                    <span className="muted small">
                      {t('versionN', { n: latest.version })} ・ {latest.pageCount}p ・ {formatDateTime(latest.uploadedAt, locale)}
                    </span>
                    <button onClick={() => setViewing({ url: approvalsApi.fileUrl(approvalId!, a.id, latest.id), title: a.title })}>
                      {t('view')}
                    </button>
                  </>
                )}
                {editable && (
                  <label className={`button-link ${styles.fileInput}`}>
                    <RefreshCw size={16} aria-hidden />
                    {t('replace')}
                    <input
                      type="file"
                      accept="application/pdf,.pdf"
                      aria-label={`${t('replace')} ${a.title}`}
                      onChange={(e) => {
                        void send(e.target.files?.[0], a.id);
                        e.target.value = '';
                      }}
                    />
                  </label>
                )}
                {editable && (
                  <button className="danger" aria-label={`${t('removeStage')} ${a.title}`} onClick={() => void remove(a.id)}>
                    <Trash2 size={16} aria-hidden />
                  </button>
                )}
              </div>
              {earlier.length > 0 && (
                <div>
                  <span className="muted small">{t('earlierVersions')}</span>
                  <ul className={styles.versions}>
                    {earlier.map((v) => (
                      <li key={v.id}>
                        <a href={approvalsApi.fileUrl(approvalId!, a.id, v.id)} target="_blank" rel="noopener noreferrer">
                          {t('versionN', { n: v.version })} {v.fileName}
                        </a>{' '}
                        ・ {v.uploadedByName} ・ {formatDateTime(v.uploadedAt, locale)}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {editable && approvalId && (
        <label className={`button-link ${styles.fileInput}`}>
          <Paperclip size={16} aria-hidden />
          {t('uploadPdf')}
          <input
            type="file"
            accept="application/pdf,.pdf"
            data-testid="attach-input"
            onChange={(e) => {
              void send(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      )}
      {editable && !approvalId && <p className="muted small">{t('saveFirst')}</p>}
      {progress !== null && (
        <p className="small">
          {t('uploading', { pct: Math.round(progress * 100) })}
          <progress value={progress} max={1} />
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {viewing && <PdfViewer url={viewing.url} title={viewing.title} onClose={() => setViewing(null)} />}
    </div>
  );
}
