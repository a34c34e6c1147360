import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PageRenderer } from './page-renderer';
import { PDF_LIMITS, PDF_LIMITS_TOKEN, type PdfLimits } from './pdf-limits';
import { PdfRefusal } from './pdf-refusal';
import { PdfReader } from './pdf-reader';
import type { InspectedPdf } from './pdf-worker-protocol';

export interface IngestOptions {
  /** More pages than this: refused (pdf_too_many_pages). */
  maxPages: number;
  /** Who uploads (a user id): the trial render takes its turn in the render pool as this requester. */
  requester: string;
}

/**
 * The one check an uploaded PDF passes before anything is stored, for every context that accepts PDFs (meetings'
 * documents, approvals' attachments): it must open, stay within PDF_LIMITS (streams, operations, images, page
 * boxes, page count, time and memory of reading) and its first pages must draw within the render limits. What
 * fails is refused with a PdfRefusal (422, reason code in the message); the caller stores nothing. A file that
 * passes can still have a later page that fails to draw: the caller remembers that page (see meetings).
 */
@Injectable()
export class PdfIngestCheck {
  private readonly limits: PdfLimits;

  constructor(
    private readonly reader: PdfReader,
    private readonly renderer: PageRenderer,
    @Optional() @Inject(PDF_LIMITS_TOKEN) limits?: PdfLimits,
  ) {
    this.limits = limits ?? PDF_LIMITS;
  }

  async inspect(bytes: Uint8Array, options: IngestOptions): Promise<InspectedPdf> {
    const found = await this.reader.inspect(bytes, options.maxPages);
    if (found.encrypted) throw new PdfRefusal('pdf_encrypted', 'it is encrypted or password-protected: upload an unprotected copy');
    if (found.pageCount < 1) throw new PdfRefusal('pdf_corrupt', 'it has no pages');
    if (found.pageCount > options.maxPages)
      throw new PdfRefusal('pdf_too_many_pages', `it has ${found.pageCount} pages (at most ${options.maxPages})`);
    const ticket = { requester: options.requester, document: `upload:${randomUUID()}` };
    for (let page = 1; page <= Math.min(this.limits.trialPages, found.pageCount); page++) {
      try {
        await this.renderer.trial(bytes, page, this.limits.trialWidth, ticket);
      } catch (error) {
        if (error instanceof PdfRefusal) throw new PdfRefusal(error.reason, `page ${page} cannot be drawn: ${error.detail}`);
        throw error;
      }
    }
    return found;
  }
}

/** The same check as a function, for scripts and tests outside Nest: one reader and one renderer of its own. */
export async function inspectPdf(bytes: Uint8Array, options: Partial<IngestOptions> & { limits?: PdfLimits } = {}): Promise<InspectedPdf> {
  const renderer = new PageRenderer(options.limits);
  try {
    return await new PdfIngestCheck(new PdfReader(options.limits), renderer, options.limits).inspect(bytes, {
      maxPages: options.maxPages ?? 2000,
      requester: options.requester ?? 'script',
    });
  } finally {
    await renderer.onModuleDestroy();
  }
}
