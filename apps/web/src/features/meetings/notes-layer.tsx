import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { NoteMemo, NoteStroke } from '@yakuba/contracts';
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
  askMemo(): string | null;
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
export function NotesLayer({ width, height, tool, strokes, memos, onChange, askMemo, shared, pointer, onLiveStroke, onPointer }: Props) {
  const [drawing, setDrawing] = useState<NoteStroke | null>(null);
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
      const text = askMemo();
      if (text) onChange(strokes, [...memos, { x, y, text }]);
    } else if (tool === 'pointer') onPointer?.(x, y, true);
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
  return (
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
      {memos.map((m, i) => (
        <foreignObject key={`m${i}`} x={m.x * width} y={m.y * height} width={Math.min(220, width * 0.35)} height={120}>
          <div className={styles.memoNote}>{m.text}</div>
        </foreignObject>
      ))}
      {pointer?.visible && <circle cx={pointer.x * width} cy={pointer.y * height} r={9} className={styles.laser} />}
    </svg>
  );
}
