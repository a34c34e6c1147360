import { DomainError } from '@yakuba/contracts';
import { sniffMediaType } from '../files/sniff-media-type';
import type { PdfIngestCheck } from './pdf-ingest-check';
import type { InspectedPdf } from './pdf-worker-protocol';

/** The most pages an uploaded PDF may have (meetings' papers, approvals' attachments). */
export const MAX_UPLOAD_PAGES = 2000;

/**
 * A complete PDF ends with `%%EOF` (writers may add a little padding after it). pdf.js quietly rebuilds a damaged
 * cross-reference table and opens what it can of a truncated file, which would show readers a paper with pages
 * missing: such files are refused instead of guessed at.
 */
export function assertCompletePdf(bytes: Uint8Array): void {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF'))
    throw new DomainError('unprocessable', 'the PDF is truncated or damaged (no end-of-file marker)', { reason: 'pdf_truncated' });
}

/** The file opened: is it one we can distribute? */
export function assertAcceptablePdf(found: { pageCount: number; encrypted: boolean }, maxPages = MAX_UPLOAD_PAGES): void {
  if (found.encrypted)
    throw new DomainError('unprocessable', 'the PDF is encrypted or password-protected: upload an unprotected copy', {
      reason: 'pdf_encrypted',
    });
  if (found.pageCount < 1) throw new DomainError('unprocessable', 'the PDF has no pages', { reason: 'pdf_no_pages' });
  if (found.pageCount > maxPages)
    throw new DomainError('unprocessable', `the PDF has more than ${maxPages} pages`, { reason: 'pdf_too_many_pages', maxPages });
}

/**
 * The acceptance of an uploaded PDF, the same for every context, checking the bytes and not the name: 413 over
 * `maxBytes`, 415 if not a PDF, 422 if truncated, corrupt, encrypted, without pages, beyond `maxPages`, or beyond
 * what the server draws within its limits (PdfIngestCheck). The caller stores nothing before this passes.
 */
export async function acceptPdfUpload(
  check: PdfIngestCheck,
  bytes: Uint8Array,
  options: { maxBytes: number; requester: string; maxPages?: number },
): Promise<InspectedPdf> {
  if (bytes.length > options.maxBytes)
    throw new DomainError('too_large', `the file is larger than ${Math.round(options.maxBytes / 1048576)} MB`, {
      reason: 'file_too_large',
      maxMb: Math.round(options.maxBytes / 1048576),
    });
  if ((await sniffMediaType(bytes)) !== 'application/pdf')
    throw new DomainError('unsupported_media_type', 'the file is not a PDF', { reason: 'not_pdf' });
  assertCompletePdf(bytes);
  const maxPages = options.maxPages ?? MAX_UPLOAD_PAGES;
  const found = await check.inspect(bytes, { maxPages, requester: options.requester });
  assertAcceptablePdf(found, maxPages);
  return found;
}
