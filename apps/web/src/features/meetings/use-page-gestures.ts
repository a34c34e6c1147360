import { useCallback, useEffect, useLayoutEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';

export const MIN_VIEW_ZOOM = 0.5;
export const MAX_VIEW_ZOOM = 4;
export const clampZoom = (z: number) => Math.min(MAX_VIEW_ZOOM, Math.max(MIN_VIEW_ZOOM, Math.round(z * 100) / 100));

/** A point of the page that should stay under the fingers (client coordinates) once the new zoom is laid out. */
interface Anchor {
  /** The point on the sheet at the old zoom, in CSS pixels from the sheet's top left. */
  sheetX: number;
  sheetY: number;
  /** The new size over the old one. */
  factor: number;
  /** Where on screen that point should end up. */
  clientX: number;
  clientY: number;
}

interface Options {
  /** Gestures belong to the page only with the view tool (the others draw). */
  enabled: boolean;
  stage: RefObject<HTMLDivElement | null>;
  sheet: RefObject<HTMLDivElement | null>;
  zoom: number;
  onTurn(delta: 1 | -1): void;
  /** Commit a zoom (once per gesture: the presenter sends one state, the page is drawn once). */
  onZoom(zoom: number): void;
}

type Gesture =
  | { kind: 'pan'; id: number; x: number; y: number; left: number; top: number; at: number; swipe: boolean }
  | { kind: 'pinch'; distance: number; midX: number; midY: number; sheetX: number; sheetY: number; zoom: number; ratio: number; endX: number; endY: number };

const SWIPE_DISTANCE = 60;
const TAP_SLOP = 10;
const DOUBLE_TAP_MS = 300;

/**
 * Page gestures with pointer events (touch, pen and mouse alike), written here because no small library does
 * pinch-around-the-fingers together with our page turns: one finger pans what overflows and, when the page fits
 * across, swipes to the next or previous page (the page follows the finger); two fingers pinch, zooming around the
 * point between them (the sheet is scaled live with a transform, drawn again once at the end); a double tap resets
 * the zoom (or zooms in to twice around the tap when already fitted). Ctrl + wheel (a trackpad pinch) zooms too.
 */
export function usePageGestures({ enabled, stage, sheet, zoom, onTurn, onZoom }: Options) {
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<Gesture | null>(null);
  const lastTap = useRef<{ x: number; y: number; at: number } | null>(null);
  const anchor = useRef<Anchor | null>(null);
  /**
   * The sheet's transform while a gesture runs, written to the element itself: a re-render of the room per finger
   * move would be too slow on a tablet. `settle` animates back to rest (a swipe that did not turn the page).
   */
  const setLive = useCallback(
    (live: { transform: string; origin: string } | null, settle = false) => {
      const el = sheet.current;
      if (!el) return;
      el.style.transition = live || !settle ? 'none' : 'transform 160ms ease-out';
      el.style.transformOrigin = live?.origin ?? '';
      el.style.transform = live?.transform ?? '';
    },
    [sheet],
  );

  const overflowsX = () => {
    const el = stage.current;
    return !!el && el.scrollWidth > el.clientWidth + 1;
  };

  /** Zoom so that the sheet point under (clientX, clientY) stays there. */
  const zoomAround = useCallback(
    (next: number, fromClientX: number, fromClientY: number, toClientX = fromClientX, toClientY = fromClientY) => {
      // Measured at rest: the live transform of the gesture is dropped first (the new size replaces it before paint).
      setLive(null);
      const box = sheet.current?.getBoundingClientRect();
      const target = clampZoom(next);
      if (target === zoom) return;
      if (box)
        anchor.current = {
          sheetX: fromClientX - box.left,
          sheetY: fromClientY - box.top,
          factor: target / zoom,
          clientX: toClientX,
          clientY: toClientY,
        };
      onZoom(target);
    },
    [sheet, zoom, onZoom, setLive],
  );

  // Once the new size is laid out, scroll so that the anchored point is back under the fingers.
  useLayoutEffect(() => {
    const a = anchor.current;
    const el = stage.current;
    const box = sheet.current?.getBoundingClientRect();
    anchor.current = null;
    setLive(null);
    if (!a || !el || !box) return;
    el.scrollLeft += box.left + a.sheetX * a.factor - a.clientX;
    el.scrollTop += box.top + a.sheetY * a.factor - a.clientY;
  }, [zoom, stage, sheet, setLive]);

  const startPinch = () => {
    const [a, b] = [...pointers.current.values()];
    const box = sheet.current?.getBoundingClientRect();
    if (!a || !b || !box) return;
    const midX = (a.x + b.x) / 2;
    const midY = (a.y + b.y) / 2;
    gesture.current = {
      kind: 'pinch',
      distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
      midX,
      midY,
      sheetX: midX - box.left,
      sheetY: midY - box.top,
      zoom,
      ratio: 1,
      endX: midX,
      endY: midY,
    };
  };

  function onPointerDown(e: ReactPointerEvent<HTMLDivElement>) {
    if (!enabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    // Moves outside the stage still belong to the gesture (a finger sliding off the edge).
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      /* a pointer already gone: nothing to capture */
    }
    if (pointers.current.size === 2) startPinch();
    else if (pointers.current.size === 1) {
      const el = stage.current;
      gesture.current = {
        kind: 'pan',
        id: e.pointerId,
        x: e.clientX,
        y: e.clientY,
        left: el?.scrollLeft ?? 0,
        top: el?.scrollTop ?? 0,
        at: performance.now(),
        swipe: !overflowsX(),
      };
    }
  }

  function onPointerMove(e: ReactPointerEvent<HTMLDivElement>) {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pinch') {
      const [a, b] = [...pointers.current.values()];
      if (!a || !b) return;
      const target = clampZoom(g.zoom * (Math.hypot(a.x - b.x, a.y - b.y) / g.distance));
      g.ratio = target / g.zoom;
      g.endX = (a.x + b.x) / 2;
      g.endY = (a.y + b.y) / 2;
      setLive({
        transform: `translate(${g.endX - g.midX}px, ${g.endY - g.midY}px) scale(${g.ratio})`,
        origin: `${g.sheetX}px ${g.sheetY}px`,
      });
      return;
    }
    if (e.pointerId !== g.id) return;
    const dx = e.clientX - g.x;
    const dy = e.clientY - g.y;
    const el = stage.current;
    if (el) {
      if (!g.swipe) el.scrollLeft = g.left - dx;
      el.scrollTop = g.top - dy;
    }
    // The page follows a horizontal swipe (a little, so the turn is felt, not a slide show).
    if (g.swipe && Math.abs(dx) > Math.abs(dy)) setLive({ transform: `translateX(${dx * 0.6}px)`, origin: 'center' });
  }

  function onPointerUp(e: ReactPointerEvent<HTMLDivElement>) {
    if (!pointers.current.delete(e.pointerId)) return;
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pinch') {
      if (pointers.current.size > 0) return;
      gesture.current = null;
      if (g.ratio !== 1) zoomAround(g.zoom * g.ratio, g.midX, g.midY, g.endX, g.endY);
      else setLive(null);
      return;
    }
    gesture.current = null;
    if (e.type === 'pointercancel') return setLive(null, true);
    const dx = e.clientX - g.x;
    const dy = e.clientY - g.y;
    const quick = performance.now() - g.at;
    if (g.swipe && Math.abs(dx) > SWIPE_DISTANCE && Math.abs(dx) > Math.abs(dy) * 1.5) {
      setLive(null);
      onTurn(dx < 0 ? 1 : -1);
      return;
    }
    setLive(null, true);
    if (Math.hypot(dx, dy) > TAP_SLOP || quick > 400) return;
    const tap = { x: e.clientX, y: e.clientY, at: performance.now() };
    const prev = lastTap.current;
    if (prev && tap.at - prev.at < DOUBLE_TAP_MS && Math.hypot(tap.x - prev.x, tap.y - prev.y) < 40) {
      lastTap.current = null;
      if (zoom !== 1) onZoom(1);
      else zoomAround(2, tap.x, tap.y);
    } else lastTap.current = tap;
  }

  // Ctrl + wheel (and a trackpad's pinch, which browsers send as one): zoom around the cursor, committed after a pause.
  const wheel = useRef<{ timer: number; ratio: number; x: number; y: number; sheetX: number; sheetY: number } | null>(null);
  useEffect(() => {
    const el = stage.current;
    if (!el || !enabled) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      const box = sheet.current?.getBoundingClientRect();
      if (!box) return;
      const w = (wheel.current ??= { timer: 0, ratio: 1, x: e.clientX, y: e.clientY, sheetX: e.clientX - box.left, sheetY: e.clientY - box.top });
      w.ratio = clampZoom(zoom * w.ratio * Math.exp(-e.deltaY * 0.01)) / zoom;
      setLive({ transform: `scale(${w.ratio})`, origin: `${w.sheetX}px ${w.sheetY}px` });
      window.clearTimeout(w.timer);
      w.timer = window.setTimeout(() => {
        wheel.current = null;
        if (w.ratio !== 1) zoomAround(zoom * w.ratio, w.x, w.y);
        else setLive(null);
      }, 180);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [enabled, stage, sheet, zoom, zoomAround, setLive]);

  return {
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
    zoomAround,
  };
}
