import type { Locale } from '../i18n/i18n';

/**
 * The web client's one date formatter: the organisation's clock (the server's TIME_ZONE, Asia/Tokyo by default)
 * whatever the device's time zone, and, when the user chose it on the account page, dates in the Japanese calendar
 * (令和8年12月1日). The server's platform dates module is Node-only; this is its browser counterpart, also on Intl.
 * The session (auth/session.tsx) sets the zone and the account's choice before anything is shown.
 */
let TIME_ZONE = 'Asia/Tokyo';
const formats = new Map<string, Intl.DateTimeFormat>();

/** The organisation's time zone (an IANA name); an unknown name leaves the current one. */
export function setDisplayTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return;
  }
  if (timeZone === TIME_ZONE) return;
  TIME_ZONE = timeZone;
  formats.clear();
}

export const displayTimeZone = (): string => TIME_ZONE;

export type DateStyle = 'gregorian' | 'wareki';
const DATE_STYLE_KEY = 'yakuba.dateStyle';
/** The account's choice, stored on the server (it follows the user to another device); null: never chosen. */
let accountDateStyle: DateStyle | null = null;

/** The calendar for dates shown in Japanese: the account's choice, else this browser's, else the Western one. */
export function dateStyle(): DateStyle {
  if (accountDateStyle) return accountDateStyle;
  try {
    return localStorage.getItem(DATE_STYLE_KEY) === 'wareki' ? 'wareki' : 'gregorian';
  } catch {
    return 'gregorian';
  }
}

/** A choice made here: kept for this browser too (the fallback when signed out or when the server is unreachable). */
export function setDateStyle(style: DateStyle): void {
  accountDateStyle = style;
  try {
    localStorage.setItem(DATE_STYLE_KEY, style);
  } catch {
    /* storage refused (private mode): the account's choice still applies */
  }
}

/** The signed-in account's stored choice (null on sign-out or when never chosen: the browser's choice stands). */
export function setAccountDateStyle(style: DateStyle | null): void {
  accountDateStyle = style;
}

function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: TIME_ZONE, ...options });
    formats.set(key, f);
  }
  return f;
}

const wareki = (locale: Locale) => locale === 'ja' && dateStyle() === 'wareki';

export function formatDateTime(value: string | Date, locale: Locale): string {
  if (wareki(locale)) return `${formatWareki(value)} ${formatTime(value, locale)}`;
  return format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatDate(value: string | Date, locale: Locale): string {
  if (wareki(locale)) return formatWareki(value);
  return format(locale, { dateStyle: 'medium' }).format(new Date(value));
}

/** The time of day (8:30), in the organisation's time zone. */
export function formatTime(value: string | Date, locale: Locale): string {
  return format(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(value));
}

/** Year and month, digits only (2026/04: a chart's canvas may not have a kanji's font subset yet). */
export function formatMonth(value: string | Date, locale: Locale): string {
  return format(locale, { year: 'numeric', month: locale === 'ja' ? '2-digit' : 'short' }).format(new Date(value));
}

/** The calendar day of a moment in the organisation's time zone, `2026-12-01`: "today" is the town hall's today. */
export function dayKey(value: string | Date): string {
  const p = wallClock(new Date(value).getTime());
  return `${p.year}-${p.month}-${p.day}`;
}

function wallClock(instant: number): Record<string, string> {
  return Object.fromEntries(
    format('en', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
}

/** How far the organisation's clock is ahead of UTC at a moment, in ms (daylight saving included). */
function zoneOffset(instant: number): number {
  const p = wallClock(instant);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** `datetime-local` input value (the organisation's wall clock) from an ISO instant, and back. */
export function toTokyoInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    format('en', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function fromTokyoInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // The offset at the wall time read as UTC, then again at the instant found: right across a daylight-saving change.
  const first = wall - zoneOffset(wall);
  return new Date(wall - zoneOffset(first)).toISOString();
}

/**
 * The first moment at or after `from` when the organisation's clock reads `time` (`HH:MM`, a time input's value):
 * a time of day given without a date is the next one, so 00:30 given at 23:30 is the next day's.
 */
export function nextOccurrence(time: string, from: Date = new Date()): string | null {
  const hm = /^(\d{2}):(\d{2})/.exec(time);
  if (!hm) return null;
  const day = dayKey(from);
  const sameDay = fromTokyoInput(`${day}T${hm[1]}:${hm[2]}`);
  if (!sameDay || new Date(sameDay).getTime() >= from.getTime()) return sameDay;
  const [y, m, d] = day.split('-').map(Number);
  const nextDay = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return fromTokyoInput(`${nextDay}T${hm[1]}:${hm[2]}`);
}

/** A date without a time (`2026-12-01`, e.g. a stated decision date) as a moment on that day in the organisation's zone. */
export function calendarDay(value: string): string {
  return fromTokyoInput(`${value}T12:00`) ?? value;
}

/**
 * A Japanese official document's date in the Japanese calendar (令和8年4月1日; the first year of an era is 元年), as
 * the server's `formatWareki` writes it. Intl knows the eras; it writes the first year as 1.
 */
export function formatWareki(value: string | Date): string {
  const p = japaneseParts(value, 'long');
  return `${p.era}${p.year === '1' ? '元' : p.year}年${p.month}月${p.day}日`;
}

function japaneseParts(value: string | Date, era: 'long' | 'narrow'): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { timeZone: TIME_ZONE, era, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date(value))
      .map((p) => [p.type, p.value]),
  );
}

/** The short date of a Japanese date stamp (日付印): era initial and numbers, e.g. R8.4.1. */
export function formatStampDate(value: string | Date): string {
  const p = japaneseParts(value, 'narrow');
  return `${p.era}${p.year}.${p.month}.${p.day}`;
}
