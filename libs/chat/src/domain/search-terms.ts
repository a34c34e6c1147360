import type { SearchHighlight } from '@yakuba/contracts';

/**
 * Search terms for Japanese and English without a morphological analyser (none is allowed in the database, and
 * one- and two-character Japanese words like 町 or 災害 must match). Text is NFKC-normalised and lower-cased, then:
 * - Japanese runs (kanji, kana) give every character (unigram) and every pair of neighbours (bigram);
 * - other words (Latin letters, digits) give every bigram of the word, and the whole word when it has one character.
 * A query becomes the same terms (unigrams only for one-character Japanese runs, bigrams otherwise); the database
 * finds candidates with `terms @> query_terms` on a GIN index, then keeps exact substring matches.
 */
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆ヶ]/u;
const WORD = /[\p{L}\p{N}_]/u;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface Run {
  text: string;
  japanese: boolean;
}

function runs(normalised: string): Run[] {
  const result: Run[] = [];
  let current: Run | null = null;
  for (const ch of normalised) {
    const japanese = JAPANESE.test(ch);
    const word = japanese || WORD.test(ch);
    if (!word) {
      current = null;
      continue;
    }
    if (current && current.japanese === japanese) current.text += ch;
    else {
      current = { text: ch, japanese };
      result.push(current);
    }
  }
  return result;
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The terms stored for a message body (deduplicated). */
export function indexTerms(text: string, limit = 2000): string[] {
  const terms = new Set<string>();
  for (const run of runs(normaliseText(text))) {
    const chars = [...run.text];
    if (run.japanese) chars.forEach((c) => terms.add(c));
    else if (chars.length === 1) terms.add(chars[0]);
    bigrams(chars).forEach((b) => terms.add(b));
    if (terms.size >= limit) break;
  }
  return [...terms].slice(0, limit);
}

export interface SearchQuery {
  /** Normalised words the body must contain (each as a substring). */
  words: string[];
  /** Terms every candidate's index must contain. */
  terms: string[];
}

/** Splits a query on spaces; every word must occur. Empty `terms` means nothing indexable was asked for. */
export function parseSearchQuery(q: string): SearchQuery {
  const words = normaliseText(q)
    .split(/[\s\u3000]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 8);
  const terms = new Set<string>();
  for (const word of words) {
    for (const run of runs(word)) {
      const chars = [...run.text];
      if (chars.length === 1) terms.add(chars[0]);
      else bigrams(chars).forEach((b) => terms.add(b));
    }
  }
  return { words, terms: [...terms] };
}

/** Highlight ranges travel as they are: the contract's search result carries them. */
export type Highlight = SearchHighlight;

/**
 * Where the query words occur in the original body (UTF-16 offsets into `body`), for highlighting. Matching is done
 * on the normalised text; each normalised character maps back to the original character it came from.
 */
export function highlightRanges(body: string, words: string[]): Highlight[] {
  let normalised = '';
  const origin: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const ch of body) {
    const n = normaliseText(ch);
    for (let i = 0; i < n.length; i++) {
      origin.push(offset);
      ends.push(offset + ch.length);
    }
    normalised += n;
    offset += ch.length;
  }
  const ranges: Highlight[] = [];
  for (const word of words) {
    if (!word) continue;
    let from = 0;
    for (;;) {
      const at = normalised.indexOf(word, from);
      if (at < 0) break;
      ranges.push({ start: origin[at], end: ends[at + word.length - 1] });
      from = at + word.length;
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The terms of an attachment: its file name and (a PDF's) text, more of them than a message body may have. */
export function attachmentTerms(name: string, text: string): string[] {
  return indexTerms(`${name}\n${text}`, 50_000);
}

export interface Excerpt {
  excerpt: string;
  highlights: Highlight[];
}

/**
 * A short passage of `text` around the first place a query word occurs (whitespace squeezed, `…` where cut), with
 * the words highlighted in it; undefined when no word occurs. Cuts never split a surrogate pair.
 */
export function excerptAround(text: string, words: string[], radius = 60): Excerpt | undefined {
  const [first] = highlightRanges(text, words);
  if (!first) return undefined;
  const codeUnitStart = (i: number) => (i > 0 && /[\uDC00-\uDFFF]/.test(text[i]) ? i - 1 : i);
  const start = codeUnitStart(Math.max(0, first.start - radius));
  const end = codeUnitStart(Math.min(text.length, first.end + radius));
  const excerpt = `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
  return { excerpt, highlights: highlightRanges(excerpt, words) };
}
