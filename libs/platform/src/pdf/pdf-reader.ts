import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { PDF_LIMITS, PDF_LIMITS_TOKEN, type PdfLimits } from './pdf-limits';
import { PdfRefusal } from './pdf-refusal';
import { PDFJS_ASSETS, pdfWorkerFile } from './pdfjs-assets';
import type { InspectedPdf, ReaderAnswer, ReaderWorkerData } from './pdf-worker-protocol';
import { reasonOfThreadError, threadLimits, ThreadWatch } from './worker-guard';

/** @deprecated kept for callers that name it: the limit is PDF_LIMITS.parseTimeoutMs (CPU time). */
export const INSPECT_TIMEOUT_MS = PDF_LIMITS.parseTimeoutMs;

/**
 * Reads a PDF with pdf.js (page count, page sizes, text) in a thread of its own (pdf-reader.worker.ts), after a
 * scan of its streams under PDF_LIMITS (pdf-stream-scan.ts). The thread has a heap limit and a watch (worker-guard.ts)
 * that stops it past its memory or parseTimeoutMs of CPU time; a large or hostile PDF cannot freeze the event loop that serves every socket nor
 * grow the main process. pdf.js is an ES module; the thread loads it with a native `import()`, outside jest's
 * module sandbox too, so the same code runs compiled and under test.
 */
@Injectable()
export class PdfReader {
  private readonly logger = new Logger('pdf');

  /** At most this many PDFs are read at once; further files wait their turn instead of each taking a heap. */
  static readonly CONCURRENCY = 2;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly limits: PdfLimits;

  constructor(@Optional() @Inject(PDF_LIMITS_TOKEN) limits?: PdfLimits) {
    this.limits = limits ?? PDF_LIMITS;
  }

  /** Opens the PDF in a thread; a file pdf.js cannot read within the limits is `unprocessable` (a 422), never a 500. */
  async inspect(bytes: Uint8Array, maxPages: number): Promise<InspectedPdf> {
    // A finishing reader hands its slot straight to the next in line.
    if (this.running >= PdfReader.CONCURRENCY) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    let answer: ReaderAnswer;
    try {
      answer = await this.run(bytes, maxPages);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
    if (answer.ok) return answer.inspection;
    if (answer.kind === 'encrypted')
      throw new PdfRefusal('pdf_encrypted', 'it is encrypted or password-protected: upload an unprotected copy');
    if (answer.kind === 'limit') {
      this.logger.log(`refused a PDF beyond the limits: ${answer.reason} ${answer.message}`);
      throw new PdfRefusal(answer.reason, answer.message);
    }
    this.logger.log(`refused an unreadable PDF: ${answer.message}`);
    throw new PdfRefusal('pdf_corrupt', `it cannot be read: ${answer.message.slice(0, 200)}`);
  }

  private run(bytes: Uint8Array, maxPages: number): Promise<ReaderAnswer> {
    return new Promise((resolve) => {
      const copy = new Uint8Array(bytes);
      const workerData: ReaderWorkerData = {
        ...PDFJS_ASSETS,
        bytes: copy,
        maxPages,
        scanPath: pdfWorkerFile('pdf-stream-scan'),
        limits: { ...this.limits },
      };
      const worker = new Worker(pdfWorkerFile('pdf-reader.worker'), {
        workerData,
        transferList: [copy.buffer],
        resourceLimits: threadLimits(this.limits.parseHeapMb),
        // pdf.js warns on the console about what it repairs: not ours to log.
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      let settled = false;
      const finish = (answer: ReaderAnswer) => {
        if (settled) return;
        settled = true;
        watch.stop();
        void worker.terminate();
        resolve(answer);
      };
      const watch = new ThreadWatch(worker, this.limits.externalMemoryMb, (reason, message) =>
        finish({ ok: false, kind: 'limit', reason, message: `reading it: ${message}` }),
      );
      watch.startJob(this.limits.parseTimeoutMs);
      worker.once('message', (answer: ReaderAnswer) => finish(answer));
      worker.once('error', (error) => {
        const reason = reasonOfThreadError(error);
        finish(
          reason === 'pdf_too_much_memory'
            ? { ok: false, kind: 'limit', reason, message: `reading it needs more than ${this.limits.parseHeapMb} MB of heap` }
            : { ok: false, kind: 'corrupt', message: error.message },
        );
      });
      worker.once('exit', () => finish({ ok: false, kind: 'corrupt', message: 'the PDF reader stopped' }));
    });
  }
}
