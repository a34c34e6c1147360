import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type ApprovalKpiFigures, type ApprovalKpiGroup } from '@yakuba/contracts';
import { tokyoCalendarDate } from '@yakuba/platform';

/**
 * The SQL behind the approval figures of the KPI dashboard, kept as text so the dashboard (insights) can show it.
 * Parameters: $1 start (timestamptz, inclusive), $2 end (exclusive); months are Tokyo calendar months. Lead time is
 * first submission → decision in days; median and 90th percentile are `percentile_cont` (linear interpolation).
 */
export const APPROVAL_KPI_SQL = {
  decisionsPerMonth: `SELECT to_char(decided_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, count(*)::int AS decisions
FROM approvals WHERE status = 'decided' AND decided_at >= $1 AND decided_at < $2 GROUP BY 1 ORDER BY 1`,
  paperPerMonth: `SELECT month, sum(count)::int AS paper FROM approval_paper_decisions
WHERE month >= to_char($1::timestamptz AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AND month < to_char($2::timestamptz AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')
GROUP BY month ORDER BY month`,
  leadTime: `SELECT count(*)::int AS decided,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - first_submitted_at) / 86400) AS median_days,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - first_submitted_at) / 86400) AS p90_days
FROM approvals WHERE status = 'decided' AND decided_at >= $1 AND decided_at < $2 AND first_submitted_at IS NOT NULL`,
  leadTimeByDepartment: `SELECT d.id, d.name, count(*)::int AS decided,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.first_submitted_at) / 86400) AS median_days,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.first_submitted_at) / 86400) AS p90_days
FROM approvals a JOIN departments d ON d.id = a.department_id
WHERE a.status = 'decided' AND a.decided_at >= $1 AND a.decided_at < $2 AND a.first_submitted_at IS NOT NULL
GROUP BY d.id, d.name, d.sort_order ORDER BY d.sort_order`,
  leadTimeByType: `SELECT t.id, t.name, count(*)::int AS decided,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.first_submitted_at) / 86400) AS median_days,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.first_submitted_at) / 86400) AS p90_days
FROM approvals a JOIN approval_types t ON t.id = a.type_id
WHERE a.status = 'decided' AND a.decided_at >= $1 AND a.decided_at < $2 AND a.first_submitted_at IS NOT NULL
GROUP BY t.id, t.name, t.sort_order ORDER BY t.sort_order`,
  reviewBacklog: `SELECT count(*)::int AS open, extract(epoch FROM now() - min((r->>'createdAt')::timestamptz)) / 86400 AS oldest_days
FROM approvals a CROSS JOIN LATERAL jsonb_array_elements(a.workflow->'reviews') r WHERE r->>'doneAt' IS NULL`,
} as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Tokyo midnight of the first day of month `YYYY-MM`, plus `add` months. */
function monthStart(month: string, add = 0): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + add, 1) - 9 * 3600_000);
}

const round = (n: number | null) => (n === null ? null : Math.round(Number(n) * 100) / 100);

/**
 * Figures for the KPI dashboard: decisions per month, electronic share (against decisions registered as made on
 * paper), lead time submission → decision (median, p90) in all, per department and per type, and the 後閲 backlog.
 * Exported from the library for the insights context; `GET /api/approvals/kpis` answers the same.
 */
@Injectable()
export class ApprovalKpiService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `from` and `to` are months YYYY-MM, both included; default the last 12 months. */
  async figures(from?: string, to?: string): Promise<ApprovalKpiFigures> {
    const now = tokyoCalendarDate(new Date());
    const current = `${now.year}-${String(now.month).padStart(2, '0')}`;
    const last = to ?? current;
    const first =
      from ??
      (() => {
        const d = monthStart(last, -11);
        const t = tokyoCalendarDate(new Date(d.getTime() + 12 * 3600_000));
        return `${t.year}-${String(t.month).padStart(2, '0')}`;
      })();
    if (!MONTH.test(first) || !MONTH.test(last) || first > last)
      throw new DomainError('bad_request', 'from, to: months YYYY-MM, from not after to');
    const range = [monthStart(first), monthStart(last, 1)];
    const [decided, paper, [lead], byDepartment, byType, [backlog]] = await Promise.all([
      this.db.query(APPROVAL_KPI_SQL.decisionsPerMonth, range) as Promise<{ month: string; decisions: number }[]>,
      this.db.query(APPROVAL_KPI_SQL.paperPerMonth, range) as Promise<{ month: string; paper: number }[]>,
      this.db.query(APPROVAL_KPI_SQL.leadTime, range) as Promise<
        { decided: number; median_days: number | null; p90_days: number | null }[]
      >,
      this.db.query(APPROVAL_KPI_SQL.leadTimeByDepartment, range) as Promise<GroupRow[]>,
      this.db.query(APPROVAL_KPI_SQL.leadTimeByType, range) as Promise<GroupRow[]>,
      this.db.query(APPROVAL_KPI_SQL.reviewBacklog) as Promise<{ open: number; oldest_days: number | null }[]>,
    ]);
    const months: ApprovalKpiFigures['months'] = [];
    for (let i = 0; monthStart(first, i) < range[1]; i++) {
      const t = tokyoCalendarDate(new Date(monthStart(first, i).getTime() + 12 * 3600_000));
      const month = `${t.year}-${String(t.month).padStart(2, '0')}`;
      months.push({
        month,
        decisions: decided.find((d) => d.month === month)?.decisions ?? 0,
        paper: paper.find((p) => p.month === month)?.paper ?? 0,
      });
    }
    const electronic = months.reduce((s, m) => s + m.decisions, 0);
    const onPaper = months.reduce((s, m) => s + m.paper, 0);
    return {
      from: first,
      to: last,
      months,
      electronicShare: electronic + onPaper ? electronic / (electronic + onPaper) : null,
      leadTime: { decided: lead.decided, medianDays: round(lead.median_days), p90Days: round(lead.p90_days) },
      reviewBacklog: { open: backlog.open, oldestDays: round(backlog.oldest_days) },
      byDepartment: byDepartment.map(group),
      byType: byType.map(group),
    };
  }
}

interface GroupRow {
  id: string;
  name: string;
  decided: number;
  median_days: number | null;
  p90_days: number | null;
}

const group = (r: GroupRow): ApprovalKpiGroup => ({
  id: r.id,
  name: r.name,
  decided: r.decided,
  medianDays: round(r.median_days),
  p90Days: round(r.p90_days),
});
