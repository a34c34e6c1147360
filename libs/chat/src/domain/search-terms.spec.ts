import { highlightRanges, indexTerms, parseSearchQuery } from './search-terms';

describe('search terms', () => {
  it('indexes Japanese unigrams and bigrams so one- and two-character words match', () => {
    const terms = indexTerms('災害対策本部を町役場に設置');
    expect(terms).toEqual(expect.arrayContaining(['災', '害', '災害', '町', '町役', '本部']));
    expect(parseSearchQuery('災害').terms).toEqual(['災害']);
    expect(parseSearchQuery('町').terms).toEqual(['町']);
    const q = parseSearchQuery('対策本部');
    expect(q.terms).toEqual(['対策', '策本', '本部']);
    expect(q.terms.every((t) => terms.includes(t))).toBe(true);
  });

  it('normalises width and case (ＡＢＣ, full-width digits, Latin capitals)', () => {
    const terms = indexTerms('Ｍeeting at １０時');
    expect(terms).toEqual(expect.arrayContaining(['me', 'ee', 'ng', 'at', '10', '時']));
    expect(parseSearchQuery('MEET').terms).toEqual(['me', 'ee', 'et']);
  });

  it('splits a query on ASCII and ideographic spaces; every word must match', () => {
    const q = parseSearchQuery('台風　準備 plan');
    expect(q.words).toEqual(['台風', '準備', 'plan']);
    expect(q.terms).toEqual(['台風', '準備', 'pl', 'la', 'an']);
  });

  it('does not mix Japanese and Latin runs into one bigram', () => {
    expect(indexTerms('PDF資料')).toEqual(expect.arrayContaining(['pd', 'df', '資', '料', '資料']));
    expect(indexTerms('PDF資料')).not.toContain('f資');
  });

  it('returns nothing indexable for punctuation only', () => {
    expect(parseSearchQuery('  !!  ').terms).toEqual([]);
  });

  it('highlights matches in the original text, across width differences', () => {
    const body = '明日はＭｅｅｔｉｎｇ、災害対策の会議です';
    const ranges = highlightRanges(body, ['meeting', '会議']);
    expect(ranges.map((r) => body.slice(r.start, r.end))).toEqual(['Ｍｅｅｔｉｎｇ', '会議']);
  });

  it('merges overlapping highlights', () => {
    expect(highlightRanges('災害対策', ['災害', '害対'])).toEqual([{ start: 0, end: 3 }]);
  });
});
