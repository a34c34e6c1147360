/**
 * Japanese full text without a morphological analyser, on the idea chat search uses (docs/architecture.md): text is
 * NFKC-normalised and lower-cased; every character of a kanji/kana run and every neighbouring pair is a term, and
 * Latin/digit words give their pairs (or themselves when one character long). The archive stores the terms in a
 * GIN-indexed array; a query's terms must all be present, then the exact substring is checked.
 */
const JAPANESE_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆ヶ]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

export const normalise = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Runs of one script class: Japanese or other word characters; anything else separates. */
function segments(text: string): { chars: string[]; japanese: boolean }[] {
  const out: { chars: string[]; japanese: boolean }[] = [];
  for (const ch of normalise(text)) {
    const japanese = JAPANESE_CHAR.test(ch);
    if (!japanese && !WORD_CHAR.test(ch)) {
      out.push({ chars: [], japanese: false });
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.chars.length && last.japanese === japanese) last.chars.push(ch);
    else out.push({ chars: [ch], japanese });
  }
  return out.filter((s) => s.chars.length);
}

const pairs = (chars: string[]) => chars.slice(1).map((c, i) => chars[i] + c);

export function termsOf(text: string, limit = 4000): string[] {
  const terms = new Set<string>();
  for (const { chars, japanese } of segments(text)) {
    if (japanese || chars.length === 1) chars.forEach((c) => terms.add(c));
    pairs(chars).forEach((p) => terms.add(p));
    if (terms.size >= limit) break;
  }
  return [...terms].slice(0, limit);
}

/** The words of a query (all must occur) and the terms a candidate must hold. */
export function queryOf(q: string): { words: string[]; terms: string[] } {
  const words = normalise(q)
    .split(/[\s\u3000]+/u)
    .filter(Boolean)
    .slice(0, 8);
  const terms = new Set<string>();
  for (const word of words)
    for (const { chars } of segments(word)) (chars.length === 1 ? chars : pairs(chars)).forEach((t) => terms.add(t));
  return { words, terms: [...terms] };
}

/** Some text around the first hit, for the result list. */
export function snippetOf(text: string, words: string[], width = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  const n = normalise(flat);
  const at = words.length ? Math.max(0, Math.min(...words.map((w) => n.indexOf(w)).filter((i) => i >= 0), n.length)) : 0;
  const start = Math.max(0, (at >= n.length ? 0 : at) - Math.floor(width / 3));
  return (start > 0 ? '…' : '') + flat.slice(start, start + width) + (start + width < flat.length ? '…' : '');
}
