import fc from 'fast-check';
import { nextRefreshAt, pooledRates, snapshotDue } from './result-freeze';

describe('frozen figures of an open anonymous survey', () => {
  it('are refreshed only once at least k responses were added since the copy was taken', () => {
    expect(snapshotDue(null, 0, 5)).toBe(true);
    expect(snapshotDue(0, 4, 5)).toBe(false);
    expect(snapshotDue(0, 5, 5)).toBe(true);
    expect(snapshotDue(12, 16, 5)).toBe(false);
    expect(snapshotDue(12, 17, 5)).toBe(true);
    expect(nextRefreshAt(12, 5)).toBe(17);
  });
});

describe('pooledRates: response rates per department under the threshold', () => {
  const row = (departmentId: string | null, invited: number, responded: number) => ({
    departmentId,
    invited,
    responded,
    rate: invited ? responded / invited : 0,
  });

  it('pools departments with fewer than k invited into その他, topping the pool up to k', () => {
    const out = pooledRates([row('a', 10, 7), row('b', 6, 3), row('c', 2, 1), row('d', 1, 1)], 5);
    expect(out).toEqual([
      { departmentId: 'a', invited: 10, responded: 7, rate: 0.7, suppressed: false },
      { departmentId: null, invited: 9, responded: 5, rate: 5 / 9, suppressed: false },
    ]);
  });

  it('fewer than k invited in all: one hidden row', () => {
    expect(pooledRates([row('a', 2, 1), row(null, 1, 0)], 5)).toEqual([
      { departmentId: null, invited: 3, responded: null, rate: null, suppressed: true },
    ]);
  });

  it('property: every shown row holds ≥ k invited, and the rows add up to everyone invited', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 })), { maxLength: 12 }),
        fc.integer({ min: 3, max: 10 }),
        (sizes, k) => {
          const rows = sizes.map(([n, r], i) => row(i === 0 ? null : `d${i}`, n, Math.min(n, r)));
          const out = pooledRates(rows, k);
          const total = rows.reduce((n, r) => n + r.invited, 0);
          expect(out.reduce((n, r) => n + r.invited, 0)).toBe(total);
          for (const r of out) if (!r.suppressed) expect(r.invited).toBeGreaterThanOrEqual(k);
          if (total >= k) expect(out.every((r) => !r.suppressed)).toBe(true);
        },
      ),
    );
  });
});
