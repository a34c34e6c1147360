import type { AuditEntryView, AuditVerdict } from '@yakuba/contracts';
import { api, queryString } from '../../api/client';

/** One entry of the audit log and the chain's verdict: the contract's wire shapes. */
export type AuditEntry = AuditEntryView;
export type { AuditVerdict };

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
