import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import type { PaperKpi } from '@yakuba/contracts';
import { paperStatsQuery } from '../features/meetings/meetings-queries';
import { useLocale, useT } from '../i18n/i18n';
import { ChartCanvas } from '../shared/chart/chart-canvas';
import { chartColors } from '../shared/chart/chart-colors';
import { shellMessages } from '../shell/messages';
import styles from './simple-pages.module.css';

/** Paperless against printed meetings, as a doughnut (the DX plan's target is the whole ring). */
function PaperlessChart({ kpi }: { kpi: PaperKpi }) {
  const t = useT(shellMessages);
  const { locale } = useLocale();
  const withPaper = kpi.meetingsHeld - kpi.paperlessMeetings;
  const config = useMemo<ChartConfiguration<'doughnut'>>(() => {
    const colors = chartColors();
    return {
      type: 'doughnut',
      data: {
        labels: [t('kpiPaperlessMeetings'), t('kpiPaperMeetings')],
        datasets: [{ data: [kpi.paperlessMeetings, withPaper], backgroundColor: [colors.primary, colors.secondary], borderWidth: 0 }],
      },
      options: { responsive: true, maintainAspectRatio: false, cutout: '62%', plugins: { legend: { display: false } } },
    };
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kpi.paperlessMeetings, withPaper, locale]);
  // The legend is HTML: a canvas draws text with installed fonts only, and a terminal may have no Japanese one.
  const colors = chartColors();
  return (
    <>
      <ChartCanvas config={config} height={150} label={t('kpiChartLabel', { paperless: kpi.paperlessMeetings, count: kpi.meetingsHeld })} />
      <ul className={styles.chartLegend}>
        <li>
          <span className={styles.swatch} style={{ background: colors.primary }} aria-hidden />
          {t('kpiPaperlessMeetings')} {kpi.paperlessMeetings}
        </li>
        <li>
          <span className={styles.swatch} style={{ background: colors.secondary }} aria-hidden />
          {t('kpiPaperMeetings')} {withPaper}
        </li>
      </ul>
    </>
  );
}

/** The DX plan's paperless-meeting KPI (target: 100% of internal meetings), from the meetings held so far. */
export function PaperlessKpi() {
  const t = useT(shellMessages);
  const kpi = useQuery(paperStatsQuery).data;
  if (!kpi) return null;
  return (
    <section className={styles.homeKpis} aria-label={t('kpiTitle')}>
      <h2>{t('kpiTitle')}</h2>
      <div className={styles.homeKpiRow}>
        <div className={`${styles.homeKpi} card`}>
          <span className={styles.homeKpiValue}>{Math.round(kpi.paperlessShare * 100)}%</span>
          <span className={styles.homeKpiLabel}>{t('kpiPaperless')}</span>
          <progress value={kpi.paperlessShare} max={1} />
          <span className="small muted">{t('kpiTarget')}</span>
        </div>
        <div className={`${styles.homeKpi} card`}>
          <span className={styles.homeKpiValue}>{t('kpiSheetCount', { count: kpi.sheetsSaved })}</span>
          <span className={styles.homeKpiLabel}>{t('kpiSheets')}</span>
        </div>
        <div className={`${styles.homeKpi} card`}>
          <span className={styles.homeKpiValue}>
            {kpi.paperlessMeetings} / {kpi.meetingsHeld}
          </span>
          <span className={styles.homeKpiLabel}>{t('kpiMeetings')}</span>
        </div>
        {kpi.meetingsHeld > 0 && (
          <div className={`${styles.homeKpi} card`}>
            <PaperlessChart kpi={kpi} />
          </div>
        )}
      </div>
    </section>
  );
}
