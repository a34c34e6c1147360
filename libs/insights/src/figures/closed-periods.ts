/**
 * Figures of closed periods (weeks and months before the current one) do not change once the period is over, so
 * they are computed once and kept; the current period is counted on every request. Keys carry the period boundary,
 * so a new week or month is a new key. Entries also expire after `ttlMs` so that a late correction to an old row
 * (a message deleted weeks later, an approval re-dated) shows within that time. Per process: each server node
 * computes its own, and they agree because the rows they read are the same.
 */
export class ClosedPeriodCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value for `key`, computing it once (concurrent callers share one computation; a failure is not kept). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = compute();
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => this.entries.delete(key));
    // Keys of past boundaries are never asked again: drop the expired ones as we go.
    for (const [k, e] of this.entries) if (this.now() - e.at >= this.ttlMs) this.entries.delete(k);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
