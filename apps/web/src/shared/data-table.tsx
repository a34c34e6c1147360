import type { ReactNode } from 'react';

/** One column of a DataTable: its header and how a row fills its cell. */
export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  /** Class of the cell (e.g. 'small'). */
  className?: string;
  /** Tooltip of the cell (e.g. a long user agent). */
  title?(row: T): string | undefined;
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  label?: string;
  busy?: boolean;
  rowClassName?(row: T): string | undefined;
  /** data-testid of the table. */
  testId?: string;
}

/** The app's plain table (global `.table` styles, scrolling on narrow screens): columns declared once. */
export function DataTable<T>({ rows, columns, rowKey, label, busy, rowClassName, testId }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="table" aria-busy={busy} aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c, i) => (
                <td key={i} className={c.className} title={c.title?.(row)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
