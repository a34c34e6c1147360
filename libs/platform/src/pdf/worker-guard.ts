import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { PdfRefusalReason } from './pdf-limits';

/**
 * The hard limits of a pdf.js thread, seen from the main thread. resourceLimits bounds the V8 heap (the thread is
 * stopped with ERR_WORKER_OUT_OF_MEMORY beyond it) and the stack. A watch polls the thread while it works: memory
 * outside the heap (decoded images, stream buffers, the canvas), which resourceLimits does not cover, and the CPU
 * time the thread spent on the current job. Time is counted in CPU time, not on the wall clock, so a busy machine
 * does not make an ordinary page "too slow"; a wall-clock stop (budget × WALL_FACTOR) still ends a thread that
 * never gets the CPU. Past any limit the owner stops the thread and the pool replaces it; the main process keeps
 * its memory.
 */
export function threadLimits(heapMb: number): ResourceLimits {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
}

export const WATCH_INTERVAL_MS = 200;
/** How much longer than its CPU budget a job may take on the wall clock (a machine shared with other work). */
export const WALL_FACTOR = 5;
export const WALL_SLACK_MS = 5_000;

export type Exceeded = (reason: Extract<PdfRefusalReason, 'pdf_too_slow' | 'pdf_too_much_memory'>, message: string) => void;

export class ThreadWatch {
  private readonly timer: NodeJS.Timeout;
  private job: { budgetMs: number; baseline?: number; wall: NodeJS.Timeout } | null = null;
  private stopped = false;

  constructor(
    private readonly worker: Worker,
    private readonly externalMb: number,
    private readonly exceeded: Exceeded,
  ) {
    this.timer = setInterval(() => this.poll(), WATCH_INTERVAL_MS);
    this.timer.unref();
  }

  /** A job starts: its CPU time is counted from now, within `budgetMs` (and budgetMs × WALL_FACTOR + WALL_SLACK_MS). */
  startJob(budgetMs: number): void {
    this.endJob();
    const wallMs = budgetMs * WALL_FACTOR + WALL_SLACK_MS;
    const wall = setTimeout(() => this.fire('pdf_too_slow', `it did not finish within ${wallMs / 1000} s`), wallMs);
    const job: { budgetMs: number; baseline?: number; wall: NodeJS.Timeout } = { budgetMs, wall };
    this.job = job;
    this.worker.cpuUsage().then(
      (usage) => (job.baseline = usage.user + usage.system),
      () => undefined,
    );
  }

  endJob(): void {
    if (this.job) clearTimeout(this.job.wall);
    this.job = null;
  }

  stop(): void {
    this.stopped = true;
    this.endJob();
    clearInterval(this.timer);
  }

  private fire(reason: Parameters<Exceeded>[0], message: string): void {
    if (this.stopped) return;
    this.stop();
    this.exceeded(reason, message);
  }

  private poll(): void {
    this.worker.getHeapStatistics().then(
      (stats) => {
        if (stats.external_memory > this.externalMb * 1048576)
          this.fire('pdf_too_much_memory', `it needs more than ${this.externalMb} MB outside the heap`);
      },
      () => undefined,
    );
    const job = this.job;
    if (!job || job.baseline === undefined) return;
    this.worker.cpuUsage().then(
      (usage) => {
        const spentMs = (usage.user + usage.system - job.baseline!) / 1000;
        if (this.job === job && spentMs > job.budgetMs)
          this.fire('pdf_too_slow', `it takes more than ${job.budgetMs / 1000} s of CPU time`);
      },
      () => undefined,
    );
  }
}

/** What a thread's `error` event means for the file it was working on. */
export function reasonOfThreadError(error: Error & { code?: string }): PdfRefusalReason {
  return error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory|heap/i.test(error.message) ? 'pdf_too_much_memory' : 'pdf_unrenderable';
}
