import type { CrossBreakdown, ResultsQuery } from '@yakuba/contracts';
import { useT } from '../../i18n/i18n';
import { surveysMessages } from './messages';
import styles from './surveys.module.css';

/**
 * Respondents by department × position, with the totals. A hidden cell or total shows "—" (its reason in the title);
 * a shown cell is a button that filters the results to it.
 */
export function CrossTable({
  cross,
  k,
  filter,
  onPick,
}: {
  cross: CrossBreakdown;
  k: number;
  filter: ResultsQuery;
  onPick: (filter: ResultsQuery) => void;
}) {
  const t = useT(surveysMessages);
  const hidden = (reason?: string) => (
    <span className="muted" title={reason === 'complementary' ? t('crossComplementary', { k }) : t('suppressed', { k })}>
      —
    </span>
  );
  return (
    <details className="card" open>
      <summary>
        <strong>{t('crossTitle')}</strong>
      </summary>
      <p className="muted small">{t('crossNote', { k })}</p>
      <div className="table-wrap">
        <table className={`table ${styles.crossTable}`} aria-label={t('crossTitle')} data-testid="cross-table">
          <thead>
            <tr>
              <th>{t('department')}</th>
              {cross.positions.map((p) => (
                <th key={p.value ?? 'other'} className={styles.num}>
                  {p.label}
                </th>
              ))}
              <th className={styles.num}>{t('crossTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {cross.departments.map((d, i) => (
              <tr key={d.value ?? 'other'}>
                <th scope="row">{d.label}</th>
                {cross.positions.map((p, j) => {
                  const cell = cross.cells[i][j];
                  const here = filter.departmentId === d.value && filter.position === p.value;
                  return (
                    <td key={p.value ?? 'other'} className={styles.num}>
                      {cell.suppressed ? (
                        hidden(cell.reason)
                      ) : cell.responded && d.value !== null && p.value !== null ? (
                        <button
                          type="button"
                          className={`link-button ${here ? styles.crossPicked : ''}`}
                          aria-pressed={here}
                          onClick={() => onPick(here ? {} : { departmentId: d.value!, position: p.value! })}
                        >
                          {cell.responded}
                        </button>
                      ) : (
                        <span className={cell.responded ? undefined : 'muted'}>{cell.responded}</span>
                      )}
                    </td>
                  );
                })}
                <td className={styles.num}>{d.suppressed ? hidden(d.reason) : d.responded}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('crossTotal')}</th>
              {cross.positions.map((p) => (
                <td key={p.value ?? 'other'} className={styles.num}>
                  {p.suppressed ? hidden(p.reason) : p.responded}
                </td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </details>
  );
}
