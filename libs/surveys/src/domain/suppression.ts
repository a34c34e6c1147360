/**
 * Confidentiality threshold k with complementary suppression (pure; docs/architecture.md "Surveys").
 *
 * A survey's results show the total and two breakdowns of the same respondents (by department and by position).
 * A reader may add and subtract anything shown: a hidden group must not come out of "total minus the visible
 * groups", nor of "department minus the positions that lie wholly inside it". The rule here:
 *
 * 1. Per dimension, a group with 1..k−1 respondents is hidden (primary); while the hidden groups together hold
 *    fewer than k respondents, the smallest visible group is hidden too (complementary). So the pool that
 *    "total − visible" reveals holds at least k people.
 * 2. Across the two dimensions, every aggregate a reader can derive is a sum Σ r_i·row_i + Σ c_j·col_j over the
 *    visible groups and the two hidden pools (rows: departments, columns: positions; a cell is the respondents in
 *    both). A derived aggregate is a set of people only where every non-empty cell gets 0 or 1. `smallDerivable`
 *    searches all such sets with fewer than k people (exactly: on a spanning tree of the non-empty cells, any
 *    choice of 0/1 on its edges fixes r and c); while one exists, the smallest visible group in it is hidden too.
 *
 * With no respondents below k in total, everything is hidden except the total's count.
 */

export type CellReason = 'below_threshold' | 'complementary';

export interface DimensionSuppression {
  /** Per group: null when shown, else why it is hidden. */
  hidden: (CellReason | null)[];
}

/** Step 1 for one dimension. `forced` marks groups already hidden for another reason. */
export function suppressDimension(counts: readonly number[], k: number, forced: readonly boolean[] = []): (CellReason | null)[] {
  const hidden: (CellReason | null)[] = counts.map((c, i) => (c > 0 && c < k ? 'below_threshold' : forced[i] ? 'complementary' : null));
  const hiddenSum = () => counts.reduce((s, c, i) => s + (hidden[i] ? c : 0), 0);
  while (hidden.some((h, i) => h && counts[i] > 0) && hiddenSum() < k) {
    let pick = -1;
    counts.forEach((c, i) => {
      if (!hidden[i] && c > 0 && (pick < 0 || c < counts[pick])) pick = i;
    });
    if (pick < 0) break;
    hidden[pick] = 'complementary';
  }
  return hidden;
}

export interface CrossTable {
  /** cells[i][j]: respondents in row group i and column group j. */
  cells: number[][];
}

export interface DerivedSet {
  /** Row and column weights (r, c) whose combination gives a set of `size` people. */
  rows: number[];
  cols: number[];
  size: number;
}

/**
 * Step 2's search: a set of 1..k−1 people that Σ r_i·row_i + Σ c_j·col_j describes exactly, over a table whose
 * rows and columns are each published (visible groups and pools). Returns the first found, or null.
 */
export function smallDerivable(table: CrossTable, k: number): DerivedSet | null {
  const R = table.cells.length;
  const C = R ? table.cells[0].length : 0;
  // Nodes 0..R-1 rows, R..R+C-1 columns; edges: non-empty cells.
  const edges: { i: number; j: number; w: number }[] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) if (table.cells[i][j] > 0) edges.push({ i, j, w: table.cells[i][j] });
  const parent = Array.from({ length: R + C }, (_, n) => n);
  const find = (n: number): number => (parent[n] === n ? n : (parent[n] = find(parent[n])));
  const tree: typeof edges = [];
  const rest: typeof edges = [];
  for (const e of edges) {
    const a = find(e.i);
    const b = find(R + e.j);
    if (a === b) rest.push(e);
    else {
      parent[a] = b;
      tree.push(e);
    }
  }
  const adjacency = new Map<number, { to: number; edge: number }[]>();
  tree.forEach((e, idx) => {
    for (const [from, to] of [
      [e.i, R + e.j],
      [R + e.j, e.i],
    ]) {
      if (!adjacency.has(from)) adjacency.set(from, []);
      adjacency.get(from)!.push({ to, edge: idx });
    }
  });
  const labels = new Array<number>(tree.length).fill(0);
  const evaluate = (): DerivedSet | null => {
    const value = new Array<number | undefined>(R + C).fill(undefined);
    for (let start = 0; start < R + C; start++) {
      if (value[start] !== undefined || !adjacency.has(start)) continue;
      value[start] = 0;
      const stack = [start];
      while (stack.length) {
        const n = stack.pop()!;
        for (const { to, edge } of adjacency.get(n)!) {
          if (value[to] !== undefined) continue;
          value[to] = labels[edge] - value[n]!; // r_i + c_j = label
          stack.push(to);
        }
      }
    }
    let size = 0;
    tree.forEach((e, idx) => (size += labels[idx] * e.w));
    for (const e of rest) {
      const v = (value[e.i] ?? 0) + (value[R + e.j] ?? 0);
      if (v !== 0 && v !== 1) return null;
      size += v * e.w;
    }
    if (size <= 0 || size >= k) return null;
    return { rows: value.slice(0, R).map((v) => v ?? 0), cols: value.slice(R).map((v) => v ?? 0), size };
  };
  // Depth-first over subsets of tree edges labelled 1 whose weight stays below k.
  let found: DerivedSet | null = null;
  const visit = (from: number, weight: number): void => {
    if (found) return;
    if (weight > 0) {
      found = evaluate();
      if (found) return;
    }
    for (let idx = from; idx < tree.length && !found; idx++) {
      if (weight + tree[idx].w >= k) continue;
      labels[idx] = 1;
      visit(idx + 1, weight + tree[idx].w);
      labels[idx] = 0;
    }
  };
  visit(0, 0);
  return found;
}

