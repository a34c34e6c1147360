import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { DrillSection, KpiEntry } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { SurveysTabs } from '../surveys/surveys-tabs';
import { HistoryChart } from './history-chart';
import { dashboardQuery, insightsApi } from './insights-api';
import { formatShare, IntervalBar, useFormatValue, VerdictBadge } from './kpi-parts';
import { insightsMessages } from './messages';
import styles from './insights.module.css';

function KpiCard({ kpi }: { kpi: KpiEntry }) {
  const t = useT(insightsMessages);
  const { locale } = useLocale();
  const format = useFormatValue();
  const f = (v: number) => formatShare(v, locale);
  return (
    <article className={`card ${styles.kpiCard}`} data-testid="kpi-card" data-kpi={kpi.key} aria-labelledby={`kpi-${kpi.key}`}>
      <div className={styles.kpiTags}>
        <span className="tag">{kpi.planRef ? t('planRef', { ref: kpi.planRef }) : t('supporting')}</span>
        <span className="tag">{t(`source_${kpi.source}`)}</span>
        {!kpi.higherIsBetter && <span className="tag">{t('lowerIsBetter')}</span>}
      </div>
      <h3 id={`kpi-${kpi.key}`} className={styles.kpiTitle}>
        {locale === 'en' ? kpi.titleEn : kpi.title}
      </h3>
      <div className={styles.kpiFigures}>
        <div>
          <div className="muted small">{t('latest')}</div>
          <div className={styles.kpiValue}>{format(kpi.value, kpi.unit)}</div>
        </div>
        <div>
          <div className="muted small">{t('target')}</div>
          <div className={styles.kpiTarget}>{kpi.target === null ? t('noTarget') : format(kpi.target, kpi.unit)}</div>
        </div>
        {kpi.target !== null && (
          <div>
            <div className="muted small">{t('verdict')}</div>
            <VerdictBadge verdict={kpi.verdict} />
          </div>
        )}
      </div>
      {kpi.value === null && <p className="muted small">{kpi.noData ?? t('noData')}</p>}
      {kpi.interval && kpi.target !== null && (
        <>
          <IntervalBar share={kpi.value} interval={kpi.interval} bounds={kpi.bounds} target={kpi.target} />
          <p className={`small ${styles.kpiFacts}`}>
            {kpi.agree !== undefined && kpi.n !== undefined && <span>{t('agreeOfN', { x: kpi.agree, n: kpi.n })}</span>}
            {kpi.n !== undefined && kpi.population !== undefined && <span>{t('coverage', { n: kpi.n, N: kpi.population })}</span>}
            <span>{t('interval', { lo: f(kpi.interval[0]), hi: f(kpi.interval[1]) })}</span>
            {kpi.bounds && <span>{t('boundsLine', { lo: f(kpi.bounds[0]), hi: f(kpi.bounds[1]) })}</span>}
          </p>
        </>
      )}
      {kpi.sheetsSaved !== undefined && (
        <p className={`small ${styles.kpiFacts}`} data-testid="sheets-saved">
          {kpi.agree !== undefined && kpi.n !== undefined && <span>{t('paperlessOfHeld', { x: kpi.agree, n: kpi.n })}</span>}
          <span>{t('sheetsSaved', { n: kpi.sheetsSaved.toLocaleString(locale === 'en' ? 'en-GB' : 'ja-JP') })}</span>
        </p>
      )}
      {kpi.history.length > 1 && (
        <div>
          <div className="muted small">{t('history')}</div>
          <HistoryChart kpi={kpi} />
        </div>
      )}
      <div className={styles.kpiFoot}>
        {kpi.asOf && <span className="muted small">{t('generatedAt', { date: formatDateTime(kpi.asOf, locale) })}</span>}
        <span className="spacer" />
        <Link to={`/insights/${kpi.key}`} data-testid="how-computed">
          {t('howComputed')} →
        </Link>
      </div>
    </article>
  );
}

