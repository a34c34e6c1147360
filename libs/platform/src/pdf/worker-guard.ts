import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { PdfRefusalReason } from './pdf-limits';

/**
 * The hard limits of a pdf.js thread, seen from the main thread. resourceLimits bounds the V8 heap (the thread is
 * stopped with ERR_WORKER_OUT_OF_MEMORY beyond it) and the stack; memory outside the heap (decoded images, stream
 * buffers, the canvas) is not covered by it, so a watchdog reads the thread's heap statistics while it works and
 * stops it past `externalMb`. Either way the main process keeps its own memory, and the pool replaces the thread.
 */
export function threadLimits(heapMb: number): ResourceLimits {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
}

export const WATCH_INTERVAL_MS = 200;

/** Calls `exceeded` once if the thread's memory outside its heap passes `externalMb`; returns the stop function. */
export function watchExternalMemory(worker: Worker, externalMb: number, exceeded: () => void): () => void {
  const limit = externalMb * 1024 * 1024;
  let stopped = false;
  const timer = setInterval(() => {
    worker.getHeapStatistics().then(
      (stats) => {
        if (!stopped && stats.external_memory > limit) {
          stop();
          exceeded();
        }
      },
      () => undefined,
    );
  }, WATCH_INTERVAL_MS);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}

/** What a thread's `error` event means for the file it was working on. */
export function reasonOfThreadError(error: Error & { code?: string }): PdfRefusalReason {
  return error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory|heap/i.test(error.message) ? 'pdf_too_much_memory' : 'pdf_unrenderable';
}
