/**
 * Wire shapes of the DX KPI dashboard (CONTRACT.md "Surveys and KPIs": `GET /api/kpis`; docs/architecture.md
 * "Insights"). Additive changes only.
 *
 * HTTP routes (permission `kpis.read`: admins, survey admins):
 *   GET /api/kpis                  → KpiEntry[] (the DX plan's staff-side KPIs; drills are not among them)
 *   GET /api/kpis/dashboard        → KpiDashboard (the same KPIs, plus the drill figures shown apart)
 *   GET /api/kpis/:key/rows        → KpiRows (the rows a figure is computed from, at most 500; 404 unknown key)
 *   GET /api/kpis/report.pdf       → application/pdf, one A4 page for the DX promotion meeting
 *   GET /api/kpis/report.csv       → text/csv (UTF-8 BOM): one line per KPI and history point
 *
 * No socket events: the dashboard is read on demand.
 */
import type { KpiVerdict } from './surveys';

export const KPI_KEYS = [
  /** ②-Ⅱ 一人当たりの業務量が減ったと感じる職員の割合 70% (survey). */
  'workload_reduced',
  /** ②-Ⅳ-ⅲ ビジネスチャット利用により情報伝達が向上したと感じる職員割合 70% (survey). */
  'chat_information_improved',
  /** ②-Ⅳ-ⅳ 庁内会議のペーパーレス化 100% (meetings). */
  'paperless_meetings',
  /** ②-Ⅳ-ⅳ 電子決裁: approvals decided electronically in the last 30 days (approvals). */
  'electronic_decisions',
  /**
   * ②-Ⅳ-ⅳ 電子決裁率: decisions made electronically / (electronic + those registered as made on paper), last 12
   * months, monthly history (approvals). The plan sets no target for it.
   */
  'electronic_decision_share',
  /** Median hours from submission to decision over the last 30 days (approvals). */
  'approval_lead_time',
  /** 後閲 (review after the fact) waiting now (approvals). */
  'approval_review_backlog',
  /** People who sent at least one chat message in the last 7 days (chat). */
  'chat_weekly_active_users',
  /** Chat messages sent in the last 7 days (chat). */
  'chat_weekly_messages',
  /** Median minutes from a thread root / channel message to its first reply by someone else, last 30 days (chat). */
  'chat_first_reply_minutes',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export type KpiSource = 'surveys' | 'meetings' | 'approvals' | 'chat' | 'disasters';
export type KpiUnit = 'share' | 'count' | 'hours' | 'minutes' | 'seconds';

export interface KpiHistoryPoint {
  /** "第2回 (2026-06)" for a survey wave, "2026-05" for a month. */
  label: string;
  /** ISO-8601 date of the point (wave close, or first day of the month). */
  at: string;
  value: number | null;
  verdict?: KpiVerdict;
  /** Survey waves: the 95% interval, n and N. */
  interval?: [number, number];
  n?: number;
  population?: number;
  /** Paperless meetings: sheets not printed that month (pages × participants of each meeting without paper). */
  sheetsSaved?: number;
}

export interface KpiDefinition {
  /** How the figure is computed, in Japanese (the English beside it). */
  ja: string;
  en: string;
  /** The SQL the value comes from (parameters named in the text). */
  sql: string;
}

export interface KpiEntry {
  key: KpiKey;
  title: string;
  titleEn: string;
  /** The action plan's item, e.g. "②-Ⅱ"; null for supporting figures. */
  planRef: string | null;
  /** The plan's target (share 0..1 or a count); null when the plan sets none (a supporting figure). */
  target: number | null;
  unit: KpiUnit;
  /** Whether higher values are better (lead time and backlog: lower). */
  higherIsBetter: boolean;
  /** The latest value; null when there is no data (then `noData` says why). */
  value: number | null;
  verdict: KpiVerdict;
  source: KpiSource;
  /** Why value is null, e.g. "no closed survey wave yet", "approvals are not installed". */
  noData?: string;
  /** Surveys: the latest wave's interval, bounds, x/n and N; and the survey it came from. */
  interval?: [number, number];
  bounds?: [number, number];
  agree?: number;
  n?: number;
  population?: number;
  surveyId?: string;
  /**
   * Paperless meetings: sheets of paper not printed over the period (for each held meeting without paper, the pages of
   * its published documents × its participants; as the meeting screen's "paper saved").
   */
  sheetsSaved?: number;
  /** When the latest value was measured (wave close or now). */
  asOf: string | null;
  history: KpiHistoryPoint[];
  definition: KpiDefinition;
}

/** One disaster drill's figures: shown apart, never mixed into the KPIs. */
export interface DrillFigures {
  disasterId: string;
  title: string;
  declaredAt: string;
  members: number;
  /** Urgent messages acknowledged: share of (member, message) pairs, and median seconds to acknowledge. */
  ackShare: number | null;
  ackMedianSeconds: number | null;
  /** Roll call: share of members who answered, and minutes until the last answer (null if incomplete). */
  rollCallShare: number | null;
  rollCallCompleteMinutes: number | null;
  rollCallMedianMinutes: number | null;
}

export interface DrillSection {
  available: boolean;
  noData?: string;
  drills: DrillFigures[];
  definition: KpiDefinition;
}

export interface KpiDashboard {
  generatedAt: string;
  kpis: KpiEntry[];
  drills: DrillSection;
}

export interface KpiRows {
  key: KpiKey;
  columns: string[];
  rows: (string | number | boolean | null)[][];
  truncated: boolean;
}