function Drills({ section }: { section: DrillSection }) {
  const t = useT(insightsMessages);
  const { locale } = useLocale();
  const format = useFormatValue();
  return (
    <section className={styles.drills} aria-labelledby="drills-heading" data-testid="drills">
      <h2 id="drills-heading">{t('drills')}</h2>
      <p className="muted small">{t('drillsNote')}</p>
      {!section.available || section.drills.length === 0 ? (
        <p className="empty-state">{section.noData ?? t('drillsNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={t('drills')}>
            <thead>
              <tr>
                <th>{t('drillTitle')}</th>
                <th>{t('drillDate')}</th>
                <th className={styles.num}>{t('members')}</th>
                <th className={styles.num}>{t('ackShare')}</th>
                <th className={styles.num}>{t('ackMedian')}</th>
                <th className={styles.num}>{t('rollCallShare')}</th>
                <th className={styles.num}>{t('rollCallMedian')}</th>
                <th className={styles.num}>{t('rollCallComplete')}</th>
              </tr>
            </thead>
            <tbody>
              {section.drills.map((d) => (
                <tr key={d.disasterId}>
                  <td>
                    <Link to={`/disasters/${d.disasterId}/record`}>{d.title}</Link>
                  </td>
                  <td className="small">{formatDateTime(d.declaredAt, locale)}</td>
                  <td className={styles.num}>{d.members}</td>
                  <td className={styles.num}>{formatShare(d.ackShare, locale, 0)}</td>
                  <td className={styles.num}>{format(d.ackMedianSeconds, 'seconds')}</td>
                  <td className={styles.num}>{formatShare(d.rollCallShare, locale, 0)}</td>
                  <td className={styles.num}>{format(d.rollCallMedianMinutes, 'minutes')}</td>
                  <td className={styles.num}>
                    {d.rollCallCompleteMinutes === null ? t('incomplete') : format(d.rollCallCompleteMinutes, 'minutes')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className={styles.definition}>
        <summary>{t('howComputed')}</summary>
        <p>{locale === 'en' ? section.definition.en : section.definition.ja}</p>
        <pre className={styles.sql}>{section.definition.sql}</pre>
      </details>
    </section>
  );
}

/** The DX KPI dashboard: staff-side KPIs with target, latest value, verdict and history; drills apart; PDF and CSV. */
export function DashboardPage() {
  const t = useT(insightsMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const dashboard = useQuery(dashboardQuery);
  const d = dashboard.data;
  const perception = d?.kpis.filter((k) => k.source === 'surveys') ?? [];
  const operations = d?.kpis.filter((k) => k.source !== 'surveys') ?? [];
  return (
    <section className={`page ${styles.dashboard}`}>
      <div className="toolbar">
        <h1>{t('title')}</h1>
        {d && <span className="muted small">{t('generatedAt', { date: formatDateTime(d.generatedAt, locale) })}</span>}
        <span className="spacer" />
        <a className="button-link primary" href={insightsApi.reportPdfUrl} target="_blank" rel="noopener" data-testid="report-pdf">
          {t('reportPdf')}
        </a>
        <a className="button-link" href={insightsApi.reportCsvUrl} download data-testid="report-csv">
          {t('reportCsv')}
        </a>
      </div>
      <SurveysTabs />
      <p className="muted">{t('intro')}</p>
      {dashboard.error && (
        <p className="error" role="alert">
          {errorText(dashboard.error)}
        </p>
      )}
      {dashboard.isPending && <p className="muted">{t('loading')}</p>}
      {perception.length > 0 && (
        <section aria-labelledby="perception-heading">
          <h2 id="perception-heading">{t('perception')}</h2>
          <div className={styles.kpiGrid}>
            {perception.map((k) => (
              <KpiCard key={k.key} kpi={k} />
            ))}
          </div>
        </section>
      )}
      {operations.length > 0 && (
        <section aria-labelledby="operations-heading">
          <h2 id="operations-heading">{t('operations')}</h2>
          <div className={styles.kpiGrid}>
            {operations.map((k) => (
              <KpiCard key={k.key} kpi={k} />
            ))}
          </div>
        </section>
      )}
      {d && <Drills section={d.drills} />}
    </section>
  );
}
