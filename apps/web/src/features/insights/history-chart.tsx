import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { KpiEntry } from '@yakuba/contracts';
import { useLocale, useT } from '../../i18n/i18n';
import { ChartCanvas } from '../../shared/chart/chart-canvas';
import { chartColors } from '../../shared/chart/chart-setup';
import { formatMonth } from '../../shared/format-date';
import { insightsMessages } from './messages';
import { useFontsReady } from './use-fonts-ready';

/**
 * A KPI across survey waves or months, with its target as a dashed line. Shares are drawn in percent; a survey wave
 * also shows its 95% interval as a band (the lower and upper bounds as thin lines).
 */
export function HistoryChart({ kpi, height = 160 }: { kpi: KpiEntry; height?: number }) {
  const t = useT(insightsMessages);
  const { locale } = useLocale();
  const fonts = useFontsReady();
  const share = kpi.unit === 'share';
  const scale = (v: number | null | undefined) => (v === null || v === undefined ? null : share ? Math.round(v * 1000) / 10 : v);
  const title = locale === 'en' ? kpi.titleEn : kpi.title;
  const config = useMemo<ChartConfiguration<'line'>>(() => {
    const colors = chartColors();
    // A wave's label is the survey's long title: the axis shows the month (Tokyo), the tooltip the whole label.
    const labels = kpi.history.map((p) => formatMonth(p.at, locale));
    const hasInterval = kpi.history.some((p) => p.interval);
    const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
      {
        label: title,
        data: kpi.history.map((p) => scale(p.value)),
        borderColor: colors.primary,
        backgroundColor: colors.primary,
        pointRadius: 4,
        tension: 0,
        spanGaps: true,
      },
    ];
    if (hasInterval)
      for (const [i, name] of [
        [0, 'lo'],
        [1, 'hi'],
      ] as const)
        datasets.push({
          label: name,
          data: kpi.history.map((p) => scale(p.interval?.[i])),
          borderColor: colors.primaryLight,
          borderWidth: 1,
          pointRadius: 0,
          borderDash: [2, 3],
          fill: false,
        });
    if (kpi.target !== null)
      datasets.push({
        label: 'target',
        data: kpi.history.map(() => scale(kpi.target)),
        borderColor: colors.accent,
        borderWidth: 2,
        borderDash: [6, 4],
        pointRadius: 0,
      });
    return {
      type: 'line',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { filter: (item) => item.datasetIndex === 0, callbacks: { title: (items) => kpi.history[items[0]?.dataIndex ?? 0]?.label ?? '' } },
        },
        scales: {
          y: share ? { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } : { beginAtZero: true },
          x: { ticks: { maxRotation: 0, autoSkip: true } },
        },
      },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kpi, locale, fonts]);
  const points = kpi.history.map((p) => `${p.label} ${p.value === null ? '—' : share ? `${scale(p.value)}%` : p.value}`).join(', ');
  if (kpi.history.length === 0) return null;
  return <ChartCanvas config={config} height={height} label={t('historyLabel', { title, points })} />;
}
