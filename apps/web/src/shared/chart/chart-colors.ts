/** Design variables from global.css, for charts (no Chart.js here: a page may colour its legend before the chart loads). */
export const css = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** The palette, from the design variables in global.css. */
export const chartColors = () => ({
  primary: css('--primary', '#1f4e79'),
  secondary: css('--border', '#d6dde6'),
  accent: css('--accent', '#d9480f'),
  primaryLight: css('--primary-2', '#2d6aa3'),
  success: css('--success', '#2b8a3e'),
  danger: css('--danger', '#c92a2a'),
});
