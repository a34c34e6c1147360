import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * The web client's one chart library, Chart.js, bundled by Vite (the town hall's network has no CDN). Only the
 * pieces in use are registered, so the bundle carries only them: add a controller here when a chart needs it
 * (BarController + BarElement + CategoryScale + LinearScale for the survey and KPI bars).
 */
Chart.register(DoughnutController, ArcElement, Tooltip, Legend);
// Survey results (bars) and the KPI dashboard's history (lines).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement);

const css = (name: string, fallback: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

Chart.defaults.font.family = css('--font', 'system-ui, sans-serif');
Chart.defaults.color = css('--muted', '#5d6b7a');
Chart.defaults.animation = false;

/** The palette, from the design variables in global.css. */
export const chartColors = () => ({
  primary: css('--primary', '#1f4e79'),
  secondary: css('--border', '#d6dde6'),
  accent: css('--accent', '#d9480f'),
  primaryLight: css('--primary-2', '#2d6aa3'),
  success: css('--success', '#2b8a3e'),
  danger: css('--danger', '#c92a2a'),
});

export { Chart };
