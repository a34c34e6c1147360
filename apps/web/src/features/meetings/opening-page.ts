import type { DocumentView, MeetingDetail, MeetingViewerSettings, PageSize } from '@yakuba/contracts';
import { queryClient } from '../../api/query-client';
import { meetingsApi } from './meetings-api';
import { meetingQuery, viewerSettingsQuery } from './meetings-queries';

/**
 * The first page of a meeting room, shown within a moment of opening it whatever pdf.js's start-up costs: the server's
 * picture of the page (the render pool of libs/platform, cached there and in the browser like every page image) is
 * asked for as soon as the app starts on a room's address, before the session, the room's code and pdf.js have
 * arrived, and MeetingRoomPage shows it at the page's own size until pdf.js has drawn the page over it.
 *
 * Kept out of the room's chunk on purpose: app.tsx calls preloadMeetingRoom on start-up (this file and the two it
 * imports are small; pdf.js is only asked for here, through a dynamic import).
 */

/**
 * Device pixels of a page image `cssWidth` CSS pixels wide, rounded up to steps of 200 so that zooming a little, or
 * the next tablet of the same size, hits the server's short-lived cache.
 */
export function imagePixels(cssWidth: number): number {
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  return Math.max(200, Math.min(2000, Math.ceil((cssWidth * ratio) / 200) * 200));
}

/** The page a reader sees on opening the room, as MeetingRoomPage chooses it: the presenter's, else page 1 of the first paper. */
export function openingPage(meeting: MeetingDetail): { document: DocumentView; page: number } | null {
  const { state } = meeting;
  if (state.documentId) {
    const document = meeting.documents.find((d) => d.id === state.documentId);
    return document ? { document, page: state.page } : null;
  }
  const first = meeting.documents.find((d) => d.current && d.published);
  return first ? { document: first, page: 1 } : null;
}

/**
 * The width of the stand-in picture: the window's width, or for fit page the width of a page as tall as the window.
 * Taken from the window alone, not from the laid-out room, so that the preload and the room ask for one address.
 */
export function previewPixels(fit: MeetingViewerSettings['fit'], size: PageSize): number {
  const width = fit === 'page' ? Math.min(window.innerWidth, (window.innerHeight * size.width) / size.height) : window.innerWidth;
  return imagePixels(width);
}

/** The stand-in picture of one page (never of a confidential paper: its pictures are the page itself, per viewer). */
export function previewUrl(meetingId: string, document: DocumentView, page: number, fit: MeetingViewerSettings['fit']): string | null {
  if (document.confidential) return null;
  const size = document.pageSizes[page - 1] ?? { width: 595, height: 842 };
  return meetingsApi.pageImageUrl(meetingId, document.id, page, previewPixels(fit, size));
}

const ROOM_PATH = /^\/meetings\/([^/]+)\/room\/?$/;
/** Held until loaded: an image nobody refers to may be dropped before it is in the browser's cache. */
const preloaded = new Set<HTMLImageElement>();

/**
 * On a room's address, at start-up: the meeting and the reader's fit (into the query cache the room reads), then the
 * first page's picture, the room's code, pdf.js and the paper itself, all at once. Signed out (the sign-in form shows
 * first), the two requests fail quietly and the room asks again once it opens.
 */
export function preloadMeetingRoom(path: string, loadRoomCode: () => Promise<unknown>): void {
  const id = ROOM_PATH.exec(path)?.[1];
  if (!id) return;
  void loadRoomCode().catch(() => undefined);
  void Promise.all([queryClient.fetchQuery(meetingQuery(id)), queryClient.fetchQuery(viewerSettingsQuery)]).then(
    ([meeting, settings]) => {
      const opening = openingPage(meeting);
      if (!opening) return;
      const url = previewUrl(id, opening.document, opening.page, settings.fit);
      if (!url) return;
      const image = new Image();
      image.fetchPriority = 'high';
      preloaded.add(image);
      image.onload = image.onerror = () => preloaded.delete(image);
      image.src = url;
      // pdf.js and the paper next: the room's openPdf finds the same document on its way.
      void import('./pdf-loader').then((pdf) => pdf.openPdf(meetingsApi.viewUrl(id, opening.document.id))).catch(() => undefined);
    },
    () => undefined,
  );
}
