import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import type { DocumentView, NoteMemo, NoteStroke } from '@yakuba/contracts';
import { meetingsApi } from './meetings-api';
import { useMeeting } from './meetings-queries';
import { meetingsMessages } from './messages';
import { NotesLayer, type Tool } from './notes-layer';
import { openPdf } from './pdf-loader';
import { PdfPageCanvas } from './pdf-page-canvas';
import { ServerPageImage } from './server-page-image';
import { useMeetingSession } from './use-meeting-session';
import styles from './meetings.module.css';

interface View {
  documentId: string;
  page: number;
  zoom: number;
}

const clampZoom = (z: number) => Math.min(4, Math.max(0.5, Math.round(z * 100) / 100));

/** The tablet viewer: follows the presenter, or browses freely and comes back with one tap. */
export function MeetingRoomPage() {
  const { id = '' } = useParams();
  const t = useT(meetingsMessages);
  const { user } = useSession();
  const session = useMeetingSession(id);
  const meetingQuery = useMeeting(id);
  const meeting = meetingQuery.data ?? null;
  const { refetch } = meetingQuery;
  const [following, setFollowing] = useState(true);
  const [view, setView] = useState<View | null>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [tool, setTool] = useState<Tool>('view');
  const [thumbs, setThumbs] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ documentId: string; title: string; page: number; snippet: string }[] | null>(null);
  const [notes, setNotes] = useState<Map<number, { strokes: NoteStroke[]; memos: NoteMemo[] }>>(new Map());
  const [stageWidth, setStageWidth] = useState(800);
  const [rendered, setRendered] = useState('');
  const stage = useRef<HTMLDivElement>(null);
  const saveTimers = useRef(new Map<number, number>());

  // The presenter moved to another paper: it may be new (uploaded during the meeting), so the list is asked again.
  const presentedId = session.state?.documentId;
  useEffect(() => {
    if (presentedId) void refetch();
  }, [refetch, presentedId]);

  const documents = useMemo(() => (meeting?.documents ?? []).filter((d) => d.current && d.published), [meeting]);
  const allDocuments = useMemo(() => meeting?.documents ?? [], [meeting]);
  const isPresenter = !!user && session.state?.presenterId === user.id;
  const current: DocumentView | undefined = allDocuments.find((d) => d.id === view?.documentId);

  // Follow the presenter: every newer state moves this tablet, unless it is browsing freely.
  useEffect(() => {
    const s = session.state;
    if (!s) return;
    if ((following || isPresenter) && s.documentId) setView({ documentId: s.documentId, page: s.page, zoom: s.zoom });
    else if (!view && documents[0]) setView({ documentId: s.documentId ?? documents[0].id, page: s.documentId ? s.page : 1, zoom: 1 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.state, following, isPresenter, documents]);

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
    const observer = new ResizeObserver(() => setStageWidth(Math.max(240, el.clientWidth - 24)));
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea')) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') turn(1);
      if (e.key === 'ArrowLeft' || e.key === 'PageUp') turn(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [turn]);

  // Swipe to turn pages and pinch to zoom, with the view tool (other tools draw).
  const touches = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<{ x: number; y: number; distance?: number; zoom: number } | null>(null);
  function stageDown(e: ReactPointerEvent) {
    if (tool !== 'view' || !view) return;
    touches.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const pts = [...touches.current.values()];
    gesture.current =
      pts.length === 2
        ? { x: 0, y: 0, distance: Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y), zoom: view.zoom }
        : { x: e.clientX, y: e.clientY, zoom: view.zoom };
  }
  function stageMove(e: ReactPointerEvent) {
    if (!touches.current.has(e.pointerId) || !view) return;
    touches.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const pts = [...touches.current.values()];
    if (pts.length === 2 && gesture.current?.distance) {
      const ratio = Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y) / gesture.current.distance;
      setView({ ...view, zoom: clampZoom(gesture.current.zoom * ratio) });
    }
  }
  function stageUp(e: ReactPointerEvent) {
    const g = gesture.current;
    const wasPinch = touches.current.size === 2;
    touches.current.delete(e.pointerId);
    if (!g || !view) return;
    if (wasPinch && g.distance) {
      gesture.current = null;
      go(view.documentId, view.page, view.zoom);
      return;
    }
    const dx = e.clientX - g.x;
    if (touches.current.size === 0 && Math.abs(dx) > 60 && Math.abs(e.clientY - g.y) < 80 && view.zoom <= 1) turn(dx < 0 ? 1 : -1);
    gesture.current = null;
  }

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

  if (!meeting) return <div className="page muted">{t('connecting')}</div>;
  const size = current?.pageSizes[(view?.page ?? 1) - 1] ?? { width: 595, height: 842 };
  const cssWidth = Math.round(stageWidth * (view?.zoom ?? 1));
  const cssHeight = Math.round((cssWidth * size.height) / size.width);
  const pageNotes = (view && notes.get(view.page)) ?? { strokes: [], memos: [] };
  const presenterName = meeting.participants.find((p) => p.userId === session.state?.presenterId)?.displayName ?? '';
  const onStatePage = session.state && view && session.state.documentId === view.documentId && session.state.page === view.page;
  const tools: Tool[] = isPresenter
    ? ['view', 'pen', 'highlighter', 'eraser', 'memo', 'pointer']
    : ['view', 'pen', 'highlighter', 'eraser', 'memo'];

  return (
    <div className={styles.meetingRoom} data-testid="meeting-room">
      <header className={styles.roomBar}>
        <Link to={`/meetings/${id}`} className="link-button" aria-label={t('back')}>
          ←
        </Link>
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
      </header>
      <div className={styles.roomTools}>
        <div className={styles.toolGroup} role="toolbar" aria-label="tools">
          {tools.map((k) => (
            <button key={k} className={tool === k ? 'active' : ''} aria-pressed={tool === k} onClick={() => setTool(k)}>
              {t(k)}
            </button>
          ))}
        </div>
        <div className={styles.toolGroup}>
          <button aria-label={t('zoomOut')} onClick={() => view && go(view.documentId, view.page, view.zoom / 1.25)}>
            －
          </button>
          <button onClick={() => view && go(view.documentId, view.page, 1)}>{t('fitWidth')}</button>
          <button aria-label={t('zoomIn')} onClick={() => view && go(view.documentId, view.page, view.zoom * 1.25)}>
            ＋
          </button>
          <button aria-pressed={thumbs} onClick={() => setThumbs(!thumbs)}>
            {t('thumbnails')}
          </button>
        </div>
        <input
          type="search"
          className={styles.roomSearch}
          placeholder={t('search')}
          value={query}
          onChange={(e) => void runSearch(e.target.value)}
          aria-label={t('search')}
        />
      </div>
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
          // Horizontal swipes and pinches come to us (page turns, zoom); the browser scrolls only what overflows.
          style={{ touchAction: (view?.zoom ?? 1) > 1 ? 'pan-x pan-y' : 'pan-y' }}
          onPointerDown={stageDown}
          onPointerMove={stageMove}
          onPointerUp={stageUp}
          onPointerCancel={stageUp}
        >
          {!view && <p className="muted">{t('noDocument')}</p>}
          {view && current && (shownPdf || confidential) && (
            <div
              className={styles.sheet}
              style={{ width: cssWidth, height: cssHeight }}
              data-testid="viewer-page"
              data-page={view.page}
              data-document={view.documentId}
              data-rendered={rendered === `${view.documentId}:${view.page}:${cssWidth}` ? 'yes' : 'no'}
            >
              {shownPdf ? (
                <PdfPageCanvas
                  doc={shownPdf}
                  page={view.page}
                  cssWidth={cssWidth}
                  onRendered={() => setRendered(`${view.documentId}:${view.page}:${cssWidth}`)}
                />
              ) : (
                // The viewer's name and the time are burnt into the image by the server (no overlay to remove).
                <ServerPageImage
                  meetingId={id}
                  documentId={view.documentId}
                  page={view.page}
                  pageCount={current.pageCount}
                  cssWidth={cssWidth}
                  cssHeight={cssHeight}
                  preload
                  onRendered={() => setRendered(`${view.documentId}:${view.page}:${cssWidth}`)}
                />
              )}
              <NotesLayer
                width={cssWidth}
                height={cssHeight}
                tool={tool}
                strokes={pageNotes.strokes}
                memos={pageNotes.memos}
                onChange={(s, m) => changeNotes(view.page, s, m)}
                askMemo={() => window.prompt(t('memoPrompt'))}
                shared={!isPresenter && session.highlight?.page === view.page && onStatePage ? session.highlight.stroke : null}
                pointer={!isPresenter && session.pointer?.page === view.page && onStatePage ? session.pointer : null}
                onLiveStroke={isPresenter ? (stroke) => session.sendHighlight({ page: view.page, stroke }) : undefined}
                onPointer={isPresenter ? (x, y, visible) => session.sendPointer({ page: view.page, x, y, visible }) : undefined}
              />
            </div>
          )}
        </div>
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
