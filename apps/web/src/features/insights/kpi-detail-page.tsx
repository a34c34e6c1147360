import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { KPI_KEYS, type KpiKey } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { HistoryChart } from './history-chart';
import { dashboardQuery, kpiRowsQuery } from './insights-api';
import { IntervalBar, useFormatValue, VerdictBadge } from './kpi-parts';
import { insightsMessages } from './messages';
import styles from './insights.module.css';

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key);

/** "How it is computed": a KPI's definition, the query it runs, its history and the rows it comes from. */
export function KpiDetailPage() {
  const { key = '' } = useParams();
  const t = useT(insightsMessages);
  const { locale } = useLocale();
  const format = useFormatValue();
  const errorText = useErrorText();
  const known = isKpiKey(key);
  const dashboard = useQuery(dashboardQuery);
  const rows = useQuery({ ...kpiRowsQuery(key as KpiKey), enabled: known });
  const kpi = dashboard.data?.kpis.find((k) => k.key === key);
  return (
    <section className={`page ${styles.dashboard}`}>
      <p style={{ margin: 0 }}>
        <Link to="/insights">← {t('backToDashboard')}</Link>
      </p>
      {!known && <p className="empty-state">{t('unknownKpi')}</p>}
      {dashboard.error && (
        <p className="error" role="alert">
          {errorText(dashboard.error)}
        </p>
      )}
      {kpi && (
        <>
          <h1>
            {locale === 'en' ? kpi.titleEn : kpi.title} {kpi.planRef && <span className="tag">{t('planRef', { ref: kpi.planRef })}</span>}
          </h1>
          <div className={`card ${styles.kpiFigures}`}>
            <div>
              <div className="muted small">{t('latest')}</div>
              <div className={styles.kpiValue}>{format(kpi.value, kpi.unit)}</div>
            </div>
            <div>
              <div className="muted small">{t('target')}</div>
              <div className={styles.kpiTarget}>{kpi.target === null ? t('noTarget') : format(kpi.target, kpi.unit)}</div>
            </div>
            {kpi.target !== null && <VerdictBadge verdict={kpi.verdict} />}
            {kpi.surveyId && (
              <Link to={`/surveys/manage/${kpi.surveyId}/results`} className="small">
                {t('fromSurvey')} →
              </Link>
            )}
          </div>
          {kpi.interval && kpi.target !== null && (
            <div className="card">
              <IntervalBar share={kpi.value} interval={kpi.interval} bounds={kpi.bounds} target={kpi.target} />
            </div>
          )}
          <section className="card" aria-labelledby="definition-heading">
            <h2 id="definition-heading">{t('definition')}</h2>
            <p className={styles.definitionText} data-testid="kpi-definition">
              {locale === 'en' ? kpi.definition.en : kpi.definition.ja}
            </p>
            <h3 className="small muted">{t('sql')}</h3>
            <pre className={styles.sql}>{kpi.definition.sql}</pre>
          </section>
          {kpi.history.length > 0 && (
            <section className="card" aria-labelledby="history-heading">
              <h2 id="history-heading">{t('history')}</h2>
              <HistoryChart kpi={kpi} height={220} />
            </section>
          )}
        </>
      )}
      {known && (
        <section className="card" aria-labelledby="rows-heading">
          <h2 id="rows-heading">{t('rows')}</h2>
          {rows.error && (
            <p className="error" role="alert">
              {errorText(rows.error)}
            </p>
          )}
          {rows.data && rows.data.rows.length === 0 && <p className="muted">{t('noRows')}</p>}
          {rows.data && rows.data.rows.length > 0 && (
            <>
              {rows.data.truncated && <p className="muted small">{t('rowsTruncated', { count: rows.data.rows.length })}</p>}
              <div className={`table-wrap ${styles.rowsTable}`}>
                <table className="table" aria-label={t('rows')} data-testid="kpi-rows">
                  <thead>
                    <tr>
                      {rows.data.columns.map((c) => (
                        <th key={c}>{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.data.rows.map((row, i) => (
                      <tr key={i}>
                        {row.map((cell, j) => (
                          <td key={j} className={typeof cell === 'number' ? styles.num : undefined}>
                            {cell === null ? '—' : String(cell)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </section>
  );
}
