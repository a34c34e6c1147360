/** Wire shapes of the audit log (GET /api/audit, GET /api/audit/verify; docs/security.md). */

/** One entry of the hash-chained audit log, as administrators read it. */
export interface AuditEntryView {
  /** A bigint, sent as a string; entries are listed newest first, `before` pages on by it. */
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  /** What the entry recorded beside (a title, the changed fields, a failure's reason). */
  data?: Record<string, unknown>;
  prevHash?: string;
  hash?: string;
}

/** The SHA-256 chain re-computed: valid, or the first entry where it breaks and why. */
export type AuditVerdict = { valid: true; checked: number } | { valid: false; checked: number; brokenAtId: string; reason: string };
