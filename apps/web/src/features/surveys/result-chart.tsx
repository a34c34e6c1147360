import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useLocale } from '../../i18n/i18n';
import { ChartCanvas } from '../../shared/chart/chart-canvas';
import { chartColors } from '../../shared/chart/chart-setup';
import { useFontsReady } from '../insights/use-fonts-ready';

/** Counts of one question as horizontal bars (a bar per answer, longest = most chosen); the table beside has the figures. */
export function ResultBarChart({ labels, shares, label }: { labels: string[]; shares: number[]; label: string }) {
  const { locale } = useLocale();
  const fonts = useFontsReady();
  const config = useMemo<ChartConfiguration<'bar'>>(() => {
    const colors = chartColors();
    return {
      type: 'bar',
      data: { labels, datasets: [{ data: shares.map((s) => Math.round(s * 1000) / 10), backgroundColor: colors.primaryLight, borderRadius: 4 }] },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => `${ctx.parsed.x}%` } } },
        scales: {
          x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
          y: { ticks: { autoSkip: false } },
        },
      },
    };
    // Rebuilt when the language or the fonts change (labels drawn on the canvas).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labels.join('\n'), shares.join(','), locale, fonts]);
  return <ChartCanvas config={config} label={label} height={Math.max(120, labels.length * 34 + 40)} />;
}
