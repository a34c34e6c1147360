import { delayAfter, throttleVerdict, type RecentFailures, type ThrottlePolicy } from './login-throttle';

const policy: ThrottlePolicy = { freeFailuresPerSource: 5, freeFailuresPerAccount: 20, freeFailuresPerAddress: 50, baseDelaySeconds: 1, maxDelaySeconds: 900, windowMinutes: 15 };
const now = new Date('2026-12-01T00:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const none = { count: 0, last: null };
const failures = (f: Partial<RecentFailures>): RecentFailures => ({ source: none, account: none, address: none, ...f });

describe('delayAfter', () => {
  it('is free up to the limit, then doubles, capped', () => {
    expect([4, 5, 6, 7, 15, 40].map((n) => delayAfter(n, 5, policy))).toEqual([0, 1, 2, 4, 900, 900]);
  });
});

describe('throttleVerdict', () => {
  it('allows below every limit', () => {
    expect(throttleVerdict(failures({ source: { count: 4, last: ago(0) }, account: { count: 19, last: ago(0) }, address: { count: 49, last: ago(0) } }), false, policy, now)).toEqual({ allowed: true });
  });
  it('delays a source past its free failures, for a time that grows with each failure', () => {
    expect(throttleVerdict(failures({ source: { count: 5, last: ago(0) } }), false, policy, now)).toEqual({ allowed: false, reason: 'source', retryAfterSeconds: 1 });
    expect(throttleVerdict(failures({ source: { count: 9, last: ago(3) } }), false, policy, now)).toEqual({ allowed: false, reason: 'source', retryAfterSeconds: 13 });
    expect(throttleVerdict(failures({ source: { count: 9, last: ago(16) } }), false, policy, now)).toEqual({ allowed: true });
  });
  it('delays untrusted attempts on an account attacked from everywhere, and sprays from one address', () => {
    expect(throttleVerdict(failures({ account: { count: 20, last: ago(0) } }), false, policy, now)).toMatchObject({ allowed: false, reason: 'account' });
    expect(throttleVerdict(failures({ address: { count: 50, last: ago(0) } }), false, policy, now)).toMatchObject({ allowed: false, reason: 'address' });
  });
  it('never delays a trusted device for what others did to the account or from its address', () => {
    expect(throttleVerdict(failures({ account: { count: 500, last: ago(0) }, address: { count: 5000, last: ago(0) } }), true, policy, now)).toEqual({ allowed: true });
  });
  it('answers with the longest wait when several limits apply', () => {
    expect(throttleVerdict(failures({ source: { count: 6, last: ago(0) }, account: { count: 30, last: ago(0) } }), false, policy, now)).toEqual({ allowed: false, reason: 'account', retryAfterSeconds: 900 });
  });
});
