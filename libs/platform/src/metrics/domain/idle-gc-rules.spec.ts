import { IDLE_GC_DEFAULTS, idleGcStep, type IdleGcState } from './idle-gc-rules';

const MB = 1024 * 1024;

/**
 * Feeds the samples one interval at a time, as startIdleGc does (after a collection, what is left is the baseline:
 * here everything survives, the worst case); answers at which looks (0-based) a collection was decided.
 */
function run(samples: { busyShare: number; oldBytes: number }[], start: IdleGcState = { quietFor: 0, baseline: 100 * MB, last: 100 * MB }) {
  let state = start;
  const collected: number[] = [];
  samples.forEach((sample, i) => {
    const step = idleGcStep(state, sample);
    state = step.state;
    if (!step.collect) return;
    collected.push(i);
    state = { ...state, baseline: sample.oldBytes, last: sample.oldBytes };
  });
  return { collected, state };
}

const quiet = (oldBytes: number) => ({ busyShare: 0.01, oldBytes });
const busy = (oldBytes: number) => ({ busyShare: 0.6, oldBytes });

describe('idleGcStep', () => {
  const looksToQuiet = IDLE_GC_DEFAULTS.quietMs / IDLE_GC_DEFAULTS.intervalMs;

  it('collects once the event loop has been quiet long enough and the old generation has grown by 10%', () => {
    const { collected } = run([busy(130 * MB), ...Array.from({ length: looksToQuiet }, () => quiet(130 * MB))]);
    expect(collected).toEqual([looksToQuiet]);
  });

  it('never interrupts a busy event loop, however much the heap grew', () => {
    expect(run(Array.from({ length: 40 }, (_, i) => busy((100 + i * 10) * MB))).collected).toEqual([]);
  });

  it('starts counting the quiet again after any busy interval', () => {
    const samples = [quiet(130 * MB), quiet(130 * MB), quiet(130 * MB), busy(130 * MB), ...Array.from({ length: looksToQuiet }, () => quiet(130 * MB))];
    expect(run(samples).collected).toEqual([samples.length - 1]);
  });

  it('does not collect a heap that has not grown enough since the last major GC', () => {
    // 100 MB after the last GC: 8 MB (under 10%) is not enough, 10 MB is.
    expect(run(Array.from({ length: 10 }, () => quiet(108 * MB))).collected).toEqual([]);
    expect(run(Array.from({ length: 10 }, () => quiet(110 * MB))).collected).toEqual([looksToQuiet - 1]);
  });

  it('asks for at least minGrowthBytes on a small heap', () => {
    const small = { quietFor: 0, baseline: 20 * MB, last: 20 * MB };
    expect(run(Array.from({ length: 10 }, () => quiet(26 * MB)), small).collected).toEqual([]);
    expect(run(Array.from({ length: 10 }, () => quiet(28 * MB)), small).collected).toEqual([looksToQuiet - 1]);
  });

  it("takes V8's own major GC (the old generation shrank) as the new baseline", () => {
    // Grew to 180 MB under load, then V8 collected down to 120 MB: 125 MB is not 10% above that.
    const { collected, state } = run([busy(180 * MB), busy(120 * MB), ...Array.from({ length: 10 }, () => quiet(125 * MB))]);
    expect(collected).toEqual([]);
    expect(state.baseline).toBe(120 * MB);
  });

  it('collects at most once per growth step while the server stays quiet', () => {
    expect(run(Array.from({ length: 50 }, () => quiet(150 * MB))).collected).toEqual([looksToQuiet - 1]);
  });
});
