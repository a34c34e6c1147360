import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Maximize2, Minimize2, Users } from 'lucide-react';
import { Link, useParams } from 'react-router-dom';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import type { DocumentView, NoteMemo, NoteStroke } from '@yakuba/contracts';
import { meetingsApi } from './meetings-api';
import { useMeeting, useViewerSettings } from './meetings-queries';
import { meetingsMessages } from './messages';
import { NotesLayer, type Tool } from './notes-layer';
import { openPdf, preloadPdfjs } from './pdf-loader';
import { PdfPageCanvas } from './pdf-page-canvas';
import { RoomPanel } from './room-panel';
import { RoomToolbar } from './room-toolbar';
import { PagePreview, ServerPageImage } from './server-page-image';
import { previewUrl } from './opening-page';
import { useMeetingSession } from './use-meeting-session';
import { clampZoom, usePageGestures } from './use-page-gestures';
import { useReadingMode } from './use-reading-mode';
import styles from './meetings.module.css';

interface View {
  documentId: string;
  page: number;
  /** A scale of this reader's fit (fit width by default, or fit page): 1 = fitted. */
  zoom: number;
}

/**
 * The tablet viewer: follows the presenter, or browses freely and comes back with one tap. Full-screen reading,
 * fit width or fit page (remembered per user on the server), swipe and pinch, memos written on the page, and the
 * presenter's panel of who is in the room.
 */
