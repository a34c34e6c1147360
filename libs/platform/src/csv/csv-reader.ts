import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { DomainError } from '@yakuba/contracts';

/** The two encodings Excel in Japan saves and opens: UTF-8 (with a BOM) and Shift_JIS (Windows-31J, i.e. cp932). */
export type CsvEncoding = 'utf-8' | 'shift_jis';

/** Excel in Japan saves CSV as Shift_JIS unless "UTF-8" is chosen: accept both, told apart by the bytes. */
export function decodeCsv(bytes: Uint8Array, encoding: CsvEncoding | 'auto' = 'auto'): string {
  if (encoding === 'shift_jis') return iconv.decode(Buffer.from(bytes), 'cp932');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    if (encoding === 'utf-8') throw new DomainError('unprocessable', 'the CSV is not valid UTF-8', { reason: 'csv_unreadable' });
    return iconv.decode(Buffer.from(bytes), 'cp932');
  }
}

export interface CsvReadOptions {
  /** 'auto' (the default) reads UTF-8 when the bytes are valid UTF-8, Shift_JIS otherwise. */
  encoding?: CsvEncoding | 'auto';
  /** Trims spaces around each cell (hand-made files); off by default so that what was written reads back as is. */
  trim?: boolean;
  /** Longest record in characters: a file without line breaks cannot make the parser buffer it all. */
  maxRecordSize?: number;
}

/** Bytes → rows of cells (RFC 4180: quoted fields may hold commas, quotes and line breaks). Empty lines are skipped. */
export function readCsv(bytes: Uint8Array, options: CsvReadOptions = {}): string[][] {
  const text = decodeCsv(bytes, options.encoding);
  try {
    return parse(text, {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: options.trim ?? false,
      max_record_size: options.maxRecordSize ?? 100_000,
    }) as string[][];
  } catch (error) {
    throw new DomainError('unprocessable', `the CSV cannot be read: ${(error as Error).message}`, { reason: 'csv_unreadable' });
  }
}
