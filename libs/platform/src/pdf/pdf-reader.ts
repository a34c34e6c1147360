import { Injectable, Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@yakuba/contracts';
import { PDFJS_ASSETS, pdfWorkerFile } from './pdfjs-assets';
import type { InspectedPdf, ReaderAnswer, ReaderWorkerData } from './pdf-worker-protocol';

export const INSPECT_TIMEOUT_MS = 60_000;

/**
 * Reads a PDF with pdf.js (page count, page sizes, text) in a worker thread (pdf-reader.worker.ts): a large or
 * hostile PDF cannot freeze the event loop that serves every socket, is stopped after INSPECT_TIMEOUT_MS, and has
 * its own heap limit. pdf.js is an ES module; the worker loads it with a native `import()`, outside jest's module
 * sandbox too, so the same code runs compiled and under test.
 */
@Injectable()
export class PdfReader {
  private readonly logger = new Logger('pdf');

  /** At most this many PDFs are read at once; further files wait their turn instead of each taking a heap. */
  static readonly CONCURRENCY = 2;
  static readonly HEAP_MB = 512;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** Opens the PDF in a worker; a file pdf.js cannot read is `unprocessable` (a 422), never a 500. */
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
      throw new DomainError('unprocessable', 'the PDF is encrypted or password-protected: upload an unprotected copy');
    this.logger.log(`refused an unreadable PDF: ${answer.message}`);
    throw new DomainError('unprocessable', `the PDF cannot be read: ${answer.message.slice(0, 200)}`);
  }

  private run(bytes: Uint8Array, maxPages: number): Promise<ReaderAnswer> {
    return new Promise((resolve) => {
      const copy = new Uint8Array(bytes);
      const workerData: ReaderWorkerData = { ...PDFJS_ASSETS, bytes: copy, maxPages };
      const worker = new Worker(pdfWorkerFile('pdf-reader.worker'), {
        workerData,
        transferList: [copy.buffer],
        resourceLimits: { maxOldGenerationSizeMb: PdfReader.HEAP_MB },
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
        clearTimeout(timer);
        void worker.terminate();
        resolve(answer);
      };
      const timer = setTimeout(() => finish({ ok: false, kind: 'corrupt', message: 'reading the PDF took too long' }), INSPECT_TIMEOUT_MS);
      worker.once('message', (answer: ReaderAnswer) => finish(answer));
      worker.once('error', (error) => finish({ ok: false, kind: 'corrupt', message: error.message }));
      worker.once('exit', () => finish({ ok: false, kind: 'corrupt', message: 'the PDF reader stopped' }));
    });
  }
}
