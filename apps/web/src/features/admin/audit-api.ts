import { api, queryString } from '../../api/client';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  /** What the entry recorded beside (a title, the changed fields, a failure's reason). */
  data?: Record<string, unknown>;
}
export type AuditVerdict = { valid: true; checked: number } | { valid: false; checked: number; brokenAtId: string; reason: string };

export const AUDIT_PAGE = 100;

/** What the audit screen filters by: an action prefix, an actor, and a date range (dates are Tokyo days). */
export interface AuditFilter {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export const auditApi = {
  page: (filter: AuditFilter, before?: string) =>
    api<AuditEntry[]>('GET', `/api/audit${queryString({ ...filter, limit: AUDIT_PAGE, before })}`),
  verify: () => api<AuditVerdict>('GET', '/api/audit/verify'),
  /** A download link (the browser sends the session cookie): the filtered log as CSV that Excel opens. */
  exportUrl: (filter: AuditFilter, encoding: 'utf-8' | 'shift_jis') => `/api/audit/export.csv${queryString({ ...filter, encoding })}`,
};
