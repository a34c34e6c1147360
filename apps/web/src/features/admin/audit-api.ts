import { api, queryString } from '../../api/client';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
}
export type AuditVerdict = { valid: true; checked: number } | { valid: false; checked: number; brokenAtId: string; reason: string };

export const AUDIT_PAGE = 100;

export const auditApi = {
  page: (before?: string) => api<AuditEntry[]>('GET', `/api/audit${queryString({ limit: AUDIT_PAGE, before })}`),
  verify: () => api<AuditVerdict>('GET', '/api/audit/verify'),
};
