import { DomainError } from '@yakuba/contracts';

/** What the PDF reader found in an uploaded file (PdfReader, libs/platform/src/pdf). */
export interface PdfInspection {
  pageCount: number;
  pageSizes: { width: number; height: number }[];
  /** Extracted text of each page, for search inside the meeting's documents. */
  texts: string[];
  encrypted: boolean;
}

export const MAX_TEXT_PER_PAGE = 50_000;

// Whether an uploaded PDF is accepted at all (complete, not encrypted, 1 to MAX_UPLOAD_PAGES pages) is the
// platform's one rule for every context: libs/platform/src/pdf/pdf-acceptance.ts.

/** Collapses the reader's text runs into searchable text: runs joined, whitespace squeezed, capped in length. */
export function pageText(runs: readonly { str: string; hasEOL?: boolean }[]): string {
  const text = runs.map((r) => r.str + (r.hasEOL ? '\n' : '')).join('');
  return text
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, MAX_TEXT_PER_PAGE);
}

/** A page remembered as failing to draw (what meeting_document_page_failures holds). */
export interface PageFailure {
  reason: string;
  failedAt: Date;
}

/**
 * A page that once failed to draw within the render limits fails again: it is answered at once (422, same reason)
 * instead of taking a renderer thread for the full time limit on every request and every retry of the viewer.
 */
export function assertPageDrawable(page: number, failure: PageFailure | null): void {
  if (failure)
    throw new DomainError('unprocessable', `page ${page} cannot be drawn within the server's limits (${failure.reason})`, {
      reason: failure.reason,
    });
}
