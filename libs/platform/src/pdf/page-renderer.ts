import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@yakuba/contracts';
import { notoSansJpPath } from './noto-sans-jp';
import { PDF_LIMITS, PDF_LIMITS_TOKEN, type PdfLimits, type PdfRefusalReason } from './pdf-limits';
import { PdfRefusal } from './pdf-refusal';
import { PDFJS_ASSETS, PDFJS_CANVAS_PATH, pdfWorkerFile } from './pdfjs-assets';
import type { ImageFormat, RenderAnswer, RenderJob, RenderThreadReady, RenderWorkerData } from './pdf-worker-protocol';
import { FairQueue, fairLimits, type QueueTicket } from './render-queue';
import { reasonOfThreadError, threadLimits, ThreadWatch } from './worker-guard';

/**
 * Pages of a PDF drawn on the server as images (for confidential documents: the browser gets pictures of the pages
 * with the viewer's name burnt in, never the PDF). Rendering is CPU heavy and must not stall the event loop that
 * carries every socket: pdf.js draws in a small pool of threads (page-render.worker.ts). Each thread has a heap
 * limit and a watch (worker-guard.ts) on its memory and on the CPU time of its page (renderTimeoutMs; trials
 * trialTimeoutMs); past any of them it is stopped and replaced,
 * and the page fails with a PdfRefusal its caller can remember. Requests wait in a FairQueue (render-queue.ts):
 * requesters take turns and no requester or document holds the whole pool.
 */
/** @deprecated kept for callers that name it: the limit is PDF_LIMITS.renderTimeoutMs (CPU time). */
export const RENDER_TIMEOUT_MS = PDF_LIMITS.renderTimeoutMs;

export type PageImageJob = Omit<RenderJob, 'id' | 'bytes'>;

export interface PageImage {
  /** PNG, or JPEG when the job asked for it. */
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
}

/** Who asks (a user id) and for which document: the units of fairness. */
export type RenderTicket = QueueTicket;

/** What the pool does, in order, for tests and logs: fairness is proven by the order of these events. */
export interface RenderEvent {
  type: 'queued' | 'started' | 'drawn' | 'failed';
  requester: string;
  document: string;
  page: number;
  reason?: PdfRefusalReason;
}

interface Pending extends QueueTicket {
  job: Omit<RenderJob, 'id'>;
  timeoutMs: number;
  resolve: (image: PageImage) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  watch: ThreadWatch;
  /** pdf.js loaded: the thread takes pages (its start-up is not counted against the first page). */
  ready: boolean;
  current?: { id: number; finish: (answer: RenderAnswer) => void };
}

