import { useErrorText } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/i18n';
import { formatYen } from '../approval-bits';
import { useAuthorityTable } from '../approvals-queries';
import styles from '../approvals.module.css';
import { approvalsAdminMessages } from './admin-messages';

/**
 * The resulting table the way a 事務決裁規程 別表 reads: one row per matter and amount band, a column per rank
 * (◎ decides under 専決, ○ examines before), then 合議 and 供覧, and the 重要・異例 rule under it.
 */
export function RegulationTable() {
  const t = useT(approvalsAdminMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const table = useAuthorityTable();
  const yen = (n: number) => formatYen(n, locale);
  if (table.error) return <p className="error">{errorText(table.error)}</p>;
  const data = table.data;
  if (!data) return null;
  const band = (min: number | null, max: number | null) => {
    if (!min && max === null) return t('anyAmount');
    return [min ? t('bandFrom', { from: yen(min) }) : '', max !== null ? t('bandTo', { to: yen(max) }) : ''].filter(Boolean).join(' ');
  };
  // Rows of one matter share its name cell, as on paper (a type's rows come together).
  const runLength = (i: number) => {
    let n = 1;
    while (data.rows[i + n]?.typeId === data.rows[i]!.typeId) n++;
    return n;
  };
  const startsRun = (i: number) => i === 0 || data.rows[i - 1]!.typeId !== data.rows[i]!.typeId;
  return (
    <section>
      <div style={{ overflowX: 'auto' }}>
        <table className={styles.regulation} data-testid="regulation-table">
          <caption style={{ textAlign: 'left', fontWeight: 700, marginBottom: '0.4rem' }}>{t('caption')}</caption>
          <thead>
            <tr>
              <th>{t('matter')}</th>
              <th>{t('amountBand')}</th>
              {data.ranks.map((r) => (
                <th key={r}>{r}</th>
              ))}
              <th>{t('consultations')}</th>
              <th>{t('circulations')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r, i) => (
              <tr key={`${r.typeId}:${i}`}>
                {startsRun(i) && <td rowSpan={runLength(i)}>{r.typeName}</td>}
                <td>{band(r.minAmount, r.maxAmount)}</td>
                {data.ranks.map((rank) => (
                  <td key={rank} className={styles.mark}>
                    {r.marks[rank] ?? ''}
                  </td>
                ))}
                <td>{r.consultations.join('、')}</td>
                <td>{r.circulations.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small">{t('legend')}</p>
      <p>
        {t('remarks')} {t('importantNote', { rank: data.importantDecider })}
      </p>
    </section>
  );
}
