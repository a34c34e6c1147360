/**
 * Sign-in throttling that an attacker cannot turn against the person with the right password (OWASP ASVS 6.3,
 * "slow brute-force protection with device cookies").
 *
 * - Failures are counted per **source**: the pair (account, address), or (account, device) when the browser shows a
 *   device cookie that a successful sign-in to this account gave it. After a few free failures a source waits a
 *   delay that doubles with each further failure (capped), so guessing slows to a crawl while nobody is locked out:
 *   an attacker elsewhere only slows their own source, and staff with a device cookie are never delayed by others.
 * - Attempts without such a device cookie are also counted per account (from anywhere) and per address (against any
 *   account, password spraying); past those limits they get the same growing delay. Successful sign-ins never
 *   count, so the whole staff signing in through the town hall's proxy at 8:30 is never delayed.
 * - Cleared failures (an administrator ended the delay) no longer count.
 */
export interface ThrottlePolicy {
  /** Free failures of one source (account × address or device) before delays start. */
  freeFailuresPerSource: number;
  /** Free failures of one account from untrusted sources, and of one address against any account. */
  freeFailuresPerAccount: number;
  freeFailuresPerAddress: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  windowMinutes: number;
}

export interface FailureCount {
  count: number;
  last: Date | null;
}

export interface RecentFailures {
  source: FailureCount;
  /** Counted only for an attempt without a trusted device cookie. */
  account: FailureCount;
  address: FailureCount;
}

export type ThrottleReason = 'source' | 'account' | 'address';
export type ThrottleVerdict = { allowed: true } | { allowed: false; reason: ThrottleReason; retryAfterSeconds: number };

export function delayAfter(failures: number, free: number, policy: Pick<ThrottlePolicy, 'baseDelaySeconds' | 'maxDelaySeconds'>): number {
  if (failures < free) return 0;
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.min(30, failures - free));
}

export function throttleVerdict(failures: RecentFailures, trustedDevice: boolean, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  const checks: [ThrottleReason, FailureCount, number][] = [['source', failures.source, policy.freeFailuresPerSource]];
  if (!trustedDevice) checks.push(['account', failures.account, policy.freeFailuresPerAccount], ['address', failures.address, policy.freeFailuresPerAddress]);
  let worst: ThrottleVerdict = { allowed: true };
  for (const [reason, { count, last }, free] of checks) {
    const delay = delayAfter(count, free, policy);
    if (delay === 0 || last === null) continue;
    const wait = Math.ceil(delay - (now.getTime() - last.getTime()) / 1000);
    if (wait > 0 && (worst.allowed || wait > worst.retryAfterSeconds)) worst = { allowed: false, reason, retryAfterSeconds: wait };
  }
  return worst;
}
