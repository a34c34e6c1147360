import { planAgenda } from './agenda';

describe('agenda plan', () => {
  it('reorders kept items, adds new ones and removes the rest', () => {
    const plan = planAgenda(
      ['a', 'b', 'c'],
      [{ id: 'c', title: ' 報告 ' }, { title: '新規' }, { id: 'a', title: '議題', durationMinutes: 15 }],
    );
    expect(plan.keep).toEqual([
      { id: 'c', position: 1, title: '報告', durationMinutes: null },
      { id: 'a', position: 3, title: '議題', durationMinutes: 15 },
    ]);
    expect(plan.create).toEqual([{ position: 2, title: '新規', durationMinutes: null }]);
    expect(plan.remove).toEqual(['b']);
  });

  it('refuses foreign, repeated and empty items', () => {
    expect(() => planAgenda(['a'], [{ id: 'z', title: 'x' }])).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() =>
      planAgenda(
        ['a'],
        [
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y' },
        ],
      ),
    ).toThrow(/twice/);
    expect(() => planAgenda([], [{ title: '  ' }])).toThrow(/title/);
  });
});
