import { DomainError } from '@yakuba/contracts';

/** What the PDF reader found in an uploaded file (PdfReader, libs/platform/src/pdf). */
export interface PdfInspection {
  pageCount: number;
  pageSizes: { width: number; height: number }[];
  /** Extracted text of each page, for search inside the meeting's documents. */
  texts: string[];
  encrypted: boolean;
}

export const MAX_PAGES = 2000;
export const MAX_TEXT_PER_PAGE = 50_000;

/**
 * A complete PDF ends with `%%EOF` (writers may add a little padding after it). pdf.js quietly rebuilds a
 * damaged cross-reference table and opens what it can of a truncated file, which would show participants a paper
 * with pages missing: we refuse such files instead of guessing.
 */
export function assertComplete(bytes: Uint8Array): void {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) throw new DomainError('unprocessable', 'the PDF is truncated or damaged (no end-of-file marker)');
}

/** The file opened: is it one we can distribute? */
export function assertAcceptable(inspection: PdfInspection): void {
  if (inspection.encrypted)
    throw new DomainError('unprocessable', 'the PDF is encrypted or password-protected: upload an unprotected copy');
  if (inspection.pageCount < 1) throw new DomainError('unprocessable', 'the PDF has no pages');
  if (inspection.pageCount > MAX_PAGES) throw new DomainError('unprocessable', `the PDF has more than ${MAX_PAGES} pages`);
}

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
