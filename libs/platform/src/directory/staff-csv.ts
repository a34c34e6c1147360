import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { DomainError } from '@yakuba/contracts';
import { normaliseHeader, type RawStaffRow } from './domain/staff-row';

/** Excel in Japan saves CSV as Shift_JIS (Windows-31J) unless "UTF-8" is chosen: accept both, by the bytes. */
export function decodeCsv(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(buffer, 'cp932');
  }
}

export function parseStaffCsv(buffer: Buffer): RawStaffRow[] {
  const text = decodeCsv(buffer);
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true, max_record_size: 10_000 }) as string[][];
  } catch (error) {
    throw new DomainError('unprocessable', `the CSV cannot be read: ${(error as Error).message}`);
  }
  if (records.length < 2) throw new DomainError('unprocessable', 'the CSV needs a header line and at least one row');
  if (records.length > 5001) throw new DomainError('too_large', 'at most 5000 rows per import');
  const header = records[0].map(normaliseHeader);
  for (const required of ['username', 'displayName'] as const) {
    if (!header.includes(required)) throw new DomainError('unprocessable', `the header has no ${required} column (ユーザー名 / 氏名)`);
  }
  return records.slice(1).map((cells) => {
    const row: RawStaffRow = {};
    header.forEach((key, i) => {
      if (key) row[key] = cells[i] ?? '';
    });
    return row;
  });
}
