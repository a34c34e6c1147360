import { fiscalYear, fiscalYearRange, formatTokyo, formatWareki, formatWarekiFiscalYear, tokyoCalendarDate } from './tokyo-dates';

describe('Tokyo dates', () => {
  it('formats in Tokyo time whatever the server zone: 15:00 UTC is midnight the next day', () => {
    const d = new Date('2026-03-31T15:00:00Z');
    expect(formatTokyo(d)).toBe('2026/04/01');
    expect(formatTokyo(d, 'minute')).toBe('2026/04/01 00:00');
    expect(formatTokyo(d, 'date-time')).toBe('2026/04/01 00:00:00');
    expect(formatTokyo(d, 'time')).toBe('00:00');
    expect(formatTokyo(new Date('2026-03-31T14:59:59Z'), 'date-time')).toBe('2026/03/31 23:59:59');
    expect(tokyoCalendarDate(d)).toEqual({ year: 2026, month: 4, day: 1 });
  });

  it('writes 和暦 with the era of the day, 元年 for the first year of an era', () => {
    expect(formatWareki(new Date('2025-04-01T00:00:00+09:00'))).toBe('令和7年4月1日');
    expect(formatWareki(new Date('2019-04-30T23:59:59+09:00'))).toBe('平成31年4月30日');
    expect(formatWareki(new Date('2019-05-01T00:00:00+09:00'))).toBe('令和元年5月1日');
    expect(formatWareki(new Date('1989-01-07T12:00:00+09:00'))).toBe('昭和64年1月7日');
    expect(formatWareki(new Date('1989-01-08T00:00:00+09:00'))).toBe('平成元年1月8日');
    expect(formatWareki(new Date('2020-01-01T00:00:00+09:00'))).toBe('令和2年1月1日');
  });

  it('takes the era change at Tokyo midnight, not UTC midnight', () => {
    expect(formatWareki(new Date('2019-04-30T14:59:59Z'))).toBe('平成31年4月30日');
    expect(formatWareki(new Date('2019-04-30T15:00:00Z'))).toBe('令和元年5月1日');
  });

  it('adds the weekday and the time when asked', () => {
    expect(formatWareki(new Date('2026-04-01T01:00:00Z'), { weekday: true, time: true })).toBe('令和8年4月1日(水) 10:00');
    expect(formatWareki(new Date('2019-05-01T00:00:00+09:00'), { weekday: true })).toBe('令和元年5月1日(水)');
  });

  it('puts 31 March in the previous fiscal year and 1 April in the new one, in Tokyo time', () => {
    expect(fiscalYear(new Date('2026-03-31T23:59:59+09:00'))).toBe(2025);
    expect(fiscalYear(new Date('2026-04-01T00:00:00+09:00'))).toBe(2026);
    // 31 March 15:00 UTC is already 1 April in Tokyo; one millisecond earlier is still 31 March.
    expect(fiscalYear(new Date('2026-03-31T15:00:00Z'))).toBe(2026);
    expect(fiscalYear(new Date('2026-03-31T14:59:59.999Z'))).toBe(2025);
    expect(fiscalYear(new Date('2027-01-15T12:00:00+09:00'))).toBe(2026);
    expect(fiscalYear(new Date('2026-12-31T15:00:00Z'))).toBe(2026);
  });

  it('spans a fiscal year from 1 April 00:00 Tokyo to the next 1 April, exclusive', () => {
    const { start, end } = fiscalYearRange(2026);
    expect(start.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(end.toISOString()).toBe('2027-03-31T15:00:00.000Z');
    expect(fiscalYear(start)).toBe(2026);
    expect(fiscalYear(new Date(start.getTime() - 1))).toBe(2025);
    expect(fiscalYear(new Date(end.getTime() - 1))).toBe(2026);
    expect(fiscalYear(end)).toBe(2027);
    expect(formatWareki(start)).toBe('令和8年4月1日');
  });

  it('names a fiscal year in the Japanese calendar, after the era it mostly lies in', () => {
    expect(formatWarekiFiscalYear(2026)).toBe('令和8年度');
    expect(formatWarekiFiscalYear(fiscalYear(new Date('2026-12-01T10:00:00+09:00')))).toBe('令和8年度');
    expect(formatWarekiFiscalYear(2020)).toBe('令和2年度');
    expect(formatWarekiFiscalYear(2019)).toBe('令和元年度');
    expect(formatWarekiFiscalYear(2018)).toBe('平成30年度');
  });
});
