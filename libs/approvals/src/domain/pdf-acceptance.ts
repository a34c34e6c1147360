import { DomainError } from '@yakuba/contracts';

/**
 * The same acceptance meetings apply to uploaded papers (libs/meetings/src/domain/pdf-acceptance.ts; contexts do
 * not import each other): a complete file (ends with %%EOF, so pdf.js does not quietly rebuild a truncated one), not
 * encrypted, with 1 to MAX_PAGES pages. The media type is sniffed from the bytes before this.
 */
export const MAX_ATTACHMENT_PAGES = 2000;

export function assertCompletePdf(bytes: Uint8Array): void {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) throw new DomainError('unprocessable', 'the PDF is truncated or damaged (no end-of-file marker)');
}

export function assertAcceptablePdf(found: { pageCount: number; encrypted: boolean }): void {
  if (found.encrypted) throw new DomainError('unprocessable', 'the PDF is encrypted or password-protected: upload an unprotected copy');
  if (found.pageCount < 1) throw new DomainError('unprocessable', 'the PDF has no pages');
  if (found.pageCount > MAX_ATTACHMENT_PAGES) throw new DomainError('unprocessable', `the PDF has more than ${MAX_ATTACHMENT_PAGES} pages`);
}
