import { combinePresence } from './presence';

describe('combinePresence', () => {
  it('is offline with no socket, online if any socket is online, away only if all are away', () => {
    expect(combinePresence([])).toBe('offline');
    expect(combinePresence(['away'])).toBe('away');
    expect(combinePresence(['away', 'away'])).toBe('away');
    expect(combinePresence(['away', 'online', 'away'])).toBe('online');
    expect(combinePresence(new Set(['online'] as const))).toBe('online');
  });
});
