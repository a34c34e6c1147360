import fc from 'fast-check';
import type { SurveyBreakdown } from '@yakuba/contracts';
import { storedGrouping, storedPairOf, type GroupPair } from './stored-grouping';

const people = (department: string | null, position: string | null, n: number): GroupPair[] =>
  Array.from({ length: n }, () => ({ department, position }));

/** How many invited people each stored pair stands for. */
function storedSizes(invited: GroupPair[], k: number, breakdowns: SurveyBreakdown[]): Map<string, number> {
  const grouping = storedGrouping(invited, k, breakdowns);
  const sizes = new Map<string, number>();
  for (const p of invited) {
    const s = storedPairOf(grouping, p, breakdowns);
    const key = JSON.stringify([s.department, s.position]);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

describe('storedGrouping: every stored (department, position) pair stands for at least k invited', () => {
  const both: SurveyBreakdown[] = ['department', 'position'];

  it('the one 課長 of a department of 8 is stored without a position, though 10 課長 are invited town-wide', () => {
    const invited = [
      ...people('somu', '課長', 1),
      ...people('somu', '主事', 7),
      ...['kikaku', 'zeimu', 'hoken', 'nosei', 'rinsei', 'kensetsu', 'kyoiku', 'chomin', 'kaikei'].flatMap((d) => [
        ...people(d, '課長', 1),
        ...people(d, '主事', 6),
      ]),
    ];
    const grouping = storedGrouping(invited, 5, both);
    expect(storedPairOf(grouping, { department: 'somu', position: '課長' }, both)).toEqual({ department: 'somu', position: null });
    // The department's "other positions" pool must hold k too: 1 課長 + the smallest position (主事, 7).
    expect(storedPairOf(grouping, { department: 'somu', position: '主事' }, both)).toEqual({ department: 'somu', position: null });
    expect([...storedSizes(invited, 5, both).values()].every((n) => n >= 5)).toBe(true);
  });

  it('keeps a pair held by k or more and pools the rest of its department when that pool reaches k', () => {
    const invited = [...people('somu', '主事', 6), ...people('somu', '課長', 1), ...people('somu', '係長', 4)];
    const grouping = storedGrouping(invited, 5, both);
    expect(storedPairOf(grouping, { department: 'somu', position: '主事' }, both)).toEqual({ department: 'somu', position: '主事' });
    expect(storedPairOf(grouping, { department: 'somu', position: '課長' }, both)).toEqual({ department: 'somu', position: null });
    expect(storedPairOf(grouping, { department: 'somu', position: '係長' }, both)).toEqual({ department: 'somu', position: null });
  });

  it('a department below k keeps its people’s positions only where they are k among everyone stored without one', () => {
    const invited = [
      ...people('a', '課長', 1),
      ...people('b', '課長', 2),
      ...people('c', '課長', 2),
      ...people('d', '主事', 2),
      ...people('e', '主事', 3),
    ];
    const grouping = storedGrouping(invited, 5, both);
    expect(storedPairOf(grouping, { department: 'a', position: '課長' }, both)).toEqual({ department: null, position: '課長' });
    expect(storedPairOf(grouping, { department: 'd', position: '主事' }, both)).toEqual({ department: null, position: '主事' });
  });

  it('only the survey’s breakdowns are stored; fewer than k invited stores nothing', () => {
    const invited = [...people('somu', '課長', 6), ...people('kikaku', '主事', 6)];
    expect(storedPairOf(storedGrouping(invited, 5, ['department']), invited[0], ['department'])).toEqual({
      department: 'somu',
      position: null,
    });
    expect(storedPairOf(storedGrouping(invited, 5, []), invited[0], [])).toEqual({ department: null, position: null });
    const few = people('somu', '課長', 4);
    expect(storedPairOf(storedGrouping(few, 5, both), few[0], both)).toEqual({ department: null, position: null });
  });

  it('property: every stored pair stands for ≥ k invited (or everything is one pool below k); values only coarsen', () => {
    const pair = fc.record({
      department: fc.constantFrom('a', 'b', 'c', 'd', 'e', null),
      position: fc.constantFrom('課長', '係長', '主任', '主事', null),
    });
    fc.assert(
      fc.property(
        fc.array(pair, { minLength: 0, maxLength: 80 }),
        fc.integer({ min: 3, max: 10 }),
        fc.subarray<SurveyBreakdown>(['department', 'position']),
        (invited, k, breakdowns) => {
          const grouping = storedGrouping(invited, k, breakdowns);
          for (const p of invited) {
            const s = storedPairOf(grouping, p, breakdowns);
            expect(s.department === null || s.department === p.department).toBe(true);
            expect(s.position === null || s.position === p.position).toBe(true);
            if (!breakdowns.includes('department')) expect(s.department).toBeNull();
            if (!breakdowns.includes('position')) expect(s.position).toBeNull();
          }
          const sizes = storedSizes(invited, k, breakdowns);
          if (invited.length >= k) for (const n of sizes.values()) expect(n).toBeGreaterThanOrEqual(k);
          else expect([...sizes.keys()].every((key) => key === JSON.stringify([null, null]))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
