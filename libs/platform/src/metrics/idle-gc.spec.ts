import { IDLE_GC_DEFAULTS } from './domain/idle-gc-rules';
import { oldGenerationBytes, onIdleGc, startIdleGc } from './idle-gc';

describe('startIdleGc', () => {
  it('does not start without gc exposed, or with IDLE_GC_QUIET_MS 0', () => {
    expect(startIdleGc(IDLE_GC_DEFAULTS, undefined)).toBeUndefined();
    expect(startIdleGc({ ...IDLE_GC_DEFAULTS, quietMs: 0 }, () => undefined)).toBeUndefined();
  });

  it('runs the collection on a quiet event loop and reports its pause', async () => {
    const recorded: { seconds: number; bytes: number }[] = [];
    onIdleGc((seconds, bytes) => recorded.push({ seconds, bytes }));
    let stop: (() => void) | undefined;
    let collections = 0;
    // Any growth is enough here: the test's own event loop is quiet between the timer's looks.
    await new Promise<void>((resolve) => {
      stop = startIdleGc({ intervalMs: 10, quietMs: 30, busyShare: 0.5, growthShare: 0, minGrowthBytes: 0 }, () => {
        collections++;
        resolve();
      });
    });
    stop?.();
    onIdleGc(() => undefined);
    expect(collections).toBe(1);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].seconds).toBeGreaterThanOrEqual(0);
    expect(recorded[0].bytes).toBeGreaterThanOrEqual(0);
    expect(oldGenerationBytes()).toBeGreaterThan(0);
  });
});
