import { useEffect, useRef, useState } from 'react';
import { ChevronLeft, ChevronRight, Download, X, ZoomIn, ZoomOut } from 'lucide-react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useT } from '../../i18n/i18n';
import { openPdf } from '../meetings/pdf-loader';
import { PdfPageCanvas } from '../meetings/pdf-page-canvas';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

/**
 * An attachment or the decided document on screen: the meeting room's pdf.js pages (Japanese fonts included), page
 * turning and zoom that fit a tablet, and the file itself one tap away.
 */
export function PdfViewer({ url, title, onClose }: { url: string; title: string; onClose(): void }) {
  const t = useT(approvalsMessages);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [rendered, setRendered] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);

  useEffect(() => {
    let live = true;
    openPdf(url).then(
      (d) => live && setDoc(d),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [url]);
  useEffect(() => {
    const measure = () => setWidth(Math.max(280, Math.min((box.current?.clientWidth ?? 800) - 32, 1000)));
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      if (e.key === 'ArrowRight' && doc) setPage((p) => Math.min(doc.numPages, p + 1));
      if (e.key === 'ArrowLeft') setPage((p) => Math.max(1, p - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doc, onClose]);

  const cssWidth = Math.round(width * zoom);
  return (
    <div className={styles.viewer} role="dialog" aria-modal="true" aria-label={title} data-testid="pdf-viewer">
      <div className={styles.viewerBar}>
        <strong className="spacer">{title}</strong>
        <button onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1} aria-label={t('prevPage')}>
          <ChevronLeft size={18} aria-hidden />
        </button>
        <span className="small">{doc ? t('pageOf', { page, total: doc.numPages }) : '…'}</span>
        <button
          onClick={() => doc && setPage((p) => Math.min(doc.numPages, p + 1))}
          disabled={!doc || page >= doc.numPages}
          aria-label={t('nextPage')}
        >
          <ChevronRight size={18} aria-hidden />
        </button>
        <button onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))} aria-label={t('zoomOut')}>
          <ZoomOut size={18} aria-hidden />
        </button>
        <button onClick={() => setZoom((z) => Math.min(3, z + 0.25))} aria-label={t('zoomIn')}>
          <ZoomIn size={18} aria-hidden />
        </button>
        <a className="button-link" href={url} target="_blank" rel="noopener noreferrer">
          <Download size={18} aria-hidden />
          {t('openFile')}
        </a>
        <button onClick={onClose} aria-label={t('close')}>
          <X size={18} aria-hidden />
        </button>
      </div>
      <div className={styles.viewerPages} ref={box}>
        {failed && <p className="error">{t('pdfFailed')}</p>}
        {doc && (
          <div data-testid="viewer-page" data-page={page} data-rendered={rendered === `${page}:${cssWidth}` ? 'yes' : 'no'}>
            <PdfPageCanvas doc={doc} page={page} cssWidth={cssWidth} onRendered={() => setRendered(`${page}:${cssWidth}`)} />
          </div>
        )}
      </div>
    </div>
  );
}
