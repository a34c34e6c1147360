import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { IDLE_GC_DEFAULTS, idleGcStep, type IdleGcOptions, type IdleGcState } from './domain/idle-gc-rules';

export { IDLE_GC_DEFAULTS } from './domain/idle-gc-rules';

// The idle collector's clock and hands: every `intervalMs` it measures the event loop's utilisation and the old
// generation, asks the rules (domain/idle-gc-rules.ts, where the why is written) and runs `gc()` when they say so.

/** Bytes used by the old generation: every heap space but the young generation's. */
export function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((s) => s.space_name !== 'new_space' && s.space_name !== 'new_large_object_space')
    .reduce((sum, s) => sum + s.space_used_size, 0);
}

/** Who counts the idle collections (set by Metrics: GET /metrics, yakuba_nodejs_idle_gc_*). */
let recordCollection: (pauseSeconds: number, freedBytes: number) => void = () => undefined;
export function onIdleGc(recorder: typeof recordCollection): void {
  recordCollection = recorder;
}

/**
 * Starts the idle collector when V8 exposes `gc` (`--expose-gc`, in scripts/lib.mjs SERVER_V8_FLAGS) and `quietMs`
 * is above 0 (IDLE_GC_QUIET_MS); answers its stop function, or undefined when it did not start. The timer does not
 * keep the process alive.
 */
export function startIdleGc(
  options: IdleGcOptions = IDLE_GC_DEFAULTS,
  collect: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
): (() => void) | undefined {
  if (!collect || options.quietMs <= 0) return undefined;
  const first = oldGenerationBytes();
  let state: IdleGcState = { quietFor: 0, baseline: first, last: first };
  let previous: EventLoopUtilization = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busyShare = performance.eventLoopUtilization(now, previous).utilization;
    previous = now;
    const step = idleGcStep(state, { busyShare, oldBytes: oldGenerationBytes() }, options);
    state = step.state;
    if (!step.collect) return;
    const started = performance.now();
    collect();
    const after = oldGenerationBytes();
    recordCollection((performance.now() - started) / 1000, Math.max(0, state.last - after));
    state = { ...state, baseline: after, last: after };
    // The pause is not the event loop's own work: it must not count as load at the next look.
    previous = performance.eventLoopUtilization();
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
