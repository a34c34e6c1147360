import { IDLE_GC_DEFAULTS } from './domain/idle-gc-rules';
import { idleGcReport, oldGenerationBytes, startIdleGc } from './idle-gc';

describe('startIdleGc', () => {
  it('does not start without gc exposed, or with IDLE_GC_QUIET_MS 0', () => {
    expect(startIdleGc(IDLE_GC_DEFAULTS, undefined)).toBeUndefined();
    expect(startIdleGc({ ...IDLE_GC_DEFAULTS, quietMs: 0 }, () => undefined)).toBeUndefined();
  });

  it('runs the collection on a quiet event loop and counts it', async () => {
    const before = idleGcReport.collections;
    let stop: (() => void) | undefined;
    // Any growth is enough here: the test's own event loop is quiet between the timer's looks.
    await new Promise<void>((resolve) => {
      stop = startIdleGc({ intervalMs: 10, quietMs: 30, busyShare: 0.5, growthShare: 0, minGrowthBytes: 0 }, resolve);
    });
    stop?.();
    expect(idleGcReport.collections).toBe(before + 1);
    expect(oldGenerationBytes()).toBeGreaterThan(0);
  });
});
