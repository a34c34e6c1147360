/** The most text kept of one attached PDF for search (the column's check allows as much). */
export const MAX_ATTACHMENT_TEXT = 200_000;

/** Japanese text and its punctuation: a line break between two of these is only where the line was full. */
const JA = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々〆ヶ、。「」『』（）・]';
const WRAPPED = new RegExp(`(${JA})\\n(?=${JA})`, 'gu');

/**
 * The searchable text of a PDF from the reader's text runs (one list per page): runs joined, spaces squeezed, line
 * ends kept except inside Japanese text (written without spaces, a sentence wrapped at the margin would cut its
 * words: 段ボール|ベッド), pages separated by a blank line, capped at MAX_ATTACHMENT_TEXT characters.
 */
export function pdfSearchText(pages: readonly (readonly { str: string; hasEOL?: boolean }[])[]): string {
  const parts: string[] = [];
  let length = 0;
  for (const runs of pages) {
    const page = runs
      .map((r) => r.str + (r.hasEOL ? '\n' : ''))
      .join('')
      .replace(/[ \t\u3000]+/g, ' ')
      .replace(/\n{2,}/g, '\n')
      .replace(WRAPPED, '$1')
      .trim();
    if (!page) continue;
    parts.push(page);
    length += page.length + 2;
    if (length >= MAX_ATTACHMENT_TEXT) break;
  }
  return parts.join('\n\n').slice(0, MAX_ATTACHMENT_TEXT);
}
