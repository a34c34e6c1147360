import { ClosedPeriodCache } from './closed-periods';

describe('ClosedPeriodCache', () => {
  it('computes a closed period once, shares one computation, and recomputes after the TTL', async () => {
    let now = 0;
    let calls = 0;
    const cache = new ClosedPeriodCache(1000, () => now);
    const compute = () => Promise.resolve(++calls);
    expect(await Promise.all([cache.get('w:1', compute), cache.get('w:1', compute)])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get('w:1', compute)).toBe(1);
    expect(await cache.get('w:2', compute)).toBe(2);
    now = 2000;
    expect(await cache.get('w:1', compute)).toBe(3);
  });

  it('does not keep a failure', async () => {
    const cache = new ClosedPeriodCache();
    await expect(cache.get('x', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('x', () => Promise.resolve(7))).toBe(7);
  });
});
