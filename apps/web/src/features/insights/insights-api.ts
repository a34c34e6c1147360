import type { KpiDashboard, KpiEntry, KpiKey, KpiRows } from '@yakuba/contracts';
import { api } from '../../api/client';

/** The DX KPI dashboard's requests (routes: libs/contracts/src/insights.ts). */
export const insightsApi = {
  list: () => api<KpiEntry[]>('GET', '/api/kpis'),
  dashboard: () => api<KpiDashboard>('GET', '/api/kpis/dashboard'),
  rows: (key: KpiKey) => api<KpiRows>('GET', `/api/kpis/${encodeURIComponent(key)}/rows`),
  reportPdfUrl: '/api/kpis/report.pdf',
  reportCsvUrl: '/api/kpis/report.csv',
};

export const insightsKeys = {
  all: ['kpis'] as const,
  dashboard: ['kpis', 'dashboard'] as const,
  rows: (key: string) => ['kpis', 'rows', key] as const,
};

export const dashboardQuery = { queryKey: insightsKeys.dashboard, queryFn: insightsApi.dashboard, staleTime: 30_000 };
export const kpiRowsQuery = (key: KpiKey) => ({ queryKey: insightsKeys.rows(key), queryFn: () => insightsApi.rows(key) });
