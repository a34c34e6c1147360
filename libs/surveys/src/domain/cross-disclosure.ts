/**
 * An independent check of a published crossed table (what specs and end-to-end tests hold the suppression to; it
 * shares no code with cross-suppression.ts): every set of 1..k−1 respondents, made of whole hidden cells, that a
 * reader can compute exactly from the shown cells, the shown row and column totals and the grand total.
 *
 * Shown cells are known, so they drop out. A set S of hidden non-empty cells is computable exactly when its indicator
 * lies in the span of what is published, restricted to the hidden non-empty cells (Gaussian elimination). Every S of
 * fewer than k people is tried: exhaustive, for tables of the size a town hall has.
 */
export interface PublishedCross {
  cells: readonly (readonly boolean[])[];
  rows: readonly boolean[];
  cols: readonly boolean[];
  total: boolean;
}

export function smallDisclosures(counts: readonly (readonly number[])[], shown: PublishedCross, k: number): [number, number][][] {
  const hidden: [number, number][] = [];
  counts.forEach((row, i) => row.forEach((n, j) => n > 0 && !shown.cells[i][j] && hidden.push([i, j])));
  // Shown figures of fewer than k respondents are disclosures by themselves.
  const found: [number, number][][] = [];
  counts.forEach((row, i) => row.forEach((n, j) => shown.cells[i][j] && n > 0 && n < k && found.push([[i, j]])));
  const functionals: number[][] = [];
  shown.rows.forEach((s, i) => s && functionals.push(hidden.map(([a]) => (a === i ? 1 : 0))));
  shown.cols.forEach((s, j) => s && functionals.push(hidden.map(([, b]) => (b === j ? 1 : 0))));
  if (shown.total) functionals.push(hidden.map(() => 1));
  const basis = echelon(functionals);
  const inSpan = (v: number[]) => {
    const r = [...v];
    for (const { pivot, row } of basis) {
      const f = r[pivot];
      if (Math.abs(f) > 1e-9) for (let c = 0; c < r.length; c++) r[c] -= f * row[c];
    }
    return r.every((x) => Math.abs(x) < 1e-9);
  };
  const chosen: number[] = [];
  const visit = (from: number, size: number) => {
    if (size > 0 && inSpan(hidden.map((_, idx) => (chosen.includes(idx) ? 1 : 0)))) found.push(chosen.map((idx) => hidden[idx]));
    for (let idx = from; idx < hidden.length; idx++) {
      const [i, j] = hidden[idx];
      if (size + counts[i][j] >= k) continue;
      chosen.push(idx);
      visit(idx + 1, size + counts[i][j]);
      chosen.pop();
    }
  };
  visit(0, 0);
  return found;
}

/** Reduced row echelon form: each row normalised on its pivot, zero in every other row's pivot column. */
function echelon(vectors: number[][]): { pivot: number; row: number[] }[] {
  const rows = vectors.map((v) => [...v]);
  const out: { pivot: number; row: number[] }[] = [];
  const width = rows[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    const p = rows.findIndex((r) => Math.abs(r[c]) > 1e-9);
    if (p < 0) continue;
    const [row] = rows.splice(p, 1);
    const f = row[c];
    for (let x = 0; x < width; x++) row[x] /= f;
    for (const r of [...rows, ...out.map((o) => o.row)]) {
      const g = r[c];
      if (Math.abs(g) > 1e-9) for (let x = 0; x < width; x++) r[x] -= g * row[x];
    }
    out.push({ pivot: c, row });
  }
  return out;
}
