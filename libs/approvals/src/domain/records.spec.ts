import {
  documentNumber,
  assertPrefix,
  percentile,
  retentionEndFiscalYear,
  retentionEndsOn,
  retentionFromDb,
  retentionToDb,
  statedDate,
} from './records';
import { queryOf, snippetOf, termsOf } from './search-terms';

describe('records', () => {
  it('numbers documents with the department prefix', () => {
    expect(documentNumber('住総', 123)).toBe('住総第123号');
    expect(() => documentNumber('住総', 0)).toThrow();
    expect(assertPrefix(' 住総 ')).toBe('住総');
    expect(() => assertPrefix('住総 第')).toThrow(/prefix/);
  });

  it('retention counts from the next 1 April; 永年 never ends', () => {
    expect(retentionEndsOn(2026, 5)).toBe('2032-03-31');
    expect(retentionEndsOn(2026, 1)).toBe('2028-03-31');
    expect(retentionEndsOn(2026, 'permanent')).toBeNull();
    expect(retentionEndFiscalYear(2026, 1)).toBe(2027);
    for (const y of [1, 3, 5, 10, 30, 'permanent'] as const) expect(retentionFromDb(retentionToDb(y))).toBe(y);
  });

  it('a stated (遡及) date needs a reason and cannot lie after the real date', () => {
    expect(statedDate(null, null, '2026-11-30')).toBeNull();
    expect(statedDate('2026-11-30', null, '2026-11-30')).toBeNull();
    expect(statedDate('2026-11-27', ' 災害対応のため ', '2026-11-30')).toEqual({ date: '2026-11-27', reason: '災害対応のため' });
    expect(() => statedDate('2026-11-27', '', '2026-11-30')).toThrow(/statedReason/);
    expect(() => statedDate('2026-12-01', 'x', '2026-11-30')).toThrow(/after/);
    expect(() => statedDate('2026-02-30', 'x', '2026-11-30')).toThrow(/YYYY-MM-DD/);
    expect(() => statedDate(null, 'x', '2026-11-30')).toThrow(/only with/);
  });

  it('percentiles interpolate as percentile_cont does', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([3, 1, 2], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });
});

describe('archive search terms', () => {
  it('finds one- and two-character Japanese words and Latin words', () => {
    const terms = termsOf('道路補修工事の契約（ABC建設）');
    for (const q of ['道', '補修', '工事の契約', 'abc', 'ＡＢＣ']) expect(queryOf(q).terms.every((t) => terms.includes(t))).toBe(true);
    expect(queryOf('橋梁').terms.every((t) => terms.includes(t))).toBe(false);
    expect(queryOf('  ').terms).toEqual([]);
  });

  it('cuts a snippet around the hit', () => {
    const text = 'あ'.repeat(100) + '補修' + 'い'.repeat(100);
    const snippet = snippetOf(text, ['補修']);
    expect(snippet).toContain('補修');
    expect(snippet.startsWith('…')).toBe(true);
  });
});