@Injectable()
export class PageRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('pdf-render');
  private readonly limits: PdfLimits;
  private readonly workerData: RenderWorkerData;

  /** At most this many pages are drawn at once (one per thread); further requests wait their turn. */
  static readonly WORKERS = 2;
  /** Rendered pages are kept this long, per (document version, page, width, viewer): page turning back and forth. */
  static readonly CACHE_MS = 60_000;
  static readonly CACHE_ENTRIES = 120;

  private readonly queue = new FairQueue<Pending>(fairLimits(PageRenderer.WORKERS));
  private readonly slots: Slot[] = [];
  private readonly cache = new Map<string, { image: PageImage; expires: number }>();
  private readonly inflight = new Map<string, Promise<PageImage>>();
  private readonly listeners = new Set<(event: RenderEvent) => void>();
  private nextId = 1;
  private closed = false;

  constructor(@Optional() @Inject(PDF_LIMITS_TOKEN) limits?: PdfLimits) {
    this.limits = limits ?? PDF_LIMITS;
    this.workerData = {
      ...PDFJS_ASSETS,
      canvasPath: PDFJS_CANVAS_PATH,
      fontPath: notoSansJpPath('regular'),
      maxImagePixels: this.limits.maxImagePixels,
      maxPageSidePt: this.limits.maxPageSidePt,
    };
  }

  /** The page as an image; `key` names what the image depends on (the same key gets the cached image). */
  render(key: string, job: PageImageJob, ticket: RenderTicket): Promise<PageImage> {
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return Promise.resolve(hit.image);
    this.cache.delete(key);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.enqueue(job, ticket, this.limits.renderTimeoutMs).then((image) => {
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

  /**
   * Draws a page of a file not stored yet (an upload being checked), in the same pool, under the same limits and
   * the same turns as every other page; nothing is cached. Rejects with a PdfRefusal when it cannot be drawn.
   */
  async trial(bytes: Uint8Array, page: number, width: number, ticket: RenderTicket): Promise<void> {
    const job = { path: '', bytes: new Uint8Array(bytes), page, width, watermark: null, format: 'png' } as const;
    await this.enqueue(job, ticket, this.limits.trialTimeoutMs);
  }

  /** Listens to the pool's events; returns the function that stops listening. */
  observe(listener: (event: RenderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.cache.clear();
    for (let item = this.queue.take(); item; item = this.queue.take())
      item.reject(new DomainError('unprocessable', 'the server is stopping'));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        slot.watch.stop();
        return slot.worker.terminate();
      }),
    );
  }

  private emit(type: RenderEvent['type'], item: Pending, reason?: PdfRefusalReason): void {
    const event: RenderEvent = {
      type,
      requester: item.requester,
      document: item.document,
      page: item.job.page,
      ...(reason ? { reason } : {}),
    };
    for (const listener of this.listeners) listener(event);
  }

  private enqueue(job: Omit<RenderJob, 'id'>, ticket: RenderTicket, timeoutMs: number): Promise<PageImage> {
    if (this.closed) return Promise.reject(new DomainError('unprocessable', 'the server is stopping'));
    return new Promise<PageImage>((resolve, reject) => {
      const item: Pending = { requester: ticket.requester, document: ticket.document, job, timeoutMs, resolve, reject };
      if (!this.queue.push(item)) {
        reject(new DomainError('rate_limited', 'too many pages are being drawn for you at once: try again shortly'));
        return;
      }
      this.emit('queued', item);
      this.pump();
    });
  }

  /** Starts what may start: each ready, free thread takes the item the queue hands out; missing threads are started. */
  private pump(): void {
    for (;;) {
      const idle = this.slots.find((s) => s.ready && !s.current);
      if (!idle) break;
      const item = this.queue.take();
      if (!item) break;
      this.start(idle, item);
    }
    const starting = this.slots.filter((s) => !s.ready).length;
    const wanted = Math.min(PageRenderer.WORKERS - this.slots.length, this.queue.queued - starting);
    for (let i = 0; i < wanted; i++) this.spawn();
  }

  private start(slot: Slot, item: Pending): void {
    const id = this.nextId++;
    this.emit('started', item);
    slot.watch.startJob(item.timeoutMs);
    slot.current = {
      id,
      finish: (answer) => {
        slot.watch.endJob();
        slot.current = undefined;
        this.queue.done(item);
        if (answer.ok) {
          this.emit('drawn', item);
          item.resolve({
            bytes: Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength),
            format: item.job.format ?? 'png',
            width: answer.width,
            height: answer.height,
          });
        } else {
          this.emit('failed', item, answer.reason);
          this.logger.warn(`could not draw page ${item.job.page} of ${item.document}: ${answer.reason} ${answer.message}`);
          item.reject(new PdfRefusal(answer.reason, answer.message, true, `page ${item.job.page} cannot be drawn`));
        }
        if (!this.closed) this.pump();
      },
    };
    const transfer = item.job.bytes ? [item.job.bytes.buffer as ArrayBuffer] : [];
    slot.worker.postMessage({ id, ...item.job } satisfies RenderJob, transfer);
  }

  /** The thread's page failed from outside (time, memory, crash): the thread is stopped and dropped from the pool. */
  private fail(slot: Slot, reason: PdfRefusalReason, message: string): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    slot.watch.stop();
    void slot.worker.terminate();
    if (slot.current) slot.current.finish({ id: slot.current.id, ok: false, reason, message });
    else if (!slot.ready && !this.closed) {
      // A thread that cannot even start (its limits too small for pdf.js): the oldest waiting page fails with it,
      // so that a broken pool answers every page instead of starting threads for ever.
      const item = this.queue.take();
      if (item) {
        this.queue.done(item);
        this.emit('failed', item, reason);
        item.reject(new PdfRefusal(reason, message, false, `page ${item.job.page} cannot be drawn`));
      }
      this.pump();
    }
  }

  private spawn(): void {
    const worker = new Worker(pdfWorkerFile('page-render.worker'), {
      workerData: this.workerData,
      resourceLimits: threadLimits(this.limits.renderHeapMb),
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    const slot: Slot = { worker, watch: undefined as unknown as ThreadWatch, ready: false };
    slot.watch = new ThreadWatch(worker, this.limits.externalMemoryMb, (reason, message) =>
      this.fail(slot, reason, `drawing it: ${message}`),
    );
    worker.on('message', (answer: RenderAnswer | RenderThreadReady) => {
      if ('ready' in answer) {
        slot.ready = true;
        this.pump();
      } else if (slot.current && answer.id === slot.current.id) slot.current.finish(answer);
    });
    worker.once('error', (error) => {
      const reason = reasonOfThreadError(error);
      this.fail(
        slot,
        reason,
        reason === 'pdf_too_much_memory' ? `drawing it needs more than ${this.limits.renderHeapMb} MB of heap` : error.message,
      );
    });
    worker.once('exit', () => this.fail(slot, 'pdf_unrenderable', 'the page renderer stopped'));
    this.slots.push(slot);
  }
}
