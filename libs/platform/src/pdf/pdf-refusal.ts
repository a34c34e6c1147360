import { DomainError } from '@yakuba/contracts';
import type { PdfRefusalReason } from './pdf-limits';

/**
 * A PDF (or one of its pages) that cannot be read or drawn within PDF_LIMITS: a 422 whose message ends with the
 * stable reason code, e.g. `the PDF cannot be accepted: a 1043-byte stream decodes to more than 64 MB
 * (pdf_decompression_bomb)`. `permanent` marks a page failure that will fail again, for callers that remember.
 */
export class PdfRefusal extends DomainError {
  constructor(
    readonly reason: PdfRefusalReason,
    readonly detail: string,
    readonly permanent = true,
    prefix = 'the PDF cannot be accepted',
  ) {
    super('unprocessable', `${prefix}: ${detail.slice(0, 240)} (${reason})`, { reason });
  }
}
