import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { meetingsApi } from './meetings-api';
import { meetingsMessages } from './messages';
import { imagePixels } from './opening-page';
import styles from './meetings.module.css';

/**
 * A page drawn by the server (libs/meetings PageRenderer), for confidential papers: the browser receives a picture
 * with the viewer's name and the time burnt in, never the PDF. The pixel width is rounded up to steps of 200
 * (imagePixels). A page the server cannot draw within its limits (a 422 it remembers) shows a placeholder: the image
 * is not asked for again.
 */
const pageImageUrl = meetingsApi.pageImageUrl;

export function ServerPageImage({
  meetingId,
  documentId,
  page,
  pageCount,
  cssWidth,
  cssHeight,
  onRendered,
  preload = false,
}: {
  meetingId: string;
  documentId: string;
  page: number;
  pageCount: number;
  cssWidth: number;
  cssHeight: number;
  onRendered?: () => void;
  /** Fetch the neighbouring pages ahead, for fast page turning. */
  preload?: boolean;
}) {
  const pixels = imagePixels(cssWidth);
  const src = pageImageUrl(meetingId, documentId, page, pixels);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!preload) return;
    for (const n of [page + 1, page - 1]) if (n >= 1 && n <= pageCount) new Image().src = pageImageUrl(meetingId, documentId, n, pixels);
  }, [preload, meetingId, documentId, page, pageCount, pixels]);
  if (failed === src) return <PageUnavailable page={page} width={cssWidth} height={cssHeight} />;
  return (
    <img
      className={`${styles.serverPage} server-page`}
      src={src}
      alt=""
      width={cssWidth}
      height={cssHeight}
      draggable={false}
      data-page={page}
      onLoad={onRendered}
      onError={() => setFailed(src)}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}

/** In place of a page that cannot be drawn (server page image or pdf.js in the browser): no retries, a clear note. */
export function PageUnavailable({ page, width, height }: { page: number; width: number; height: number }) {
  const t = useT(meetingsMessages);
  const small = width < 200;
  return (
    <div
      className={styles.pageUnavailable}
      style={{ width, height }}
      data-testid="page-unavailable"
      data-page={page}
      role="img"
      aria-label={t('pageUnavailable')}
    >
      {small ? '—' : t('pageUnavailable')}
    </div>
  );
}

/**
 * The server's picture of an ordinary paper's page, over the sheet from the moment the room opens until pdf.js has
 * drawn the page beneath it (opening-page.ts asked for it early; MeetingRoomPage takes it away). A page the server
 * cannot draw shows nothing here: pdf.js's drawing, or its placeholder, is what the reader gets.
 */
export function PagePreview({ src, onShown }: { src: string; onShown: () => void }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (failed === src) return null;
  return (
    <img
      className={`${styles.pagePreview} page-preview`}
      src={src}
      alt=""
      draggable={false}
      fetchPriority="high"
      data-testid="page-preview"
      onLoad={onShown}
      onError={() => setFailed(src)}
    />
  );
}
