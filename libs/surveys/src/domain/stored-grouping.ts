import type { SurveyBreakdown } from '@yakuba/contracts';

/** A department and position as stored beside an anonymous answer (null: その他 / not stored). */
export interface GroupPair {
  department: string | null;
  position: string | null;
}

/** One line of a survey's stored grouping: the invited people's own pair and what their answers store instead. */
export interface GroupingEntry extends GroupPair {
  storedDepartment: string | null;
  storedPosition: string | null;
}

const keyOf = (p: GroupPair) => JSON.stringify([p.department, p.position]);

/**
 * The groups stored beside anonymous answers, fixed when a survey opens (docs/architecture.md "Anonymity").
 *
 * Checking the department and the position one at a time is not enough: a department of 8 and a position held by 10
 * across the town still meet in one person (the 課長 of 総務課), and a stored (総務課, 課長) row beside the
 * participation table names them. So every distinct stored pair must stand for at least k invited people:
 *
 * 1. Within each department, a position held by fewer than k of its invited is stored as null; while the department's
 *    pooled "other positions" hold 1..k−1 people, its smallest remaining position joins the pool too.
 * 2. A department whose invited are fewer than k altogether is stored as null (its people keep their positions,
 *    which step 1 then checks again among everyone stored without a department).
 * 3. While the (null, null) pool holds 1..k−1 people, the smallest other stored group joins it.
 *
 * Only the survey's breakdowns are stored at all. With fewer than k invited altogether everything is (null, null).
 * Deterministic: ties are broken by the values, so the same invitations always give the same grouping.
 */
export function storedGrouping(invited: readonly GroupPair[], k: number, breakdowns: readonly SurveyBreakdown[]): GroupingEntry[] {
  const own = (p: GroupPair): GroupPair => ({
    department: breakdowns.includes('department') ? p.department : null,
    position: breakdowns.includes('position') ? p.position : null,
  });
  const counts = new Map<string, { pair: GroupPair; n: number }>();
  for (const p of invited.map(own)) {
    const entry = counts.get(keyOf(p)) ?? { pair: p, n: 0 };
    entry.n++;
    counts.set(keyOf(p), entry);
  }
  // stored[key of own pair] = the stored pair; starts as the own pair.
  const stored = new Map<string, GroupPair>([...counts].map(([key, { pair }]) => [key, { ...pair }]));
  const sizeOf = (target: GroupPair) => [...counts].reduce((n, [key, c]) => n + (keyOf(stored.get(key)!) === keyOf(target) ? c.n : 0), 0);
  const storedPairs = () => [...new Map([...stored.values()].map((p) => [keyOf(p), p])).values()];
  const order = (a: GroupPair, b: GroupPair) => keyOf(a).localeCompare(keyOf(b));

  const coarsenPositions = (department: string | null) => {
    const visible = () =>
      storedPairs()
        .filter((p) => p.department === department && p.position !== null)
        .map((p) => ({ p, n: sizeOf(p) }));
    const toPool = (pair: GroupPair) => {
      for (const s of stored.values()) if (keyOf(s) === keyOf(pair)) s.position = null;
    };
    for (const { p, n } of visible()) if (n < k) toPool(p);
    const pool = { department, position: null };
    for (;;) {
      const size = sizeOf(pool);
      if (size === 0 || size >= k) return;
      const rest = visible().sort((a, b) => a.n - b.n || order(a.p, b.p));
      if (!rest.length) return;
      toPool(rest[0].p);
    }
  };

  // Steps 1 and 2 for every department, then step 1 among those stored without one.
  const departments = [...new Set([...counts.values()].map((c) => c.pair.department))].filter((d): d is string => d !== null).sort();
  for (const d of departments) {
    const total = [...counts.values()].filter((c) => c.pair.department === d).reduce((n, c) => n + c.n, 0);
    if (total < k) {
      for (const s of stored.values()) if (s.department === d) s.department = null;
      continue;
    }
    coarsenPositions(d);
  }
  coarsenPositions(null);

  // Step 3: the catch-all pool itself.
  const none = { department: null, position: null };
  for (;;) {
    const size = sizeOf(none);
    if (size === 0 || size >= k) break;
    const others = storedPairs()
      .filter((p) => keyOf(p) !== keyOf(none))
      .map((p) => ({ p, n: sizeOf(p) }))
      .sort((a, b) => a.n - b.n || order(a.p, b.p));
    if (!others.length) break;
    const target = keyOf(others[0].p);
    for (const s of stored.values())
      if (keyOf(s) === target) {
        s.department = null;
        s.position = null;
      }
  }

  return [...counts].map(([key, { pair }]) => {
    const s = stored.get(key)!;
    return { ...pair, storedDepartment: s.department, storedPosition: s.position };
  });
}

/** The pair a respondent's answers store; a pair missing from the grouping (cannot happen once fixed) stores nothing. */
export function storedPairOf(grouping: readonly GroupingEntry[], me: GroupPair, breakdowns: readonly SurveyBreakdown[]): GroupPair {
  const own = {
    department: breakdowns.includes('department') ? me.department : null,
    position: breakdowns.includes('position') ? me.position : null,
  };
  const hit = grouping.find((g) => g.department === own.department && g.position === own.position);
  return hit ? { department: hit.storedDepartment, position: hit.storedPosition } : { department: null, position: null };
}
