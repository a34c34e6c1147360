/**
 * `GET /api/auth/session-status`: why this browser's session is no longer usable, so that an open page can say so on
 * the sign-in page instead of reconnecting for ever. Answers only about the session the request carries.
 */
export const SESSION_STATUSES = ['active', 'account_disabled', 'signed_out', 'expired', 'none'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionStatusView {
  status: SessionStatus;
}
