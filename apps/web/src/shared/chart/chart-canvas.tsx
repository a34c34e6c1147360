import { lazy, Suspense } from 'react';
import type { ChartConfiguration, ChartType } from 'chart.js';
import styles from './chart-canvas.module.css';

// Chart.js is a chunk of its own, fetched with the first chart: the home page shows one to administrators only.
const ChartView = lazy(() => import('./chart-view'));

/**
 * A Chart.js chart as a React component: created on mount, updated in place when the data or options change,
 * destroyed on unmount. `label` describes the figure for screen readers (the canvas itself says nothing).
 */
export function ChartCanvas<T extends ChartType>(props: { config: ChartConfiguration<T>; label: string; height?: number }) {
  return (
    <Suspense fallback={<div className={styles.frame} style={{ height: props.height ?? 180 }} role="img" aria-label={props.label} />}>
      <ChartView {...(props as { config: ChartConfiguration; label: string; height?: number })} />
    </Suspense>
  );
}
