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

import { css } from './chart-colors';


Chart.defaults.font.family = css('--font', 'system-ui, sans-serif');
Chart.defaults.color = css('--muted', '#5d6b7a');
Chart.defaults.animation = false;

export { chartColors } from './chart-colors';
export { Chart };
