import { useEffect } from 'react';
import { meetingsApi } from './meetings-api';
import styles from './meetings.module.css';

/**
 * A page drawn by the server (libs/meetings PageRenderer), for confidential papers: the browser receives a picture
 * with the viewer's name and the time burnt in, never the PDF. The pixel width is rounded up to steps of 200 so that
 * zooming a little, or the next tablet of the same size, hits the server's short-lived cache.
 */
const pageImageUrl = meetingsApi.pageImageUrl;

export function imagePixels(cssWidth: number): number {
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  return Math.max(200, Math.min(2000, Math.ceil((cssWidth * ratio) / 200) * 200));
}

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
  useEffect(() => {
    if (!preload) return;
    for (const n of [page + 1, page - 1]) if (n >= 1 && n <= pageCount) new Image().src = pageImageUrl(meetingId, documentId, n, pixels);
  }, [preload, meetingId, documentId, page, pageCount, pixels]);
  return (
    <img
      className={`${styles.serverPage} server-page`}
      src={pageImageUrl(meetingId, documentId, page, pixels)}
      alt=""
      width={cssWidth}
      height={cssHeight}
      draggable={false}
      data-page={page}
      onLoad={onRendered}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}
