import fc from 'fast-check';
import { kpiFigures, verdictOf, wilsonFpc } from './kpi-interval';

describe('KPI interval (Wilson score with finite population correction)', () => {
  it('matches the worked example: N = 200, n = 140, 105 agree → about 70.9%–78.7%', () => {
    const k = kpiFigures(105, 140, 200, 0.7);
    expect(k.share).toBe(0.75);
    expect(k.interval[0]).toBeCloseTo(0.7087, 3);
    expect(k.interval[1]).toBeCloseTo(0.7872, 3);
    expect(k.bounds).toEqual([105 / 200, 165 / 200]);
    expect(k.verdict).toBe('met');
  });

  it('without the correction (a huge population) it is the plain Wilson interval', () => {
    // Plain Wilson for 105/140: 0.6722–0.8144.
    const [lo, hi] = wilsonFpc(105, 140, 1e9);
    expect(lo).toBeCloseTo(0.6722, 3);
    expect(hi).toBeCloseTo(0.8144, 3);
  });

  it('everyone answered: no uncertainty left', () => {
    expect(kpiFigures(140, 200, 200, 0.7)).toMatchObject({ share: 0.7, interval: [0.7, 0.7], bounds: [0.7, 0.7], verdict: 'met' });
    expect(kpiFigures(139, 200, 200, 0.7).verdict).toBe('not_met');
  });

  it('gives the verdicts: met, not met, unclear', () => {
    expect(kpiFigures(60, 140, 200, 0.7).verdict).toBe('not_met');
    expect(kpiFigures(98, 140, 200, 0.7).verdict).toBe('unclear');
    expect(verdictOf([0.7, 0.8], 0.7)).toBe('met');
    expect(verdictOf([0.6, 0.69], 0.7)).toBe('not_met');
    expect(verdictOf([0.6, 0.7], 0.7)).toBe('unclear');
  });

  it('a small wave: N = 20, n = 12, 9 agree', () => {
    const k = kpiFigures(9, 12, 20, 0.7);
    expect(k.bounds).toEqual([0.45, 0.85]);
    expect(k.interval[0]).toBeGreaterThanOrEqual(0.45);
    expect(k.interval[1]).toBeLessThanOrEqual(0.85);
    expect(k.verdict).toBe('unclear');
  });

  it('nobody answered: unclear over [0, 1]', () => {
    expect(kpiFigures(0, 0, 50, 0.7)).toMatchObject({ share: null, interval: [0, 1], verdict: 'unclear' });
  });

  it('refuses impossible counts', () => {
    expect(() => kpiFigures(5, 4, 10, 0.7)).toThrow(RangeError);
    expect(() => kpiFigures(-1, 4, 10, 0.7)).toThrow(RangeError);
  });

  it('always: the interval holds the share, lies within the bounds, and narrows as more of N answer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (N, a, b) => {
          const n = Math.max(1, Math.round(a * N));
          const x = Math.round(b * n);
          const k = kpiFigures(x, n, N, 0.7);
          expect(k.interval[0]).toBeLessThanOrEqual(k.share! + 1e-12);
          expect(k.interval[1]).toBeGreaterThanOrEqual(k.share! - 1e-12);
          expect(k.interval[0]).toBeGreaterThanOrEqual(k.bounds[0] - 1e-12);
          expect(k.interval[1]).toBeLessThanOrEqual(k.bounds[1] + 1e-12);
          const wider = wilsonFpc(x, n, N * 10);
          expect(wider[1] - wider[0]).toBeGreaterThanOrEqual(k.interval[1] - k.interval[0] - 1e-12);
        },
      ),
    );
  });
});
