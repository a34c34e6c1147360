/**
 * Runs the major GC while the server is quiet, before V8 would start one in the middle of a burst.
 *
 * Under issue #15's chat load a major GC of the ~100 MB heap holds the event loop up for 110–170 ms on two cores
 * (marking steps and the final pause, while the helpers wait for a CPU), though V8's own pauses are 17–38 ms: one
 * run in ten had it, and that run's p99 was 150–270 ms against 20–40 ms for the others (docs/benchmarks.md). V8
 * starts it when the old generation reaches its limit, whatever the load; its memory reducer, which collected after
 * quiet spells, is off because its incremental compaction met the next burst (scripts/lib.mjs SERVER_V8_FLAGS).
 *
 * So after `quietMs` of an event loop busy less than `busyShare` of the time, if the old generation grew by at least
 * `growthShare` of what survived the last major GC (and `minGrowthBytes`), one full GC runs at once: a single pause
 * while nothing waits, and the next limit is far away again. A busy server is never interrupted by it; a quiet one
 * collects at most once per growth step.
 */
export interface IdleGcOptions {
  /** How often the event loop's load and the heap are looked at. */
  intervalMs: number;
  /** How long the event loop must have been quiet. */
  quietMs: number;
  /** Quiet: the event loop busy for less than this share of an interval. */
  busyShare: number;
  /** The old generation's growth since the last major GC that makes a collection worth a pause. */
  growthShare: number;
  minGrowthBytes: number;
}

export const IDLE_GC_DEFAULTS: IdleGcOptions = {
  intervalMs: 500,
  quietMs: 2000,
  busyShare: 0.05,
  growthShare: 0.1,
  minGrowthBytes: 8 * 1024 * 1024,
};

/** What the decision looks at, one interval at a time. */
export interface IdleGcState {
  /** How long the event loop has been quiet, in ms. */
  quietFor: number;
  /** The old generation's size after the last major GC (ours or V8's), in bytes. */
  baseline: number;
  /** The old generation's size at the last look. */
  last: number;
}

/** One look: the next state, and whether to collect now. Pure, so that the rules are specified (idle-gc-rules.spec.ts). */
export function idleGcStep(
  state: IdleGcState,
  sample: { busyShare: number; oldBytes: number },
  options: IdleGcOptions = IDLE_GC_DEFAULTS,
): { state: IdleGcState; collect: boolean } {
  const quietFor = sample.busyShare < options.busyShare ? state.quietFor + options.intervalMs : 0;
  // Only a major GC makes the old generation smaller (promotion only adds to it): what is left is the new baseline.
  const baseline = sample.oldBytes < state.last ? sample.oldBytes : state.baseline;
  const grown = sample.oldBytes - baseline >= Math.max(options.minGrowthBytes, options.growthShare * baseline);
  const collect = quietFor >= options.quietMs && grown;
  return { state: { quietFor: collect ? 0 : quietFor, baseline, last: sample.oldBytes }, collect };
}
