import type { SessionView, TotpEnrolment, TotpStatus } from '@yakuba/contracts';
import { api } from '../../api/client';

/** The signed-in user's own sessions and authenticator. */
export const accountApi = {
  sessions: () => api<SessionView[]>('GET', '/api/auth/sessions/mine'),
  endSession: (id: string) => api('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`),
  totp: () => api<TotpStatus>('GET', '/api/auth/totp'),
  enrol: () => api<TotpEnrolment>('POST', '/api/auth/totp/enrol'),
  confirm: (code: string) => api<{ recoveryCodes: string[] }>('POST', '/api/auth/totp/confirm', { code }),
  disable: (code: string) => api('POST', '/api/auth/totp/disable', { code }),
};

export const accountKeys = {
  sessions: ['account', 'sessions'] as const,
  totp: ['account', 'totp'] as const,
};
