import { useEffect, useRef } from 'react';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Chart } from './chart-setup';
import styles from './chart-canvas.module.css';

/**
 * A Chart.js chart as a React component (loaded through chart-canvas.tsx, so that Chart.js is fetched only with a chart): created on mount, updated in place when the data or options change,
 * destroyed on unmount. `label` describes the figure for screen readers (the canvas itself says nothing).
 */
export default function ChartView<T extends ChartType>({
  config,
  label,
  height = 180,
}: {
  config: ChartConfiguration<T>;
  label: string;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<T> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Created once per chart type; data and option changes go through update() below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config.type]);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data = config.data;
    if (config.options) current.options = config.options;
    current.update();
  }, [config.data, config.options]);

  return (
    <div className={styles.frame} style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
