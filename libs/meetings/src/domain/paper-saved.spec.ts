import { distributedPages, paperKpi, sheetsSaved } from './paper-saved';

describe('paper saved', () => {
  it('counts pages × participants, nothing when paper was also handed out', () => {
    expect(sheetsSaved({ pages: 12, participants: 8, paperDistributed: false })).toBe(96);
    expect(sheetsSaved({ pages: 12, participants: 8, paperDistributed: true })).toBe(0);
    expect(sheetsSaved({ pages: 0, participants: 8, paperDistributed: false })).toBe(0);
  });

  it('gives the share of paperless meetings', () => {
    const kpi = paperKpi([
      { pages: 10, participants: 5, paperDistributed: false },
      { pages: 4, participants: 3, paperDistributed: true },
      { pages: 2, participants: 10, paperDistributed: false },
      { pages: 0, participants: 6, paperDistributed: false },
    ]);
    expect(kpi).toEqual({ meetingsHeld: 4, paperlessMeetings: 2, paperlessShare: 0.5, sheetsSaved: 70 });
    expect(paperKpi([])).toEqual({ meetingsHeld: 0, paperlessMeetings: 0, paperlessShare: 0, sheetsSaved: 0 });
  });

  it('counts the pages of current, published documents only', () => {
    const at = new Date('2026-04-01T00:00:00Z');
    expect(
      distributedPages([
        { pageCount: 5, publishedAt: at, supersededAt: null },
        { pageCount: 7, publishedAt: at, supersededAt: at },
        { pageCount: 11, publishedAt: null, supersededAt: null },
        { pageCount: 2, publishedAt: at, supersededAt: null },
      ]),
    ).toBe(7);
  });
});
