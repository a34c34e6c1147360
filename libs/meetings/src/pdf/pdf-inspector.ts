import { Injectable, Logger } from '@nestjs/common';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@yakuba/contracts';
import type { PdfInspection } from '../domain/pdf-acceptance';

/**
 * Runs pdf.js in a worker thread, for three reasons: a large or hostile PDF cannot freeze the event loop that
 * serves every meeting's sockets (and is stopped after INSPECT_TIMEOUT_MS, with its own heap limit); pdf.js 5 is an
 * ES module, which our CommonJS server loads with a native dynamic `import()`, and a worker's code runs outside
 * jest's module sandbox too, so the same code runs compiled and under test.
 *
 * Nothing in the file is ever executed: `isEvalSupported: false`, `enableXfa: false`, and the scripting sandbox is
 * never created (JavaScript actions stay inert data). Japanese papers whose fonts are not embedded need the CMaps
 * (`cMapPacked`) and standard font data, given as folder paths: pdf.js reads them with fs in Node.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
(async () => {
  const pdfjs = await import(pathToFileURL(workerData.modulePath).href);
  const task = pdfjs.getDocument({
    data: workerData.bytes,
    cMapUrl: workerData.cMapDir,
    cMapPacked: true,
    standardFontDataUrl: workerData.standardFontDir,
    enableXfa: false,
    stopAtErrors: true,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    parentPort.postMessage({ ok: false, kind: error && error.name === 'PasswordException' ? 'encrypted' : 'corrupt', message: String(error && error.message || error) });
    return;
  }
  const meta = await doc.getMetadata().catch(() => ({ info: {} }));
  const encrypted = Boolean(meta.info && meta.info.EncryptFilterName);
  const pageCount = doc.numPages;
  if (encrypted || pageCount > workerData.maxPages) {
    parentPort.postMessage({ ok: true, inspection: { pageCount, pageSizes: [], texts: [], runs: [], encrypted } });
    await doc.loadingTask.destroy();
    return;
  }
  const pageSizes = [];
  const runs = [];
  try {
    for (let n = 1; n <= pageCount; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      pageSizes.push({ width: Math.round(viewport.width * 100) / 100, height: Math.round(viewport.height * 100) / 100 });
      const content = await page.getTextContent();
      runs.push(content.items.filter((i) => typeof i.str === 'string').map((i) => ({ str: i.str, hasEOL: Boolean(i.hasEOL) })));
      page.cleanup();
    }
  } catch (error) {
    parentPort.postMessage({ ok: false, kind: 'corrupt', message: String(error && error.message || error) });
    return;
  }
  await doc.loadingTask.destroy();
  parentPort.postMessage({ ok: true, inspection: { pageCount, pageSizes, runs, encrypted } });
})().catch((error) => parentPort.postMessage({ ok: false, kind: 'corrupt', message: String(error && error.message || error) }));
`;

export const INSPECT_TIMEOUT_MS = 60_000;

type WorkerAnswer =
  | { ok: true; inspection: Omit<PdfInspection, 'texts'> & { runs: { str: string; hasEOL: boolean }[][] } }
  | { ok: false; kind: 'encrypted' | 'corrupt'; message: string };

export type InspectedPdf = Omit<PdfInspection, 'texts'> & { runs: { str: string; hasEOL: boolean }[][] };

@Injectable()
export class PdfInspector {
  private readonly logger = new Logger('pdf');
  private readonly modulePath = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  private readonly root = dirname(require.resolve('pdfjs-dist/package.json'));

  /** At most this many PDFs are read at once; further uploads wait their turn instead of each taking a heap. */
  static readonly CONCURRENCY = 2;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** Opens the PDF in a worker; a file pdf.js cannot read is a 422, never a 500. */
  async inspect(bytes: Uint8Array, maxPages: number): Promise<InspectedPdf> {
    // A finishing reader hands its slot straight to the next in line.
    if (this.running >= PdfInspector.CONCURRENCY) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    let answer: WorkerAnswer;
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

  private run(bytes: Uint8Array, maxPages: number): Promise<WorkerAnswer> {
    return new Promise((resolve) => {
      const copy = new Uint8Array(bytes);
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          bytes: copy,
          modulePath: this.modulePath,
          cMapDir: `${join(this.root, 'cmaps')}/`,
          standardFontDir: `${join(this.root, 'standard_fonts')}/`,
          maxPages,
        },
        transferList: [copy.buffer],
        resourceLimits: { maxOldGenerationSizeMb: 512 },
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      let settled = false;
      const finish = (answer: WorkerAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(answer);
      };
      const timer = setTimeout(() => finish({ ok: false, kind: 'corrupt', message: 'reading the PDF took too long' }), INSPECT_TIMEOUT_MS);
      worker.once('message', (answer: WorkerAnswer) => finish(answer));
      worker.once('error', (error) => finish({ ok: false, kind: 'corrupt', message: error.message }));
      worker.once('exit', () => finish({ ok: false, kind: 'corrupt', message: 'the PDF reader stopped' }));
    });
  }
}
