import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@yakuba/contracts';
import { notoSansJpPath } from './noto-sans-jp';
import { PDFJS_ASSETS, PDFJS_CANVAS_PATH, pdfWorkerFile } from './pdfjs-assets';
import type { ImageFormat, RenderAnswer, RenderJob, RenderWorkerData } from './pdf-worker-protocol';

/**
 * Pages of a PDF drawn on the server as PNG images (for confidential documents: the browser gets pictures of the
 * pages with the viewer's name burnt in, never the PDF). Rendering is CPU heavy and must not stall the event loop
 * that carries every socket: pdf.js draws in a small pool of worker threads (page-render.worker.ts), each with its
 * own heap limit; a page taking longer than RENDER_TIMEOUT_MS gets its worker replaced.
 */
export const RENDER_TIMEOUT_MS = 30_000;

export type PageImageJob = Omit<RenderJob, 'id'>;

export interface PageImage {
  /** PNG, or JPEG when the job asked for it. */
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
}

type Answer = RenderAnswer;

interface Slot {
  worker: Worker;
  job?: { id: number; done: (answer: Answer) => void; timer: NodeJS.Timeout };
}

@Injectable()
export class PageRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('pdf-render');
  private readonly workerData: RenderWorkerData = { ...PDFJS_ASSETS, canvasPath: PDFJS_CANVAS_PATH, fontPath: notoSansJpPath('regular') };

  /** At most this many pages are drawn at once (one per worker); further requests wait their turn. */
  static readonly WORKERS = 2;
  static readonly HEAP_MB = 768;
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
        bytes: Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength),
        format: job.format ?? 'png',
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
    const worker = new Worker(pdfWorkerFile('page-render.worker'), {
      workerData: this.workerData,
      resourceLimits: { maxOldGenerationSizeMb: PageRenderer.HEAP_MB },
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
