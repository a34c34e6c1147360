/**
 * Dates as the town hall writes them: always in Asia/Tokyo (the server runs in UTC), 和暦 through Intl's Japanese
 * calendar (the eras come from ICU, so a new era needs no code change), and the fiscal year (年度) that starts on
 * 1 April. The one implementation of each; the web client formats its own dates in apps/web/src/i18n.
 */
export const TOKYO = 'Asia/Tokyo';

export type TokyoStyle = 'date' | 'date-time' | 'minute' | 'time';

const STYLES: Record<TokyoStyle, Intl.DateTimeFormatOptions> = {
  /** 2026/04/01 */
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  /** 2026/04/01 09:05:07 */
  'date-time': { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  /** 2026/04/01 09:05 */
  minute: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  /** 09:05 */
  time: { hour: '2-digit', minute: '2-digit' },
};

// Intl.DateTimeFormat is costly to build and immutable: one per style, made on first use.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone: TOKYO });
    formats.set(key, found);
  }
  return found;
}

/** A moment in Tokyo time, Gregorian, 24-hour: `2026/04/01 09:05` for 'minute'. */
export function formatTokyo(date: Date, style: TokyoStyle = 'date'): string {
  return format('ja-JP', style, { ...STYLES[style], hourCycle: 'h23' }).format(date);
}

export interface WarekiOptions {
  /** Adds the weekday: 令和8年4月1日(水). */
  weekday?: boolean;
  /** Adds the time of day: 令和8年4月1日 10:00. */
  time?: boolean;
}

/**
 * 和暦 in Tokyo time: 令和7年4月1日. The first year of an era is written 元年 (令和元年5月1日), as official
 * documents do: current ICU data does so itself, older data writes 1年, which we turn into 元年 likewise.
 */
export function formatWareki(date: Date, options: WarekiOptions = {}): string {
  const key = `wareki:${options.weekday ? 'w' : ''}${options.time ? 't' : ''}`;
  const parts = format('ja-JP-u-ca-japanese', key, {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(options.weekday ? { weekday: 'short' } : {}),
    ...(options.time ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).formatToParts(date);
  return parts.map((p) => (p.type === 'year' && Number(p.value) === 1 ? '元' : p.value)).join('');
}

/** The Tokyo calendar date of a moment (year, month 1–12, day). */
export function tokyoCalendarDate(date: Date): { year: number; month: number; day: number } {
  const parts = format('en-US', 'ymd', { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The fiscal year (年度) a moment falls in, in Tokyo time: 1 April 2026 to 31 March 2027 is fiscal 2026. */
export function fiscalYear(date: Date): number {
  const { year, month } = tokyoCalendarDate(date);
  return month >= 4 ? year : year - 1;
}

/**
 * A fiscal year as Japanese documents name it: 令和8年度 for fiscal 2026. A fiscal year named after the era it
 * mostly lies in: fiscal 2019 began on 1 April 2019, still 平成31年, and is 令和元年度 (the year before 令和2年 of its
 * last day). Demo data labels its meetings and surveys with this, from their dates.
 */
export function formatWarekiFiscalYear(year: number): string {
  const eraYear = (date: Date) => {
    const parts = format('ja-JP-u-ca-japanese', 'era-year', { era: 'long', year: 'numeric' }).formatToParts(date);
    return { era: parts.find((p) => p.type === 'era')!.value, year: Number(parts.find((p) => p.type === 'year')!.value) };
  };
  const last = eraYear(new Date(Date.UTC(year + 1, 2, 31, 3))); // 31 March, noon in Tokyo
  const named = last.year > 1 ? { era: last.era, year: last.year - 1 } : eraYear(new Date(Date.UTC(year, 3, 1, 3)));
  return `${named.era}${named.year === 1 ? '元' : named.year}年度`;
}

/** Tokyo is UTC+9 all year (no daylight saving since 1951), so Tokyo midnight is 15:00 UTC the day before. */
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The moments fiscal year `year` spans: `start` (1 April, 00:00 Tokyo) inclusive to `end` (next 1 April) exclusive. */
export function fiscalYearRange(year: number): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(year, 3, 1) - TOKYO_OFFSET_MS),
    end: new Date(Date.UTC(year + 1, 3, 1) - TOKYO_OFFSET_MS),
  };
}
