import fc from 'fast-check';
import { buildResults, type ResponseRow } from './survey-results';
import { normaliseDefinition } from './survey-definition';

const def = normaliseDefinition({
  questions: [
    { key: 'q1', type: 'likert5', text: 'Q1', required: true, kpi: { target: 0.7 } },
    { key: 'q2', type: 'single', text: 'Q2', options: ['a', 'b'] },
    { key: 'c', type: 'text', text: 'C' },
  ],
});
const input = (rows: ResponseRow[], filter = {}) => ({
  def,
  rows,
  k: 5,
  invited: 40,
  breakdowns: ['department', 'position'] as const,
  departmentLabel: (id: string | null) => id ?? 'その他',
  filter,
  shuffle: <T>(xs: T[]) => xs,
});
const row = (department: string | null, position: string | null, q1: number, q2?: string, c?: string): ResponseRow => ({
  department,
  position,
  answers: { q1, ...(q2 ? { q2 } : {}), ...(c ? { c } : {}) },
});

describe('survey results', () => {
  it('counts, KPI block and suppression of a small department with its complement', () => {
    const rows = [
      ...Array.from({ length: 8 }, (_, i) => row('soumu', '主事', i % 2 ? 5 : 4, 'a', `意見${i}`)),
      ...Array.from({ length: 6 }, () => row('zeimu', '主事', 2, 'b')),
      row('gikai', '主事', 1),
      row('gikai', '主事', 1),
    ];
    const r = buildResults(input(rows));
    expect(r.suppressed).toBe(false);
    expect(r.questions[0].counts).toEqual({ '5': 4, '4': 4, '3': 0, '2': 6, '1': 2 });
    expect(r.questions[0].kpi).toMatchObject({ agree: 8, n: 16, population: 40, share: 0.5, verdict: 'not_met' });
    const depts = r.groups.filter((g) => g.dimension === 'department');
    expect(depts.find((g) => g.value === 'gikai')).toMatchObject({ suppressed: true, reason: 'below_threshold' });
    // 2 hidden < k: the smallest other department is hidden too.
    expect(depts.find((g) => g.value === 'zeimu')).toMatchObject({ suppressed: true, reason: 'complementary' });
    expect(depts.find((g) => g.value === 'soumu')?.responded).toBe(8);
    // The filter on a hidden group shows nothing.
    expect(buildResults(input(rows, { department: 'zeimu' })).suppressed).toBe(true);
    expect(buildResults(input(rows, { department: 'soumu' })).questions[2].texts).toHaveLength(8);
  });

  it('free text is withheld below k answers', () => {
    const rows = [...Array.from({ length: 6 }, () => row('a', 'p', 3)), row('a', 'p', 3, undefined, '一人だけ')];
    expect(buildResults(input(rows)).questions[2]).toMatchObject({ suppressed: true });
  });

  it('under every filter: no group and no question shows figures of fewer than k', () => {
    const arb = fc.array(
      fc.record({
        department: fc.constantFrom('d1', 'd2', 'd3', null),
        position: fc.constantFrom('課長', '主事', null),
        q1: fc.integer({ min: 1, max: 5 }),
        q2: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (data) => {
        const rows = data.map((d) => row(d.department, d.position, d.q1, d.q2));
        const filters = [
          {},
          ...['d1', 'd2', 'd3', ''].map((department) => ({ department })),
          ...['課長', '主事', ''].map((position) => ({ position })),
        ];
        for (const filter of filters) {
          const r = buildResults(input(rows, filter));
          if (r.suppressed) {
            expect(r.questions.every((q) => q.suppressed && q.counts === undefined)).toBe(true);
            continue;
          }
          expect(r.responded).toBeGreaterThanOrEqual(5);
          for (const q of r.questions) if (!q.suppressed && q.answered > 0) expect(q.answered).toBeGreaterThanOrEqual(5);
          for (const g of r.groups) {
            if (g.suppressed) expect(g.responded).toBeUndefined();
            else expect(g.responded === 0 || g.responded! >= 5).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  describe('matrix questions in the group breakdowns', () => {
    const matrix = normaliseDefinition({
      questions: [
        {
          key: 'm',
          type: 'matrix',
          text: 'M',
          items: [
            { key: 'a', text: 'A' },
            { key: 'b', text: 'B' },
          ],
        },
      ],
    });
    const answer = (department: string, position: string, a: number, b?: number): ResponseRow => ({
      department,
      position,
      answers: { m: { a, ...(b !== undefined ? { b } : {}) } },
    });
    const build = (rows: ResponseRow[], breakdowns: readonly ('department' | 'position')[]) =>
      buildResults({ ...input(rows), def: matrix, breakdowns: breakdowns as never });
    type Item = { key: string; counts?: Record<string, number>; mean?: number | null };
    const itemsOf = (r: ReturnType<typeof build>, value: string) =>
      r.groups.find((g) => g.dimension === 'department' && g.value === value)!.questions!.find((q) => q.key === 'm')!.items as Item[];

    it('each item gets counts and a mean per group; an item answered by 1..k−1 of a group is hidden there, with a complement', () => {
      const rows = [
        ...Array.from({ length: 8 }, (_, i) => answer('soumu', '主事', i % 2 ? 5 : 4, 3)),
        ...Array.from({ length: 7 }, (_, i) => answer('kikaku', '主事', 2, i < 6 ? 1 : undefined)),
        ...Array.from({ length: 6 }, (_, i) => answer('zeimu', '主事', 3, i < 2 ? 5 : undefined)),
      ];
      const r = build(rows, ['department']);
      expect(itemsOf(r, 'soumu')).toEqual([
        { key: 'a', counts: { '5': 4, '4': 4, '3': 0, '2': 0, '1': 0 }, mean: 4.5 },
        { key: 'b', counts: { '5': 0, '4': 0, '3': 8, '2': 0, '1': 0 }, mean: 3 },
      ]);
      // zeimu: item b by 2 (< k) is hidden; the smallest other group's item b (kikaku, 6) is hidden too, so the
      // hidden pool of item b holds at least k answers. Item a shows everywhere.
      expect(itemsOf(r, 'zeimu')).toEqual([{ key: 'a', counts: { '5': 0, '4': 0, '3': 6, '2': 0, '1': 0 }, mean: 3 }, { key: 'b' }]);
      expect(itemsOf(r, 'kikaku')[1]).toEqual({ key: 'b' });
    });

    it('property: no shown item of a shown group counts 1..k−1 answers, and each item’s hidden answers are 0 or ≥ k', () => {
      const arb = fc.array(
        fc.record({
          department: fc.constantFrom('d1', 'd2', 'd3'),
          position: fc.constantFrom('課長', '主事'),
          a: fc.integer({ min: 1, max: 5 }),
          b: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        }),
        { maxLength: 40 },
      );
      fc.assert(
        fc.property(
          arb,
          fc.constantFrom<readonly ('department' | 'position')[]>(['department'], ['department', 'position']),
          (data, dims) => {
            const rows = data.map((d) => answer(d.department, d.position, d.a, d.b));
            const r = build(rows, dims);
            for (const item of ['a', 'b']) {
              const answeredIn = (value: string | null) =>
                rows.filter((x) => x.department === value && (x.answers.m as Record<string, number>)[item] !== undefined).length;
              let hidden = 0;
              for (const g of r.groups.filter((x) => x.dimension === 'department')) {
                const cell = g.suppressed
                  ? undefined
                  : (g.questions!.find((q) => q.key === 'm')!.items as Item[]).find((i) => i.key === item);
                if (cell?.counts) {
                  const n = Object.values(cell.counts).reduce((x, y) => x + y, 0);
                  expect(n).toBe(answeredIn(g.value));
                  expect(n === 0 || n >= 5).toBe(true);
                } else hidden += answeredIn(g.value);
              }
              // Total minus the shown groups gives the hidden pool only when the item's total is shown.
              const total = r.suppressed ? undefined : r.questions[0].items?.find((i) => i.key === item);
              if (total && total.answered > 0) expect(hidden === 0 || hidden >= 5).toBe(true);
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
