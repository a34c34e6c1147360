import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority of V8's platform worker threads ("V8Worker" on Linux: concurrent marking, sweeping,
 * background compilation) to `nice`, leaving the main thread (the event loop) and libuv's pool as they are. On a
 * two-core machine a major GC's four helper threads otherwise take both cores for a few hundred milliseconds and the
 * event loop waits for a CPU meanwhile (measured with `perf sched`, docs/benchmarks.md); at a lower priority they
 * use what the event loop and PostgreSQL leave, and V8 finishes the marking on the main thread if they fall behind.
 * Answers how many threads it changed (0 off Linux, or with nice 0).
 */
export function lowerGcThreadPriority(nice: number): number {
  if (process.platform !== 'linux' || nice <= 0) return 0;
  let changed = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      if (readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() !== 'V8Worker') continue;
      setPriority(Number(tid), nice);
      changed++;
    } catch {
      // The thread ended meanwhile, or this system refuses a per-thread priority: nothing to lower.
    }
  }
  return changed;
}
