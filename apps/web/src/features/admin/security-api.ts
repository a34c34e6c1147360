import type { LdapSettingsView, LdapTestResult, SecuritySettingsView, SessionView } from '@yakuba/contracts';
import { api } from '../../api/client';

/** What the LDAP form sends: the view's fields, and the search password only when it was typed. */
export type LdapSettingsInput = Omit<LdapSettingsView, 'bindPasswordSet'> & { bindPassword?: string };

export type SecurityUpdate = {
  session?: SecuritySettingsView['session'];
  password?: SecuritySettingsView['password'];
  totp?: SecuritySettingsView['totp'];
  ldap?: LdapSettingsInput;
};

/** Security settings and everyone's sessions (administrators). */
export const securityApi = {
  settings: () => api<SecuritySettingsView>('GET', '/api/auth/security'),
  save: (update: SecurityUpdate) => api<SecuritySettingsView>('PUT', '/api/auth/security', update),
  testLdap: (ldap: LdapSettingsInput, username?: string) => api<LdapTestResult>('POST', '/api/auth/security/ldap-test', { ldap, username: username || undefined }),
  sessions: () => api<SessionView[]>('GET', '/api/auth/sessions'),
  endSession: (id: string) => api('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`),
  resetTotp: (userId: string) => api('POST', `/api/auth/totp/reset/${encodeURIComponent(userId)}`),
};

export const securityKeys = {
  settings: ['admin', 'security'] as const,
  sessions: ['admin', 'sessions'] as const,
};
