import type { EntityManager } from 'typeorm';

/** Where a context's own record and the audit chain disagree: the audit entry concerned and what is wrong. */
export interface AuditMismatch {
  auditId: string;
  reason: string;
}

/**
 * A context that keeps rows mirroring its audit entries (approvals' `approval_actions`) registers a cross-check, so
 * that `/api/audit/verify` also sees those rows deleted or edited, even by a database owner who got past their
 * triggers: the chain alone proves only that the audit log is intact, not that the rows still match it.
 */
export interface AuditCrossCheck {
  readonly name: string;
  /** The mismatch at the lowest audit entry id, or null when every row matches its entry and every entry a row. */
  firstMismatch(m: EntityManager): Promise<AuditMismatch | null>;
}
