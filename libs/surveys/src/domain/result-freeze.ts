import type { DepartmentRate } from '@yakuba/contracts';

/**
 * While an anonymous survey is open, its figures come from a frozen copy of the answers (docs/architecture.md
 * "Results and suppression"). Were they live, an administrator reading the results just before and just after one
 * person answers would learn that person's answers from the difference. So the copy is refreshed only when at least
 * k responses have been added since it was taken: any difference covers at least k people. After close the results
 * are final and read directly.
 */
export function snapshotDue(covered: number | null, responded: number, k: number): boolean {
  return covered === null || responded - covered >= k;
}

/** When the frozen figures refresh next: once this many people have answered. */
export function nextRefreshAt(covered: number, k: number): number {
  return covered + k;
}

export type RateRow = Omit<DepartmentRate, 'label' | 'suppressed'> & { responded: number; rate: number };

/**
 * Response rates per department under the same threshold as the answers: departments with fewer than k invited are
 * pooled into one その他 row (as their answers store no department), and while that pool holds 1..k−1 invited the
 * smallest shown department joins it (complementary, as elsewhere). Fewer than k invited in all: one hidden row.
 */
export function pooledRates(rows: readonly RateRow[], k: number): Omit<DepartmentRate, 'label'>[] {
  const shown = rows.filter((r) => r.departmentId !== null && r.invited >= k);
  const pooled = rows.filter((r) => !shown.includes(r));
  const size = () => pooled.reduce((n, r) => n + r.invited, 0);
  while (size() > 0 && size() < k && shown.length) {
    const smallest = shown.reduce((a, b) => (b.invited < a.invited ? b : a));
    shown.splice(shown.indexOf(smallest), 1);
    pooled.push(smallest);
  }
  const out: Omit<DepartmentRate, 'label'>[] = shown.map((r) => ({ ...r, suppressed: false }));
  if (pooled.length) {
    const invited = size();
    const responded = pooled.reduce((n, r) => n + r.responded, 0);
    out.push(
      invited < k
        ? { departmentId: null, invited, responded: null, rate: null, suppressed: true }
        : { departmentId: null, invited, responded, rate: responded / invited, suppressed: false },
    );
  }
  return out;
}
