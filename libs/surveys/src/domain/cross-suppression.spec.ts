import fc from 'fast-check';
import { smallDisclosures } from './cross-disclosure';
import { suppressCrossTable, type CrossSuppression } from './cross-suppression';

const published = (cells: number[][], s: CrossSuppression) => ({
  cells: s.cells.map((row) => row.map((h) => !h)),
  rows: s.rows.map((h) => !h),
  cols: s.cols.map((h) => !h),
  total: !s.totalSuppressed,
});

const rowSums = (cells: number[][]) => cells.map((r) => r.reduce((a, b) => a + b, 0));
const colSums = (cells: number[][]) => cells[0].map((_, j) => cells.reduce((a, r) => a + r[j], 0));

describe('suppressCrossTable (department × position with totals)', () => {
  it('hides a small cell and enough others that neither its row, its column nor the totals give it away', () => {
    // Row 0 holds a lone 課長 (1): hiding it alone would leave it as row total − the shown cells.
    const cells = [
      [6, 7, 1],
      [5, 8, 6],
      [9, 5, 7],
    ];
    const s = suppressCrossTable({ cells, k: 5 });
    expect(s.cells[0][2]).toBe('below_threshold');
    expect(s.cells.flat().filter((h) => h === 'complementary').length).toBeGreaterThanOrEqual(3);
    expect(smallDisclosures(cells, published(cells, s), 5)).toEqual([]);
  });

  it('a department made of one small cell and one big one: the big one is hidden too (department − cell)', () => {
    const cells = [
      [2, 0, 8],
      [6, 7, 5],
      [5, 9, 6],
    ];
    const s = suppressCrossTable({ cells, k: 5 });
    expect(s.cells[0][0]).toBe('below_threshold');
    expect(s.cells[0][2]).not.toBeNull();
    expect(smallDisclosures(cells, published(cells, s), 5)).toEqual([]);
  });

  it('empty cells are shown as 0; nothing is hidden when every cell has k or more', () => {
    const cells = [
      [5, 0, 6],
      [7, 8, 0],
    ];
    const s = suppressCrossTable({ cells, k: 5 });
    expect(s.cells.flat().every((h) => h === null)).toBe(true);
    expect(s.rows.every((h) => h === null) && s.cols.every((h) => h === null)).toBe(true);
  });

  it('fewer than k in all: everything hidden', () => {
    const s = suppressCrossTable({
      cells: [
        [1, 2],
        [0, 1],
      ],
      k: 5,
    });
    expect(s.totalSuppressed).toBe(true);
    expect(s.cells.flat().every(Boolean)).toBe(true);
  });

  it('forced cells and margins stay hidden', () => {
    const cells = [
      [6, 7],
      [8, 9],
    ];
    const s = suppressCrossTable({
      cells,
      k: 5,
      forced: {
        cells: [
          [true, false],
          [false, false],
        ],
      },
    });
    expect(s.cells[0][0]).toBe('complementary');
    expect(smallDisclosures(cells, published(cells, s), 5)).toEqual([]);
  });

  it('property: shown figures are 0 or ≥ k and no set of 1..k−1 respondents can be computed (k = 3..6)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 12 })), {
          minLength: 20,
          maxLength: 20,
        }),
        (k, R, C, pool) => {
          const cells = Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => pool[(i * C + j) % pool.length]));
          const s = suppressCrossTable({ cells, k });
          const shown = published(cells, s);
          const rs = rowSums(cells);
          const cs = colSums(cells);
          cells.forEach((row, i) => row.forEach((n, j) => shown.cells[i][j] && expect(n === 0 || n >= k).toBe(true)));
          rs.forEach((n, i) => shown.rows[i] && expect(n === 0 || n >= k).toBe(true));
          cs.forEach((n, j) => shown.cols[j] && expect(n === 0 || n >= k).toBe(true));
          expect(smallDisclosures(cells, shown, k)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the check itself finds the classic leak: one hidden cell in a shown row', () => {
    const cells = [
      [6, 1],
      [7, 8],
    ];
    const leak = smallDisclosures(
      cells,
      {
        cells: [
          [true, false],
          [true, true],
        ],
        rows: [true, true],
        cols: [true, true],
        total: true,
      },
      5,
    );
    expect(leak).toContainEqual([[0, 1]]);
  });
});
