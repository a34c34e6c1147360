import fc from 'fast-check';
import { smallDerivable, suppressDimension, suppressTwoWay } from './suppression';

/** The published table after suppression: visible rows + one pool, visible columns + one pool. */
function published(cells: number[][], rows: (string | null)[], cols: (string | null)[]): number[][] {
  const vr = rows.map((h, i) => (h ? -1 : i)).filter((i) => i >= 0);
  const vc = cols.map((h, j) => (h ? -1 : j)).filter((j) => j >= 0);
  const t = [...vr, -1].map(() => new Array<number>(vc.length + 1).fill(0));
  cells.forEach((row, i) =>
    row.forEach((n, j) => {
      t[rows[i] ? vr.length : vr.indexOf(i)][cols[j] ? vc.length : vc.indexOf(j)] += n;
    }),
  );
  return t;
}

/** Brute force: every Σ r_i·row_i + Σ c_j·col_j with weights in −2..2 that is a set of 1..k−1 people. */
function bruteForceLeak(t: number[][], k: number): { r: number[]; c: number[]; size: number } | null {
  const R = t.length;
  const C = t[0].length;
  const values = [-2, -1, 0, 1, 2];
  const r = new Array<number>(R).fill(0);
  const c = new Array<number>(C).fill(0);
  const total = R + C;
  const idx = new Array<number>(total).fill(0);
  for (;;) {
    for (let n = 0; n < total; n++) (n < R ? r : c)[n < R ? n : n - R] = values[idx[n]];
    let ok = true;
    let size = 0;
    for (let i = 0; i < R && ok; i++)
      for (let j = 0; j < C && ok; j++) {
        if (t[i][j] === 0) continue;
        const v = r[i] + c[j];
        if (v !== 0 && v !== 1) ok = false;
        else size += v * t[i][j];
      }
    if (ok && size > 0 && size < k) return { r: [...r], c: [...c], size };
    let n = 0;
    while (n < total && ++idx[n] === values.length) idx[n++] = 0;
    if (n === total) return null;
  }
}

describe('suppression (k threshold, complementary)', () => {
  it('hides groups below k and enough others that the hidden pool holds at least k', () => {
    expect(suppressDimension([10, 8, 2, 6], 5)).toEqual([null, null, 'below_threshold', 'complementary']);
    expect(suppressDimension([10, 8, 2, 2, 6], 5)).toEqual([null, null, 'below_threshold', 'below_threshold', 'complementary']);
    expect(suppressDimension([10, 3, 3], 5)).toEqual([null, 'below_threshold', 'below_threshold']);
    expect(suppressDimension([10, 0, 7], 5)).toEqual([null, null, null]);
    expect(suppressDimension([6, 9], 5, [true, false])).toEqual(['complementary', null]);
    expect(suppressDimension([3, 9, 6], 5, [false, false, false])).toEqual(['below_threshold', null, 'complementary']);
  });

  it('finds a department minus the positions wholly inside it', () => {
    // Row 0 = 総務課 (5 主事 + 3 主査 + 1 課長), positions 主事 and 主査 only in 総務課.
    const leak = smallDerivable(
      {
        cells: [
          [5, 6, 1],
          [0, 0, 9],
        ],
      },
      5,
    );
    expect(leak?.size).toBe(1);
  });

  it('a worked case: the only 課長 outside a department does not come out of 課長 minus that department', () => {
    // rows: 総務課, 税務課; cols: 課長, 主事. 総務課 has all 6 課長 but one is in 税務課.
    const s = suppressTwoWay({
      cells: [
        [5, 6],
        [1, 7],
      ],
      k: 5,
    });
    expect(s.totalSuppressed).toBe(false);
    expect(
      bruteForceLeak(
        published(
          [
            [5, 6],
            [1, 7],
          ],
          s.rows,
          s.cols,
        ),
        5,
      ),
    ).toBeNull();
  });

  it('fewer than k in total: everything hidden', () => {
    expect(suppressTwoWay({ cells: [[2, 1]], k: 5 }).totalSuppressed).toBe(true);
  });

  it('no combination of what is shown yields a set of fewer than k people (exhaustive over small tables)', () => {
    const table = fc
      .integer({ min: 1, max: 3 })
      .chain((R) =>
        fc
          .integer({ min: 1, max: 3 })
          .chain((C) => fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: C, maxLength: C }), { minLength: R, maxLength: R })),
      );
    fc.assert(
      fc.property(table, fc.integer({ min: 3, max: 5 }), (cells, k) => {
        const s = suppressTwoWay({ cells, k });
        if (s.totalSuppressed) {
          expect(cells.flat().reduce((a, b) => a + b, 0)).toBeLessThan(k);
          return;
        }
        const rowCounts = cells.map((r) => r.reduce((a, b) => a + b, 0));
        const colCounts = cells[0].map((_, j) => cells.reduce((a, r) => a + r[j], 0));
        // Every shown group holds 0 or at least k; every hidden pool 0 or at least k.
        s.rows.forEach((h, i) => !h && expect(rowCounts[i] === 0 || rowCounts[i] >= k).toBe(true));
        s.cols.forEach((h, j) => !h && expect(colCounts[j] === 0 || colCounts[j] >= k).toBe(true));
        const pool = (counts: number[], hidden: (string | null)[]) => counts.reduce((a, n, i) => a + (hidden[i] ? n : 0), 0);
        expect([0].includes(pool(rowCounts, s.rows)) || pool(rowCounts, s.rows) >= k).toBe(true);
        expect([0].includes(pool(colCounts, s.cols)) || pool(colCounts, s.cols) >= k).toBe(true);
        expect(bruteForceLeak(published(cells, s.rows, s.cols), k)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});
