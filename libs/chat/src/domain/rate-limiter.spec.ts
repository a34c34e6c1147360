import { TokenBucketLimiter } from './rate-limiter';

describe('TokenBucketLimiter', () => {
  let clock = 0;
  const limiter = () => new TokenBucketLimiter({ capacity: 30, refillPerSecond: 8 }, () => clock);
  beforeEach(() => (clock = 1_000_000));

  it('never refuses a burst of 20', () => {
    const l = limiter();
    for (let i = 0; i < 20; i++) expect(l.take('u')).toBe(true);
  });

  it('never refuses a sustained 5 per second, even right after a burst', () => {
    const l = limiter();
    for (let i = 0; i < 20; i++) l.take('u');
    for (let i = 0; i < 600; i++) {
      clock += 200;
      expect(l.take('u')).toBe(true);
    }
  });

  it('refuses a flood beyond the capacity, then recovers with time', () => {
    const l = limiter();
    const results = Array.from({ length: 100 }, () => l.take('u'));
    expect(results.filter(Boolean)).toHaveLength(30);
    expect(l.take('u')).toBe(false);
    clock += 1000;
    expect(Array.from({ length: 8 }, () => l.take('u')).every(Boolean)).toBe(true);
    expect(l.take('u')).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const l = limiter();
    for (let i = 0; i < 30; i++) l.take('a');
    expect(l.take('a')).toBe(false);
    expect(l.take('b')).toBe(true);
  });
});
