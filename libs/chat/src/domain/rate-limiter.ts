/**
 * A token bucket per key: `capacity` tokens, refilled continuously at `refillPerSecond`.
 * With capacity 50 and 10/s a burst of 20 (even 50, e.g. a client flushing its outbox) and a sustained 5 messages
 * per second always pass; a flood does not.
 * In memory, per server node: with several nodes a user's allowance is per node on purpose (docs/architecture.md
 * "Several nodes: where in-memory state lives").
 */
export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export const CHAT_RATE_LIMIT: RateLimitOptions = { capacity: 50, refillPerSecond: 10 };

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions = CHAT_RATE_LIMIT,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token for `key`; false when the bucket is empty (the caller answers rate_limited). */
  take(key: string, cost = 1): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.capacity, at: now };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + elapsed * this.options.refillPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    this.forgetFullBuckets(now);
    if (bucket.tokens < cost) return false;
    bucket.tokens -= cost;
    return true;
  }

  /** Full buckets carry no information: drop them now and then so the map stays small. */
  private forgetFullBuckets(now: number): void {
    if (this.buckets.size < 10_000) return;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.options.refillPerSecond >= this.options.capacity) this.buckets.delete(key);
    }
  }
}