export function MeetingRoomPage() {
  const { id = '' } = useParams();
  const t = useT(meetingsMessages);
  const { user } = useSession();
  const [following, setFollowing] = useState(true);
  const [view, setView] = useState<View | null>(null);
  const session = useMeetingSession(id, following ? { following } : { following, documentId: view?.documentId, page: view?.page });
  const meetingQuery = useMeeting(id);
  const viewer = useViewerSettings();
  const fit = viewer.settings?.fit ?? 'width';
  const reading = useReadingMode();
  const [panel, setPanel] = useState(false);
  const [toolsShown, setToolsShown] = useState(false);
  const meeting = meetingQuery.data ?? null;
  const { refetch } = meetingQuery;
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [tool, setTool] = useState<Tool>('view');
  const [thumbs, setThumbs] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ documentId: string; title: string; page: number; snippet: string }[] | null>(null);
  const [notes, setNotes] = useState<Map<number, { strokes: NoteStroke[]; memos: NoteMemo[] }>>(new Map());
  const [stageSize, setStageSize] = useState({ width: 800, height: 1000 });
  const [rendered, setRendered] = useState('');
  // The paper pdf.js has drawn a page of in this room: until then its pages show the server's picture (PagePreview).
  const [pdfDrawn, setPdfDrawn] = useState<string | null>(null);
  const [previewShown, setPreviewShown] = useState('');
  const stage = useRef<HTMLDivElement>(null);
  const sheet = useRef<HTMLDivElement>(null);
  const saveTimers = useRef(new Map<number, number>());

  // pdf.js is large: its code is asked for at once, while the meeting and the live state arrive.
  useEffect(() => preloadPdfjs(), []);

  const documents = useMemo(() => (meeting?.documents ?? []).filter((d) => d.current && d.published), [meeting]);
  const allDocuments = useMemo(() => meeting?.documents ?? [], [meeting]);

  // The presenter moved to a paper this room does not know: it is new (uploaded during the meeting), so the list is
  // asked again.
  const presentedId = session.state?.documentId;
  const presentedKnown = !presentedId || !meeting || allDocuments.some((d) => d.id === presentedId);
  useEffect(() => {
    if (!presentedKnown) void refetch();
  }, [refetch, presentedId, presentedKnown]);
  const isPresenter = !!user && session.state?.presenterId === user.id;
  const current: DocumentView | undefined = allDocuments.find((d) => d.id === view?.documentId);

  // Follow the presenter: every newer state moves this tablet, unless it is browsing freely. A follower's own zoom
  // (a pinch to read small print) stays until the presenter changes something. Until the socket has joined, the
  // state of a meeting just fetched places the first page (and its paper starts loading); one kept in the cache for
  // a while may be out of date, and waits for the socket.
  const applied = useRef(-1);
  const fetchedAt = meetingQuery.dataUpdatedAt;
  useEffect(() => {
    const s = session.state ?? (meeting && Date.now() - fetchedAt < 10_000 ? meeting.state : null);
    if (!s) return;
    if ((following || isPresenter) && s.documentId) {
      const sameState = applied.current === s.version;
      applied.current = s.version;
      setView((v) =>
        sameState && v?.documentId === s.documentId && v.page === s.page ? v : { documentId: s.documentId!, page: s.page, zoom: s.zoom },
      );
    } else if (!view && documents[0]) setView({ documentId: s.documentId ?? documents[0].id, page: s.documentId ? s.page : 1, zoom: 1 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.state, meeting, following, isPresenter, documents]);

  // A confidential paper is shown as page images drawn by the server: its PDF is never asked for.
  const confidential = current?.confidential ?? null;
  const shownPdf = confidential ? null : pdf;
  useEffect(() => {
    if (!view?.documentId || confidential === null) return;
    let live = true;
    setPdf(null);
    if (!confidential)
      openPdf(meetingsApi.viewUrl(id, view.documentId)).then(
        (d) => live && setPdf(d),
        () => undefined,
      );
    meetingsApi.notes(id, view.documentId).then(
      (r) => live && setNotes(new Map(r.pages.map((p) => [p.page, { strokes: p.strokes, memos: p.memos }]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id, view?.documentId, confidential]);

  const loaded = meeting !== null;
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const observer = new ResizeObserver(() =>
      setStageSize({ width: Math.max(240, el.clientWidth - 24), height: Math.max(240, el.clientHeight - 24) }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [loaded]);

  const go = useCallback(
    (documentId: string, page: number, zoom?: number) => {
      const doc = allDocuments.find((d) => d.id === documentId);
      if (!doc || page < 1 || page > doc.pageCount) return;
      const nextZoom = clampZoom(zoom ?? (documentId === view?.documentId ? view.zoom : 1));
      if (isPresenter) void session.present(documentId, page, nextZoom).catch(() => undefined);
      else setFollowing(false);
      setView({ documentId, page, zoom: nextZoom });
    },
    [allDocuments, isPresenter, session, view],
  );
  const turn = useCallback((delta: number) => view && go(view.documentId, view.page + delta), [go, view]);
  /** A zoom alone leaves a follower following (the presenter's next change resets it); the presenter's is shared. */
  const zoomTo = useCallback(
    (zoom: number) => {
      if (!view) return;
      const next = clampZoom(zoom);
      if (isPresenter) void session.present(view.documentId, view.page, next).catch(() => undefined);
      setView({ ...view, zoom: next });
    },
    [view, isPresenter, session],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') turn(1);
      if (e.key === 'ArrowLeft' || e.key === 'PageUp') turn(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [turn]);

  const gestures = usePageGestures({
    enabled: tool === 'view' && !!view,
    stage,
    sheet,
    zoom: view?.zoom ?? 1,
    onTurn: turn,
    onZoom: zoomTo,
  });

  function changeNotes(page: number, strokes: NoteStroke[], memos: NoteMemo[]) {
    if (!view) return;
    const documentId = view.documentId;
    setNotes((prev) => new Map(prev).set(page, { strokes, memos }));
    // Saved as the participant writes (a short pause groups quick strokes), restored on any device.
    window.clearTimeout(saveTimers.current.get(page));
    saveTimers.current.set(
      page,
      window.setTimeout(() => void meetingsApi.saveNotes(id, documentId, page, strokes, memos), 400),
    );
  }

  async function runSearch(q: string) {
    setQuery(q);
    setResults(q.trim() ? (await meetingsApi.search(id, q.trim())).results : null);
  }

  function chooseFit(next: 'width' | 'page') {
    viewer.save({ fit: next });
    if (view) zoomTo(1);
  }

  if (!meeting) return <div className="page muted">{t('connecting')}</div>;
  const size = current?.pageSizes[(view?.page ?? 1) - 1] ?? { width: 595, height: 842 };
  // Fit page: the whole page inside the stage; fit width: the page as wide as the stage.
  const fitted = fit === 'page' ? Math.min(stageSize.width, (stageSize.height * size.width) / size.height) : stageSize.width;
  const cssWidth = Math.round(fitted * (view?.zoom ?? 1));
  const cssHeight = Math.round((cssWidth * size.height) / size.width);
  const pageNotes = (view && notes.get(view.page)) ?? { strokes: [], memos: [] };
  const pageKey = view ? `${view.documentId}:${view.page}` : '';
  const drawnKey = `${pageKey}:${cssWidth}`;
  // The server's picture of the page, until pdf.js has drawn one of this paper (opening-page.ts asked for it early).
  const preview = view && current && !current.confidential && pdfDrawn !== view.documentId ? previewUrl(id, current, view.page, fit) : null;
  const pageVisible = rendered === drawnKey || (!!preview && previewShown === pageKey);
  const presenterName = meeting.participants.find((p) => p.userId === session.state?.presenterId)?.displayName ?? '';
  const onStatePage = session.state && view && session.state.documentId === view.documentId && session.state.page === view.page;
  const isOrganiser = meeting.myRole === 'organiser';
  const showPanel = panel && (isPresenter || isOrganiser);
  const inRoom = session.presence.length;
  const showTools = !reading.reading || toolsShown;
  const tools: Tool[] = isPresenter
    ? ['view', 'pen', 'highlighter', 'eraser', 'memo', 'pointer']
    : ['view', 'pen', 'highlighter', 'eraser', 'memo'];

  return (
    <div
      className={`${styles.meetingRoom} ${reading.reading ? styles.reading : ''}`}
      data-testid="meeting-room"
      data-reading={reading.reading ? 'yes' : 'no'}
    >
      <header className={styles.roomBar}>
        {!reading.reading && (
          <Link to={`/meetings/${id}`} className="link-button" aria-label={t('back')}>
            ←
          </Link>
        )}
        <strong className={styles.roomTitle}>{meeting.title}</strong>
        <select aria-label={t('documents')} value={view?.documentId ?? ''} onChange={(e) => go(e.target.value, 1, 1)}>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.confidential ? `【${t('confidential')}】` : ''}
              {d.title}
            </option>
          ))}
        </select>
        <span className="spacer" />
        {isPresenter ? (
          <span className={`${styles.followChip} ${styles.presenting}`}>{t('presenting')}</span>
        ) : following ? (
          <span className={styles.followChip} data-testid="follow-state">
            {t('follow')}: {presenterName}
          </span>
        ) : (
          <button className="primary" data-testid="back-to-presenter" onClick={() => setFollowing(true)}>
            {t('backToPresenter')}
          </button>
        )}
        {!session.connected && <span className="muted small">{t('connecting')}</span>}
        {(isPresenter || isOrganiser) && (
          <button aria-pressed={showPanel} data-testid="room-panel-toggle" onClick={() => setPanel(!panel)}>
            <Users size={16} aria-hidden className={styles.icon} /> {t('roomPanel')} {inRoom}/{meeting.participants.length}
          </button>
        )}
        {reading.reading && (
          <button aria-pressed={toolsShown} onClick={() => setToolsShown(!toolsShown)}>
            {t('showTools')}
          </button>
        )}
        {reading.reading ? (
          <button className="primary" data-testid="leave-reading" onClick={reading.leave}>
            <Minimize2 size={16} aria-hidden className={styles.icon} /> {t('leaveReadingMode')}
          </button>
        ) : (
          <button data-testid="enter-reading" onClick={reading.enter}>
            <Maximize2 size={16} aria-hidden className={styles.icon} /> {t('readingMode')}
          </button>
        )}
      </header>
      {showTools && (
        <RoomToolbar
          tools={tools}
          tool={tool}
          onTool={setTool}
          fit={fit}
          onFit={chooseFit}
          onZoom={(factor) => view && zoomTo(view.zoom * factor)}
          thumbs={thumbs}
          onThumbs={() => setThumbs(!thumbs)}
          query={query}
          onQuery={(q) => void runSearch(q)}
        />
      )}
      {results && (
        <ul className={styles.searchResults}>
          {results.length === 0 && <li className="muted">{t('noResults')}</li>}
          {results.map((r) => (
            <li key={`${r.documentId}-${r.page}`}>
              <button
                className="link-button"
                onClick={() => {
                  go(r.documentId, r.page);
                  setResults(null);
                }}
              >
                {r.title} p.{r.page}: <span className="muted">{r.snippet}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.roomBody}>
        {thumbs && view && current && (shownPdf || confidential) && (
          <nav className={`${styles.thumbs} thumbs`} aria-label={t('thumbnails')}>
            {Array.from({ length: Math.min(current.pageCount, 80) }, (_, i) => i + 1).map((n) => (
              <button
                key={n}
                className={n === view?.page ? `${styles.thumb} active` : `${styles.thumb}`}
                onClick={() => view && go(view.documentId, n)}
              >
                {shownPdf ? (
                  <PdfPageCanvas doc={shownPdf} page={n} cssWidth={110} />
                ) : (
                  <ServerPageImage
                    meetingId={id}
                    documentId={view.documentId}
                    page={n}
                    pageCount={current.pageCount}
                    cssWidth={110}
                    cssHeight={Math.round((110 * (current.pageSizes[n - 1]?.height ?? 842)) / (current.pageSizes[n - 1]?.width ?? 595))}
                  />
                )}
                <span>{n}</span>
              </button>
            ))}
          </nav>
        )}
        <div
          className={styles.stage}
          ref={stage}
          data-stage
          data-fit={fit}
          // With the view tool every touch is ours (swipe, pinch, pan: use-page-gestures.ts); the drawing tools take
          // the page itself, and the margin around it scrolls as the browser does.
          style={{ touchAction: tool === 'view' ? 'none' : 'pan-x pan-y' }}
          {...gestures.handlers}
        >
          {!view && <p className="muted">{t('noDocument')}</p>}
          {view && current && viewer.loaded && (
            <div
              ref={sheet}
              className={styles.sheet}
              style={{ width: cssWidth, height: cssHeight }}
              data-testid="viewer-page"
              data-page={view.page}
              data-document={view.documentId}
              data-zoom={view.zoom}
              // rendered: drawn for good (pdf.js, or a confidential page's picture); visible: something of the page shows.
              data-rendered={rendered === drawnKey ? 'yes' : 'no'}
              data-visible={pageVisible ? 'yes' : 'no'}
            >
              {preview && <PagePreview src={preview} onShown={() => setPreviewShown(pageKey)} />}
              {shownPdf && (
                <PdfPageCanvas
                  doc={shownPdf}
                  page={view.page}
                  cssWidth={cssWidth}
                  onRendered={() => {
                    setRendered(drawnKey);
                    setPdfDrawn(view.documentId);
                  }}
                />
              )}
              {confidential && (
                // The viewer's name and the time are burnt into the image by the server (no overlay to remove).
                <ServerPageImage
                  meetingId={id}
                  documentId={view.documentId}
                  page={view.page}
                  pageCount={current.pageCount}
                  cssWidth={cssWidth}
                  cssHeight={cssHeight}
                  preload
                  onRendered={() => setRendered(drawnKey)}
                />
              )}
              <NotesLayer
                key={`${view.documentId}:${view.page}`}
                width={cssWidth}
                height={cssHeight}
                tool={tool}
                strokes={pageNotes.strokes}
                memos={pageNotes.memos}
                onChange={(s, m) => changeNotes(view.page, s, m)}
                shared={!isPresenter && session.highlight?.page === view.page && onStatePage ? session.highlight.stroke : null}
                pointer={!isPresenter && session.pointer?.page === view.page && onStatePage ? session.pointer : null}
                onLiveStroke={isPresenter ? (stroke) => session.sendHighlight({ page: view.page, stroke }) : undefined}
                onPointer={isPresenter ? (x, y, visible) => session.sendPointer({ page: view.page, x, y, visible }) : undefined}
              />
            </div>
          )}
        </div>
        {showPanel && session.state && (
          <RoomPanel
            meeting={meeting}
            presence={session.presence}
            presenterId={session.state.presenterId}
            documentId={session.state.documentId}
            documents={allDocuments}
            canHandOver={isOrganiser && meeting.status !== 'ended'}
            onHandOver={session.handOver}
            onClose={() => setPanel(false)}
          />
        )}
      </div>
      <footer className={styles.roomPager}>
        <button
          className={styles.pagerButton}
          aria-label={t('prev')}
          data-testid="prev-page"
          disabled={!view || view.page <= 1}
          onClick={() => turn(-1)}
        >
          ‹
        </button>
        <span data-testid="page-indicator">{view && current ? t('pageOf', { page: view.page, total: current.pageCount }) : '–'}</span>
        <button
          className={styles.pagerButton}
          aria-label={t('next')}
          data-testid="next-page"
          disabled={!view || !current || view.page >= current.pageCount}
          onClick={() => turn(1)}
        >
          ›
        </button>
      </footer>
    </div>
  );
}