export interface TwoWayInput {
  /** Row groups (departments) and column groups (positions); cells[i][j] = respondents in both. */
  cells: number[][];
  k: number;
  /** Groups hidden already (e.g. by the crossed table, or by the respondent-level result for one question). */
  forcedRows?: readonly boolean[];
  forcedCols?: readonly boolean[];
}

export interface TwoWaySuppression {
  totalSuppressed: boolean;
  rows: (CellReason | null)[];
  cols: (CellReason | null)[];
}

/** Steps 1 and 2 together for the two breakdowns of one set of respondents. */
export function suppressTwoWay({ cells, k, forcedRows: initialRows = [], forcedCols: initialCols = [] }: TwoWayInput): TwoWaySuppression {
  const R = cells.length;
  const C = R ? cells[0].length : 0;
  const rowCounts = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colCounts = Array.from({ length: C }, (_, j) => cells.reduce((s, row) => s + row[j], 0));
  const total = rowCounts.reduce((a, b) => a + b, 0);
  if (total < k)
    return { totalSuppressed: true, rows: rowCounts.map(() => 'below_threshold'), cols: colCounts.map(() => 'below_threshold') };
  const forcedRows = Array.from({ length: R }, (_, i) => Boolean(initialRows[i]));
  const forcedCols = Array.from({ length: C }, (_, j) => Boolean(initialCols[j]));
  for (;;) {
    const rows = suppressDimension(rowCounts, k, forcedRows);
    const cols = suppressDimension(colCounts, k, forcedCols);
    // The published table: visible rows, one pool of hidden rows; the same for columns.
    const rowMap = rows.map((h, i) => (h ? -1 : i));
    const colMap = cols.map((h, j) => (h ? -1 : j));
    const visibleRows = rowMap.filter((i) => i >= 0);
    const visibleCols = colMap.filter((j) => j >= 0);
    const table: number[][] = [...visibleRows, -1].map(() => new Array<number>(visibleCols.length + 1).fill(0));
    for (let i = 0; i < R; i++)
      for (let j = 0; j < C; j++) {
        const ri = rows[i] ? visibleRows.length : visibleRows.indexOf(i);
        const cj = cols[j] ? visibleCols.length : visibleCols.indexOf(j);
        table[ri][cj] += cells[i][j];
      }
    const derived = smallDerivable({ cells: table }, k);
    if (!derived) return { totalSuppressed: false, rows, cols };
    // Hide the smallest visible group that takes part in the derivation.
    let best: { kind: 'row' | 'col'; index: number; count: number } | null = null;
    derived.rows.forEach((r, ri) => {
      if (r !== 0 && ri < visibleRows.length) {
        const i = visibleRows[ri];
        if (!best || rowCounts[i] < best.count) best = { kind: 'row', index: i, count: rowCounts[i] };
      }
    });
    derived.cols.forEach((c, cj) => {
      if (c !== 0 && cj < visibleCols.length) {
        const j = visibleCols[cj];
        if (!best || colCounts[j] < best.count) best = { kind: 'col', index: j, count: colCounts[j] };
      }
    });
    if (!best) {
      // Only pools take part: the derivation is total-level; hide everything (cannot happen with total ≥ k).
      return { totalSuppressed: false, rows: rowCounts.map(() => 'complementary'), cols: colCounts.map(() => 'complementary') };
    }
    const b = best as { kind: 'row' | 'col'; index: number };
    if (b.kind === 'row') forcedRows[b.index] = true;
    else forcedCols[b.index] = true;
  }
}
