import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@yakuba/contracts';
import { notoSansJpPath } from './noto-sans-jp';

/**
 * Pages of a PDF drawn on the server as PNG images, for confidential documents: the browser gets pictures of the
 * pages with the viewer's name burnt in, never the PDF. pdf.js (legacy build, as PdfInspector) draws on an
 * @napi-rs/canvas canvas in a small pool of worker threads: rendering is CPU heavy and must not stall the event
 * loop that carries every meeting's sockets. Each worker keeps its last few documents open, so turning pages does
 * not re-parse the file; a page taking longer than RENDER_TIMEOUT_MS gets its worker replaced.
 *
 * Papers whose Japanese fonts are not embedded (HeiseiMin-W3, MS-Mincho...) are drawn by the canvas with a system
 * font: the worker registers Noto Sans JP under the generic families pdf.js falls back to (serif, sans-serif), and
 * pdf.js gets its CMaps and standard font data as PdfInspector gives them. `disableFontFace` makes pdf.js draw
 * embedded fonts as paths (Node has no FontFace). Nothing in a file runs: no eval, no XFA, no scripting.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { readFile } = require('node:fs/promises');
const canvasLib = require(workerData.canvasPath);
for (const family of ['Noto Sans JP', 'serif', 'sans-serif']) canvasLib.GlobalFonts.registerFromPath(workerData.fontPath, family);
const pdfjsReady = import(pathToFileURL(workerData.modulePath).href);
const open = new Map();
async function openDocument(path) {
  let doc = open.get(path);
  if (doc) {
    open.delete(path);
  } else {
    const pdfjs = await pdfjsReady;
    doc = readFile(path).then((bytes) => pdfjs.getDocument({
      data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      cMapUrl: workerData.cMapDir,
      cMapPacked: true,
      standardFontDataUrl: workerData.standardFontDir,
      enableXfa: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise);
    doc.catch(() => open.delete(path));
  }
  open.set(path, doc);
  while (open.size > 3) {
    const [oldest, evicted] = open.entries().next().value;
    open.delete(oldest);
    evicted.then((d) => d.loadingTask.destroy(), () => undefined);
  }
  return doc;
}
function watermark(ctx, width, height, text) {
  const size = Math.max(12, Math.round(width / 24));
  ctx.save();
  ctx.font = 'bold ' + size + 'px "Noto Sans JP"';
  ctx.fillStyle = 'rgba(190, 30, 30, 0.22)';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-Math.PI / 6);
  const reach = Math.hypot(width, height) / 2 + size * 4;
  const step = ctx.measureText(text).width + size * 3;
  let row = 0;
  for (let y = -reach; y <= reach; y += size * 4, row++) {
    for (let x = -reach - (row % 2) * step / 2; x <= reach; x += step) ctx.fillText(text, x, y);
  }
  ctx.restore();
}
async function render(job) {
  const doc = await openDocument(job.path);
  const page = await doc.getPage(job.page);
  const base = page.getViewport({ scale: 1 });
  let scale = job.width / base.width;
  // A very tall page is drawn smaller rather than as a giant bitmap: at most width x 2 width pixels.
  const maxPixels = job.width * job.width * 2;
  if (base.width * base.height * scale * scale > maxPixels) scale = Math.sqrt(maxPixels / (base.width * base.height));
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const height = Math.max(1, Math.floor(viewport.height));
  const canvas = canvasLib.createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  await page.render({ canvas, canvasContext: ctx, viewport }).promise;
  if (job.watermark) watermark(ctx, width, height, job.watermark);
  page.cleanup();
  const png = await canvas.encode('png');
  return { png: new Uint8Array(png), width, height };
}
parentPort.on('message', (job) => {
  render(job).then(
    (out) => parentPort.postMessage({ id: job.id, ok: true, ...out }, [out.png.buffer]),
    (error) => parentPort.postMessage({ id: job.id, ok: false, message: String((error && error.message) || error) }),
  );
});
`;

export const RENDER_TIMEOUT_MS = 30_000;

export interface PageImageJob {
  /** The stored file. */
  path: string;
  page: number;
  /** Pixel width of the image (already clamped by the caller). */
  width: number;
  /** Burnt in diagonally over the page, or null for none. */
  watermark: string | null;
}

