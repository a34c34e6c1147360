import { EMOJI_SET, type BundledEmoji } from './emoji-set';
import styles from './chat.module.css';

const BY_CHAR = new Map<string, BundledEmoji>();
for (const e of EMOJI_SET) {
  BY_CHAR.set(e.char, e);
  // A reaction stored without the variation selector (✔ for ✔️) is the same picture.
  BY_CHAR.set(e.char.replace(/\uFE0F/g, ''), e);
}

/** Any bundled emoji in a text, longest first (👍 before a shorter prefix), the variation selector optional. */
const EMOJI_PATTERN = new RegExp(
  [...new Set(EMOJI_SET.map((e) => e.char.replace(/\uFE0F/g, '')))]
    .sort((a, b) => b.length - a.length)
    .map((c) => `${[...c].join('\uFE0F?')}\uFE0F?`)
    .join('|'),
  'gu',
);

/**
 * Draws the bundled emoji of rendered message HTML (already sanitised) as their pictures: text nodes are split in
 * the DOM, never in the HTML string, so an emoji inside a link's address or an attribute stays as it is; code stays
 * as written.
 */
export function drawBundledEmoji(html: string): string {
  // matchAll starts where the pattern's lastIndex is: test() with a copy, never the shared pattern.
  if (!new RegExp(EMOJI_PATTERN.source, 'u').test(html)) return html;
  const template = document.createElement('template');
  template.innerHTML = html;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const node of texts) {
    if (node.parentElement?.closest('code, pre')) continue;
    const text = node.data;
    const parts = document.createDocumentFragment();
    let at = 0;
    EMOJI_PATTERN.lastIndex = 0;
    for (const match of text.matchAll(EMOJI_PATTERN)) {
      const found = bundledEmoji(match[0]);
      if (!found || match.index === undefined) continue;
      if (match.index > at) parts.append(text.slice(at, match.index));
      const img = document.createElement('img');
      img.className = styles.chatEmoji;
      img.src = found.url;
      img.alt = match[0];
      img.title = found.name;
      img.width = 20;
      img.height = 20;
      img.draggable = false;
      parts.append(img);
      at = match.index + match[0].length;
    }
    if (at === 0) continue;
    if (at < text.length) parts.append(text.slice(at));
    node.replaceWith(parts);
  }
  return template.innerHTML;
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
