import { Fragment, useState, type ReactNode } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useT } from '../../i18n/i18n';
import { boardMessages } from './board-messages';
import styles from './disasters.module.css';

/** A department's line of a board: who in it is still outstanding (not acknowledged, not answered). */
export interface BoardRow {
  departmentId: string | null;
  departmentName: string;
  outstanding: string[];
}

/**
 * The officer's boards by department (acknowledgements, roll call): one line a department with its figures; a
 * department with someone outstanding opens to list them. The caller gives the figure columns and the list.
 */
export function DepartmentBoard<R extends BoardRow>({
  rows,
  headings,
  columns,
  figures,
  outstanding,
  testId,
}: {
  rows: R[];
  /** The figure columns' headings (each a <th>). */
  headings: ReactNode;
  /** How many figure columns there are. */
  columns: number;
  /** A row's figure cells (each a <td>), as many as the headings. */
  figures: (row: R) => ReactNode;
  /** What an opened department shows: its outstanding people. */
  outstanding: (row: R) => ReactNode;
  /** data-testid of each department's line. */
  testId: string;
}) {
  const t = useT(boardMessages);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) => setOpen((x) => new Set(x.has(key) ? [...x].filter((k) => k !== key) : [...x, key]));
  return (
    <div className="table-wrap">
      <table className={`table ${styles.boardTable}`}>
        <thead>
          <tr>
            <th>{t('department')}</th>
            {headings}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = row.departmentId ?? '-';
            const expanded = open.has(key);
            return (
              <Fragment key={key}>
                <tr data-testid={testId} data-department={row.departmentName}>
                  <td>
                    {row.outstanding.length > 0 ? (
                      <button className={`link-button ${styles.withIcon}`} onClick={() => toggle(key)} aria-expanded={expanded}>
                        {expanded ? <ChevronDown size={16} aria-hidden /> : <ChevronRight size={16} aria-hidden />}
                        {row.departmentName}
                      </button>
                    ) : (
                      <span className={styles.deptDone}>{row.departmentName}</span>
                    )}
                  </td>
                  {figures(row)}
                </tr>
                {expanded && (
                  <tr>
                    <td colSpan={columns + 1}>{outstanding(row)}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
