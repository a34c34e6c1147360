import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/i18n';
import { EMOJI_SET, type EmojiCategory } from './emoji-set';
import { Emoji, bundledEmoji, favouriteEmoji, recordEmojiUse } from './emoji';
import { chatMessages } from './messages';
import styles from './chat.module.css';

const CATEGORIES: EmojiCategory[] = ['smileys', 'hands', 'symbols', 'work', 'nature'];

const WIDTH = 320;
const HEIGHT = 360;
const MARGIN = 8;

/** Where the picker goes: beside its button, below it if there is room, else above, always inside the window. */
function place(anchor: HTMLElement | null): CSSProperties {
  if (!anchor) return { left: MARGIN, top: MARGIN };
  const r = anchor.getBoundingClientRect();
  const width = Math.min(WIDTH, window.innerWidth - 2 * MARGIN);
  const left = Math.min(Math.max(MARGIN, r.right - width), window.innerWidth - width - MARGIN);
  const below = r.bottom + 4 + HEIGHT <= window.innerHeight;
  const top = below ? r.bottom + 4 : Math.max(MARGIN, r.top - 4 - HEIGHT);
  return { left, top, width };
}

/**
 * The emoji picker of the composer and of reactions: the bundled set (emoji-set.ts), the user's recent and frequent
 * emoji first, a search over the Japanese names, and the keyboard: Escape closes, Enter takes the first match. It is
 * drawn over the page (a portal, fixed beside `anchor`): a message row is moved by a transform and clipped by the list.
 */
export function EmojiPicker({ onPick, onClose, anchor }: { onPick(char: string): void; onClose(): void; anchor: HTMLElement | null }) {
  const t = useT(chatMessages);
  const [q, setQ] = useState('');
  const [style, setStyle] = useState<CSSProperties>(() => place(anchor));
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const update = () => setStyle(place(anchor));
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [anchor]);
  const favourites = useMemo(() => favouriteEmoji(), []);
  const query = q.trim();
  const matches = query ? EMOJI_SET.filter((e) => e.name.includes(query) || e.char === query) : [];

  useEffect(() => {
    // A press outside closes it; its own button toggles it by itself.
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (box.current && !box.current.contains(target) && !anchor?.contains(target)) onClose();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [onClose, anchor]);

  const pick = (char: string) => {
    recordEmojiUse(char);
    onPick(char);
  };
  const button = (char: string) => (
    <button
      key={char}
      type="button"
      className={styles.chatEmojiButton}
      onClick={() => pick(char)}
      aria-label={bundledEmoji(char)?.name ?? char}
      title={bundledEmoji(char)?.name}
      data-emoji={char}
    >
      <Emoji char={char} size={24} />
    </button>
  );

  return createPortal(
    <div
      ref={box}
      className={`popover ${styles.chatEmojiPicker}`}
      style={style}
      role="dialog"
      aria-label={t('emojiPicker')}
      data-testid="emoji-picker"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('emojiSearch')}
        aria-label={t('emojiSearch')}
        autoFocus
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing && matches[0]) {
            e.preventDefault();
            pick(matches[0].char);
          }
        }}
      />
      <div className={styles.chatEmojiScroll}>
        {query ? (
          <section>
            <div className={styles.chatEmojiGrid}>{matches.map((e) => button(e.char))}</div>
            {!matches.length && <p className="muted small">{t('emojiNone')}</p>}
          </section>
        ) : (
          <>
            <section aria-label={t('emojiFrequent')} data-testid="emoji-frequent">
              <h3>{t('emojiFrequent')}</h3>
              <div className={styles.chatEmojiGrid}>{favourites.map(button)}</div>
            </section>
            {CATEGORIES.map((c) => (
              <section key={c} aria-label={t(`emoji_${c}`)}>
                <h3>{t(`emoji_${c}`)}</h3>
                <div className={styles.chatEmojiGrid}>{EMOJI_SET.filter((e) => e.category === c).map((e) => button(e.char))}</div>
              </section>
            ))}
          </>
        )}
      </div>
    </div>,
    document.body,
  );
}
