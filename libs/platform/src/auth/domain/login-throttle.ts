export interface ThrottleLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowMinutes: number;
}

export interface RecentFailures {
  account: number;
  address: number;
}

/**
 * Only failed attempts count: a whole town hall signing in from one proxy address at 8:30 never trips the
 * per-address limit while the passwords are right.
 */
export function throttleVerdict(failures: RecentFailures, limits: ThrottleLimits): { allowed: true } | { allowed: false; reason: 'account' | 'address' } {
  if (failures.account >= limits.maxFailuresPerAccount) return { allowed: false, reason: 'account' };
  if (failures.address >= limits.maxFailuresPerAddress) return { allowed: false, reason: 'address' };
  return { allowed: true };
}
