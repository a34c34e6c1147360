import iconv from 'iconv-lite';
import { DomainError } from '@yakuba/contracts';
import type { CsvEncoding } from './csv-reader';

/*
 * Written by hand: csv-stringify (csv-parse's sibling) is not installed and no package may be added for this step.
 * What it would give us is small (RFC 4180 quoting); the Excel-specific parts (BOM, Shift_JIS, formula
 * neutralising) would be ours either way.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /** 'utf-8' (the default) is written with a BOM, without which Excel reads UTF-8 as Shift_JIS and garbles it. */
  encoding?: CsvEncoding;
  /**
   * A character Shift_JIS cannot hold (e.g. 𠮷, emoji): 'error' (the default) refuses the file, naming the row, column
   * and character; 'substitute' writes 〓 (the geta mark, the customary stand-in for a missing character).
   */
  unmappable?: 'error' | 'substitute';
}

export const SHIFT_JIS_SUBSTITUTE = '〓';

/**
 * Characters that text from Macs and JIS-based systems uses where Windows-31J has a look-alike at another code
 * point (WAVE DASH vs FULLWIDTH TILDE and friends). Mapping them is what Windows itself does when saving.
 */
const CP932_VARIANTS: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 → ～
  '\u2016': '\u2225', // ‖ → ∥
  '\u2212': '\uFF0D', // − → －
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
  '\u2014': '\u2015', // — → ―
};
const VARIANT_PATTERN = new RegExp(`[${Object.keys(CP932_VARIANTS).join('')}]`, 'g');

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV Injection"): such text cells get
 * a leading apostrophe, which Excel shows as text. Numbers are written as numbers, so negative values stay numeric.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, and its quotes doubled. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const fitsCp932 = (ch: string) => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch;

function toCp932Text(text: string, where: () => string, unmappable: 'error' | 'substitute'): string {
  const mapped = text.replace(VARIANT_PATTERN, (ch) => CP932_VARIANTS[ch]);
  if (iconv.decode(iconv.encode(mapped, 'cp932'), 'cp932') === mapped) return mapped;
  return Array.from(mapped, (ch) => {
    if (fitsCp932(ch)) return ch;
    if (unmappable === 'substitute') return SHIFT_JIS_SUBSTITUTE;
    const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new DomainError('unprocessable', `${where()}: "${ch}" (${code}) cannot be written in Shift_JIS`);
  }).join('');
}

/** Rows → the bytes of a CSV file that Excel opens as it is: CRLF line ends, RFC 4180 quoting, BOM or Shift_JIS. */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: CsvWriteOptions = {}): Buffer {
  const encoding = options.encoding ?? 'utf-8';
  const unmappable = options.unmappable ?? 'error';
  const lines = rows.map((row, r) =>
    row
      .map((cell, c) => {
        const text = cellText(cell);
        return quoted(encoding === 'shift_jis' ? toCp932Text(text, () => `row ${r + 1}, column ${c + 1}`, unmappable) : text);
      })
      .join(','),
  );
  const text = lines.map((line) => `${line}\r\n`).join('');
  return encoding === 'shift_jis' ? iconv.encode(text, 'cp932') : Buffer.from(`\uFEFF${text}`, 'utf-8');
}
