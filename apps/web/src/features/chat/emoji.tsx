import { EMOJI_SET, type BundledEmoji } from './emoji-set';
import styles from './chat.module.css';

const BY_CHAR = new Map<string, BundledEmoji>();
for (const e of EMOJI_SET) {
  BY_CHAR.set(e.char, e);
  // A reaction stored without the variation selector (✔ for ✔️) is the same picture.
  BY_CHAR.set(e.char.replace(/\uFE0F/g, ''), e);
}

export function bundledEmoji(char: string): BundledEmoji | undefined {
  return BY_CHAR.get(char) ?? BY_CHAR.get(char.replace(/\uFE0F/g, ''));
}

/** An emoji drawn from the bundled set (the device's emoji font is never needed); anything else as text. */
export function Emoji({ char, size = 20 }: { char: string; size?: number }) {
  const found = bundledEmoji(char);
  if (!found) return <span className={styles.chatEmojiText}>{char}</span>;
  return <img className={styles.chatEmoji} src={found.url} alt={char} title={found.name} width={size} height={size} draggable={false} />;
}

/* ---------- recent and frequent: this browser's own use, kept in localStorage ---------- */

const USAGE_KEY = 'yakuba.chat.emojiUsage';
const DEFAULT_FAVOURITES = ['👍', '🙏', '✅', '😊', '👀', '🙇', '🎉', '⚠️'];

interface Usage {
  count: number;
  last: number;
}

function readUsage(): Record<string, Usage> {
  try {
    const parsed = JSON.parse(localStorage.getItem(USAGE_KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Usage>) : {};
  } catch {
    return {};
  }
}

/** The order worked out from storage, kept until the next use (every message's quick reactions read it). */
let ordered: string[] | null = null;

/** Counts one use of an emoji (composer or reaction): it moves to the front of the picker. */
export function recordEmojiUse(char: string): void {
  ordered = null;
  const usage = readUsage();
  const had = usage[char] ?? { count: 0, last: 0 };
  usage[char] = { count: had.count + 1, last: Date.now() };
  // Only what the set holds, and not forever: the 60 most recently used are kept.
  const kept = Object.entries(usage)
    .filter(([c]) => bundledEmoji(c))
    .sort((a, b) => b[1].last - a[1].last)
    .slice(0, 60);
  try {
    localStorage.setItem(USAGE_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    /* storage refused (private mode): the order stays the default */
  }
}

/**
 * The emoji to offer first: the most recently used few, then the most used, then the defaults, `count` in all.
 * Recent first so that the one just used is at hand; frequent next so that habits survive a one-off.
 */
export function favouriteEmoji(count = 16): string[] {
  if (!ordered) {
    const usage = Object.entries(readUsage()).filter(([c]) => bundledEmoji(c));
    const recent = [...usage].sort((a, b) => b[1].last - a[1].last).slice(0, 4).map(([c]) => c);
    const frequent = [...usage].sort((a, b) => b[1].count - a[1].count || b[1].last - a[1].last).map(([c]) => c);
    ordered = [...new Set([...recent, ...frequent, ...DEFAULT_FAVOURITES])];
  }
  return ordered.slice(0, count);
}
