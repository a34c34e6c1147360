import { smallDerivable, suppressTwoWay, type CellReason } from './suppression';

/**
 * The crossed breakdown (department × position) with its margins and total, under the same promise as the two
 * breakdowns apart (suppression.ts): nothing shown describes fewer than k respondents, and no set of 1..k−1
 * respondents can be worked out from what is shown, whatever a reader adds and subtracts — cells, department totals,
 * position totals and the grand total together.
 *
 * 1. The margins: `suppressTwoWay` (primary, complementary, and no small set from rows and columns alone).
 * 2. The cells: a cell with 1..k−1 respondents is hidden (primary); every cell of a hidden row or column too (else
 *    the row's total would come back as the sum of its cells).
 * 3. Complementary cells. Shown cells are known, so what a reader can still work out is a combination of the shown
 *    margins over the hidden non-empty cells: Σ r_i·row_i + Σ c_j·col_j, where hidden rows (and hidden columns) act
 *    as one pooled row (column), since total − shown rows is known. That is `smallDerivable` on the table of hidden
 *    cells keyed by (shown row or pool, shown column or pool). While it finds a set of fewer than k people, the
 *    smallest shown cell on which that combination is not 0 is hidden too (the combination no longer isolates the
 *    set); if there is none, the smallest shown margin it uses is hidden and step 1 runs again.
 *
 * Empty cells are shown as 0 in shown rows and columns: a reader is assumed to know which cells are empty (the
 * directory says who holds which position where), so they are no protection and are not counted on.
 */
export interface CrossInput {
  /** cells[i][j]: respondents in row group i (department) and column group j (position). */
  cells: number[][];
  k: number;
  /** Hidden already, whatever the counts say (a question's table starts from the respondents' one). */
  forced?: { rows?: readonly boolean[]; cols?: readonly boolean[]; cells?: readonly (readonly boolean[])[] };
}

export interface CrossSuppression {
  totalSuppressed: boolean;
  rows: (CellReason | null)[];
  cols: (CellReason | null)[];
  cells: (CellReason | null)[][];
}

export function suppressCrossTable({ cells, k, forced = {} }: CrossInput): CrossSuppression {
  const R = cells.length;
  const C = R ? cells[0].length : 0;
  const forcedRows = Array.from({ length: R }, (_, i) => Boolean(forced.rows?.[i]));
  const forcedCols = Array.from({ length: C }, (_, j) => Boolean(forced.cols?.[j]));
  const forcedCells = cells.map((row, i) => row.map((_, j) => Boolean(forced.cells?.[i]?.[j])));
  for (;;) {
    const margins = suppressTwoWay({ cells, k, forcedRows, forcedCols });
    if (margins.totalSuppressed) return { ...margins, cells: cells.map((row) => row.map((): CellReason => 'below_threshold')) };
    const hidden: (CellReason | null)[][] = cells.map((row, i) =>
      row.map((n, j) => {
        if (n > 0 && n < k) return 'below_threshold';
        if (margins.rows[i] || margins.cols[j] || forcedCells[i][j]) return 'complementary';
        return null;
      }),
    );
    for (;;) {
      // The table a reader can still combine: shown rows + one pool, shown columns + one pool.
      const rowIndex = indexWithPool(margins.rows);
      const colIndex = indexWithPool(margins.cols);
      const table = Array.from({ length: rowIndex.size }, () => new Array<number>(colIndex.size).fill(0));
      cells.forEach((row, i) => row.forEach((n, j) => hidden[i][j] && n > 0 && (table[rowIndex.of[i]][colIndex.of[j]] += n)));
      const derived = smallDerivable({ cells: table }, k);
      if (!derived) return { totalSuppressed: false, rows: margins.rows, cols: margins.cols, cells: hidden };
      // A shown cell the combination does not cancel on: hiding it breaks this derivation.
      let pick: [number, number] | null = null;
      cells.forEach((row, i) =>
        row.forEach((n, j) => {
          if (hidden[i][j] || n === 0) return;
          if (derived.rows[rowIndex.of[i]] + derived.cols[colIndex.of[j]] === 0) return;
          if (!pick || n < cells[pick[0]][pick[1]]) pick = [i, j];
        }),
      );
      const chosen = pick as [number, number] | null;
      if (chosen) {
        const [i, j] = chosen;
        hidden[i][j] = 'complementary';
        forcedCells[i][j] = true;
        continue;
      }
      // Only margins take part: hide the smallest shown margin the combination uses, then redo the margins.
      let margin: { kind: 'row' | 'col'; index: number; count: number } | null = null;
      const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
      const colTotals = Array.from({ length: C }, (_, j) => cells.reduce((a, row) => a + row[j], 0));
      margins.rows.forEach((h, i) => {
        if (!h && derived.rows[rowIndex.of[i]] !== 0 && (!margin || rowTotals[i] < margin.count))
          margin = { kind: 'row', index: i, count: rowTotals[i] };
      });
      margins.cols.forEach((h, j) => {
        if (!h && derived.cols[colIndex.of[j]] !== 0 && (!margin || colTotals[j] < margin.count))
          margin = { kind: 'col', index: j, count: colTotals[j] };
      });
      if (!margin) {
        // Only the pools take part: the set is "everyone hidden"; hide every cell (the margins stay as step 1 made them).
        return {
          totalSuppressed: false,
          rows: margins.rows,
          cols: margins.cols,
          cells: cells.map((row) => row.map((): CellReason => 'complementary')),
        };
      }
      const m = margin as { kind: 'row' | 'col'; index: number };
      if (m.kind === 'row') forcedRows[m.index] = true;
      else forcedCols[m.index] = true;
      break;
    }
  }
}

/** Shown groups keep their own index; every hidden group maps to one pool, the last index. */
function indexWithPool(hidden: readonly (CellReason | null)[]): { of: number[]; size: number } {
  let next = 0;
  const of = hidden.map((h) => (h ? -1 : next++));
  return { of: of.map((x) => (x < 0 ? next : x)), size: next + 1 };
}
