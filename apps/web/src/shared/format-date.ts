import type { Locale } from '../i18n/i18n';

/**
 * The web client's one date formatter: the town hall's clock (Asia/Tokyo) whatever the device's time zone. The
 * server's platform dates module is Node-only; this is its browser counterpart, also on Intl.
 */
const TIME_ZONE = 'Asia/Tokyo';
const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: TIME_ZONE, ...options });
    formats.set(key, f);
  }
  return f;
}

export function formatDateTime(value: string | Date, locale: Locale): string {
  return format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatDate(value: string | Date, locale: Locale): string {
  return format(locale, { dateStyle: 'medium' }).format(new Date(value));
}

/** `datetime-local` input value (Tokyo wall clock) from an ISO instant, and back. */
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
  return value ? new Date(`${value}:00+09:00`).toISOString() : null;
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
