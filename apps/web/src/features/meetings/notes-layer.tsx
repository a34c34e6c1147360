import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { NoteMemo, NoteStroke } from '@yakuba/contracts';
import { MemoEditor, placeBox, visibleBounds, type Bounds } from './memo-editor';
import styles from './meetings.module.css';

export type Tool = 'view' | 'pen' | 'highlighter' | 'eraser' | 'memo' | 'pointer';

export const TOOL_STYLE: Record<'pen' | 'highlighter', { color: string; width: number }> = {
  pen: { color: '#d0021b', width: 0.003 },
  highlighter: { color: '#ffd400', width: 0.018 },
};

interface Props {
  width: number;
  height: number;
  tool: Tool;
  strokes: NoteStroke[];
  memos: NoteMemo[];
  onChange(strokes: NoteStroke[], memos: NoteMemo[]): void;
  /** Shown to followers: the presenter's shared highlight and laser pointer. */
  shared?: { color: string; points: number[] } | null;
  pointer?: { x: number; y: number; visible: boolean } | null;
  onLiveStroke?(stroke: { color: string; points: number[] } | null): void;
  onPointer?(x: number, y: number, visible: boolean): void;
}

const path = (points: number[], w: number, h: number) => {
  let d = '';
  for (let i = 0; i + 1 < points.length; i += 2) d += `${i ? 'L' : 'M'}${(points[i] * w).toFixed(1)} ${(points[i + 1] * h).toFixed(1)}`;
  return d;
};

/**
 * Private handwriting over a page: points are kept as shares of the page (0..1 from the top left) so notes land
 * in the same place on a tablet, a desktop or the exported PDF.
 */
export function NotesLayer({ width, height, tool, strokes, memos, onChange, shared, pointer, onLiveStroke, onPointer }: Props) {
  const [drawing, setDrawing] = useState<NoteStroke | null>(null);
  /** The memo being written or changed: where (shares of the page), which one (null: a new one), in what bounds. */
  const [editing, setEditing] = useState<{ x: number; y: number; index: number | null; bounds: Bounds } | null>(null);
  useEffect(() => {
    if (tool !== 'memo') setEditing(null);
  }, [tool]);
  const lastPointer = useRef(0);
  const at = (e: ReactPointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return [
      Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)),
      Math.min(1, Math.max(0, (e.clientY - box.top) / box.height)),
    ] as const;
  };
  const erase = (x: number, y: number) => {
    const near = (s: NoteStroke) => {
      for (let i = 0; i + 1 < s.points.length; i += 2)
        if (Math.hypot(s.points[i] - x, (s.points[i + 1] - y) * (height / width)) < 0.02) return true;
      return false;
    };
    const kept = strokes.filter((s) => !near(s));
    const keptMemos = memos.filter((m) => Math.hypot(m.x - x, m.y - y) > 0.03);
    if (kept.length !== strokes.length || keptMemos.length !== memos.length) onChange(kept, keptMemos);
  };

  function down(e: ReactPointerEvent<SVGSVGElement>) {
    if (tool === 'view') return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const [x, y] = at(e);
    if (tool === 'pen' || tool === 'highlighter') setDrawing({ tool, ...TOOL_STYLE[tool], points: [x, y] });
    else if (tool === 'eraser') erase(x, y);
    else if (tool === 'memo') {
      // A tap beside an open editor only closes it (the editor saved what was typed).
      if (editing) return;
      const hit = (e.target as Element).closest('[data-memo]')?.getAttribute('data-memo');
      const index = hit == null ? null : Number(hit);
      const spot = index === null ? { x, y } : memos[index];
      setEditing({ x: spot.x, y: spot.y, index, bounds: visibleBounds(e.currentTarget) });
    } else if (tool === 'pointer') onPointer?.(x, y, true);
  }

  function saveMemo(text: string) {
    if (!editing) return;
    const { x, y, index } = editing;
    setEditing(null);
    if (index === null) {
      if (text) onChange(strokes, [...memos, { x, y, text }]);
    } else onChange(strokes, text ? memos.map((m, i) => (i === index ? { ...m, text } : m)) : memos.filter((_, i) => i !== index));
  }

  function move(e: ReactPointerEvent<SVGSVGElement>) {
    if (tool === 'pointer') {
      const now = performance.now();
      if (now - lastPointer.current > 40) {
        lastPointer.current = now;
        const [x, y] = at(e);
        onPointer?.(x, y, true);
      }
      return;
    }
    if (e.buttons === 0) return;
    const [x, y] = at(e);
    if (tool === 'eraser') return erase(x, y);
    if (!drawing) return;
    const next = { ...drawing, points: [...drawing.points, x, y] };
    setDrawing(next);
    if (drawing.tool === 'highlighter') onLiveStroke?.({ color: next.color, points: next.points });
  }

  function up() {
    if (drawing && drawing.points.length >= 4) onChange([...strokes, drawing], memos);
    setDrawing(null);
  }

  const all = drawing ? [...strokes, drawing] : strokes;
  // A memo near the right or bottom edge opens towards the inside of the page, never cut off by it.
  const memoWidth = Math.min(220, width * 0.35);
  const memoHeight = Math.min(120, height * 0.3);
  const pageBounds = { left: 0, top: 0, right: width, bottom: height };
  return (
    <>
    <svg
      className={`${styles.notesLayer} ${styles[`tool-${tool}`] ?? ''}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerLeave={() => tool === 'pointer' && onPointer?.(0, 0, false)}
      data-testid="notes-layer"
    >
      {shared && (
        <path
          d={path(shared.points, width, height)}
          stroke={shared.color}
          strokeWidth={TOOL_STYLE.highlighter.width * width}
          strokeOpacity={0.4}
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
      {all.map((s, i) => (
        <path
          key={i}
          d={path(s.points, width, height)}
          stroke={s.color}
          strokeWidth={Math.max(1, s.width * width)}
          strokeOpacity={s.tool === 'highlighter' ? 0.4 : 1}
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ))}
      {memos.map((m, i) => {
        const at = placeBox(m.x * width, m.y * height, memoWidth, memoHeight, pageBounds);
        return (
          <foreignObject key={`m${i}`} x={at.left} y={at.top} width={memoWidth} height={memoHeight}>
            <div className={styles.memoNote} data-memo={i} data-testid="memo-note">
              {m.text}
            </div>
          </foreignObject>
        );
      })}
      {pointer?.visible && <circle cx={pointer.x * width} cy={pointer.y * height} r={9} className={styles.laser} />}
    </svg>
    {editing && (
      <MemoEditor
        key={`${editing.index ?? 'new'}:${editing.x}:${editing.y}`}
        x={editing.x * width}
        y={editing.y * height}
        bounds={editing.bounds}
        initial={editing.index === null ? '' : (memos[editing.index]?.text ?? '')}
        onSave={saveMemo}
        onCancel={() => setEditing(null)}
        onDelete={editing.index === null ? undefined : () => saveMemo('')}
      />
    )}
    </>
  );
}
