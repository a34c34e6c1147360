import { throttleVerdict } from './login-throttle';

const limits = { maxFailuresPerAccount: 5, maxFailuresPerAddress: 50, windowMinutes: 15 };

describe('throttleVerdict', () => {
  it('allows below both limits', () => {
    expect(throttleVerdict({ account: 4, address: 49 }, limits)).toEqual({ allowed: true });
  });
  it('refuses an account at its limit', () => {
    expect(throttleVerdict({ account: 5, address: 0 }, limits)).toEqual({ allowed: false, reason: 'account' });
  });
  it('refuses an address at its limit', () => {
    expect(throttleVerdict({ account: 0, address: 50 }, limits)).toEqual({ allowed: false, reason: 'address' });
  });
});
