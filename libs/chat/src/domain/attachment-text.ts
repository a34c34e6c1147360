/** The most text kept of one attached PDF for search (the column's check allows as much). */
export const MAX_ATTACHMENT_TEXT = 200_000;

/**
 * The searchable text of a PDF from the reader's text runs (one list per page): runs joined, line ends kept, spaces
 * squeezed, pages separated by a blank line, capped at MAX_ATTACHMENT_TEXT characters.
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
      .trim();
    if (!page) continue;
    parts.push(page);
    length += page.length + 2;
    if (length >= MAX_ATTACHMENT_TEXT) break;
  }
  return parts.join('\n\n').slice(0, MAX_ATTACHMENT_TEXT);
}
