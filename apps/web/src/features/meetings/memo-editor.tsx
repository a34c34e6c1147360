import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { meetingsMessages } from './messages';
import styles from './meetings.module.css';

export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where a box of `width` × `height` goes next to a point so that it stays inside `bounds`: to the right of and
 * below the point when it fits, flipped to the left or above when it does not, and clamped as a last resort
 * (a box larger than the bounds keeps its top left corner inside).
 */
export function placeBox(x: number, y: number, width: number, height: number, bounds: Bounds): { left: number; top: number } {
  const place = (at: number, size: number, lo: number, hi: number) => {
    let start = at;
    if (start + size > hi) start = at - size;
    return Math.max(lo, Math.min(start, hi - size));
  };
  return { left: place(x, width, bounds.left, bounds.right), top: place(y, height, bounds.top, bounds.bottom) };
}

const MARGIN = 8;
export const EDITOR_WIDTH = 280;
export const EDITOR_HEIGHT = 150;

/**
 * The part of the sheet the reader can see (the stage scrolls a zoomed page), in the sheet's own pixels, so that
 * the editor opens where it can be read and typed in.
 */
export function visibleBounds(sheet: Element): Bounds {
  const box = sheet.getBoundingClientRect();
  const view = sheet.closest('[data-stage]')?.getBoundingClientRect() ?? { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  return {
    left: Math.max(0, view.left - box.left) + MARGIN,
    top: Math.max(0, view.top - box.top) + MARGIN,
    right: Math.min(box.width, view.right - box.left) - MARGIN,
    bottom: Math.min(box.height, view.bottom - box.top) - MARGIN,
  };
}

/**
 * The memo editor, on the page where the reader tapped (no browser prompt box). Enter or Ctrl+Enter saves, Shift+Enter
 * starts a new line, Escape cancels, a tap elsewhere saves; a Japanese input method's Enter (confirming a
 * conversion) never saves.
 */
export function MemoEditor({
  x,
  y,
  bounds,
  initial,
  onSave,
  onCancel,
  onDelete,
}: {
  /** The tapped point, in CSS pixels from the sheet's top left. */
  x: number;
  y: number;
  bounds: Bounds;
  initial: string;
  onSave(text: string): void;
  onCancel(): void;
  onDelete?: () => void;
}) {
  const t = useT(meetingsMessages);
  const [text, setText] = useState(initial);
  const area = useRef<HTMLTextAreaElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef({ text, onSave });
  latest.current = { text, onSave };
  const width = Math.max(160, Math.min(EDITOR_WIDTH, bounds.right - bounds.left));
  const { left, top } = placeBox(x, y, width, EDITOR_HEIGHT, bounds);
  useEffect(() => {
    area.current?.focus({ preventScroll: true });
    // A tap anywhere else keeps what was typed (as a memo on paper would): saved, then the editor closes.
    const outside = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) latest.current.onSave(latest.current.text.trim());
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === 'Escape') {
      // Handled here: the room's full-screen mode must not take this Escape too.
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      onSave(text.trim());
    }
  }

  return (
    <div
      ref={box}
      className={styles.memoEditor}
      style={{ left, top, width, height: EDITOR_HEIGHT }}
      role="dialog"
      aria-label={t('memoEditor')}
      data-testid="memo-editor"
      onPointerDown={(e) => e.stopPropagation()}
    >
      <textarea
        ref={area}
        value={text}
        maxLength={2000}
        placeholder={t('memoPlaceholder')}
        aria-label={t('memoEditor')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className={styles.memoEditorActions}>
        {onDelete && (
          <button type="button" className="link-button small" onClick={onDelete}>
            {t('deleteMemo')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="primary" onClick={() => onSave(text.trim())}>
          {t('save')}
        </button>
      </div>
    </div>
  );
}
