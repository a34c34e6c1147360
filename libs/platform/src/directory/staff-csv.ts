import { DomainError } from '@yakuba/contracts';
import { readCsv } from '../csv/csv-reader';
import { normaliseHeader, type RawStaffRow } from './domain/staff-row';

export function parseStaffCsv(buffer: Buffer): RawStaffRow[] {
  // Staff lists are typed by hand in Excel: stray spaces around a cell mean nothing.
  const records = readCsv(buffer, { trim: true, maxRecordSize: 10_000 });
  if (records.length < 2)
    throw new DomainError('unprocessable', 'the CSV needs a header line and at least one row', { reason: 'csv_empty' });
  if (records.length > 5001)
    throw new DomainError('too_large', 'at most 5000 rows per import', { reason: 'csv_too_many_rows', maxRows: 5000 });
  const header = records[0].map(normaliseHeader);
  for (const required of ['username', 'displayName'] as const) {
    if (!header.includes(required))
      throw new DomainError('unprocessable', `the header has no ${required} column (ユーザー名 / 氏名)`, {
        reason: 'csv_missing_column',
        column: required,
      });
  }
  return records.slice(1).map((cells) => {
    const row: RawStaffRow = {};
    header.forEach((key, i) => {
      if (key) row[key] = cells[i] ?? '';
    });
    return row;
  });
}