export interface PageImage {
  png: Buffer;
  width: number;
  height: number;
}

type Answer = { id: number; ok: true; png: Uint8Array; width: number; height: number } | { id: number; ok: false; message: string };

interface Slot {
  worker: Worker;
  job?: { id: number; done: (answer: Answer) => void; timer: NodeJS.Timeout };
}

@Injectable()
export class PageRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('pdf-render');
  private readonly root = dirname(require.resolve('pdfjs-dist/package.json'));
  private readonly workerData = {
    modulePath: require.resolve('pdfjs-dist/legacy/build/pdf.mjs'),
    // pdf.js's own NodeCanvasFactory loads @napi-rs/canvas from its folder: the same module as this one.
    canvasPath: require.resolve('@napi-rs/canvas', { paths: [this.root] }),
    fontPath: notoSansJpPath('regular'),
    cMapDir: `${join(this.root, 'cmaps')}/`,
    standardFontDir: `${join(this.root, 'standard_fonts')}/`,
  };

  /** At most this many pages are drawn at once (one per worker); further requests wait their turn. */
  static readonly WORKERS = 2;
  /** Rendered pages are kept this long, per (document version, page, width, viewer): page turning back and forth. */
  static readonly CACHE_MS = 60_000;
  static readonly CACHE_ENTRIES = 120;

  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly cache = new Map<string, { image: PageImage; expires: number }>();
  private readonly inflight = new Map<string, Promise<PageImage>>();
  private nextId = 1;
  private closed = false;

  /** The page as a PNG; `key` names what the image depends on (the same key gets the cached image). */
  render(key: string, job: PageImageJob): Promise<PageImage> {
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return Promise.resolve(hit.image);
    this.cache.delete(key);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.draw(job).then((image) => {
        this.cache.set(key, { image, expires: Date.now() + PageRenderer.CACHE_MS });
        for (const [k, v] of this.cache) {
          if (this.cache.size <= PageRenderer.CACHE_ENTRIES && v.expires > Date.now()) break;
          this.cache.delete(k);
        }
        return image;
      });
      const forget = () => this.inflight.delete(key);
      pending.then(forget, forget);
      this.inflight.set(key, pending);
    }
    return pending;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.cache.clear();
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private async draw(job: PageImageJob): Promise<PageImage> {
    const slot = await this.acquire();
    let answer: Answer;
    try {
      answer = await this.send(slot, job);
    } finally {
      this.release(slot);
    }
    if (answer.ok)
      return {
        png: Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength),
        width: answer.width,
        height: answer.height,
      };
    this.logger.warn(`could not draw page ${job.page}: ${answer.message}`);
    throw new DomainError('unprocessable', 'this page cannot be drawn');
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new DomainError('unprocessable', 'the server is stopping');
      const idle = this.slots.find((s) => !s.job);
      if (idle) return idle;
      if (this.slots.length < PageRenderer.WORKERS) return this.spawn();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.job = undefined;
    this.waiting.shift()?.();
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: this.workerData,
      resourceLimits: { maxOldGenerationSizeMb: 768 },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    const slot: Slot = { worker };
    const fail = (message: string) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.job?.done({ id: slot.job.id, ok: false, message });
      void worker.terminate();
      this.waiting.shift()?.();
    };
    worker.on('message', (answer: Answer) => {
      if (slot.job && answer.id === slot.job.id) slot.job.done(answer);
    });
    worker.once('error', (error) => fail(error.message));
    worker.once('exit', () => fail('the page renderer stopped'));
    this.slots.push(slot);
    return slot;
  }

  private send(slot: Slot, job: PageImageJob): Promise<Answer> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        slot.job?.done({ id, ok: false, message: 'drawing the page took too long' });
        const index = this.slots.indexOf(slot);
        if (index >= 0) this.slots.splice(index, 1);
        void slot.worker.terminate();
      }, RENDER_TIMEOUT_MS);
      slot.job = {
        id,
        timer,
        done: (answer) => {
          clearTimeout(timer);
          if (slot.job?.id === id) slot.job = { ...slot.job, done: () => undefined };
          resolve(answer);
        },
      };
      slot.worker.postMessage({ id, ...job });
    });
  }
}
