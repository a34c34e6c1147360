import { ArcElement, Chart, DoughnutController, Legend, Tooltip } from 'chart.js';

/**
 * The web client's one chart library, Chart.js, bundled by Vite (the town hall's network has no CDN). Only the
 * pieces in use are registered, so the bundle carries only them: add a controller here when a chart needs it
 * (BarController + BarElement + CategoryScale + LinearScale for the survey and KPI bars).
 */
Chart.register(DoughnutController, ArcElement, Tooltip, Legend);

const css = (name: string, fallback: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

Chart.defaults.font.family = css('--font', 'system-ui, sans-serif');
Chart.defaults.color = css('--muted', '#5d6b7a');
Chart.defaults.animation = false;

/** The palette, from the design variables in global.css. */
export const chartColors = () => ({
  primary: css('--primary', '#1f4e79'),
  secondary: css('--border', '#d6dde6'),
  accent: css('--accent', '#d9480f'),
});

export { Chart };
