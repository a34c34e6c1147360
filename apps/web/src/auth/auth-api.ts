import type { LoginResponse, MeView, PasswordPolicyView, SessionProbe, SessionStatusView, TotpChallenge, UserPreferences } from '@yakuba/contracts';
import { api } from '../api/client';

export const authApi = {
  me: () => api<MeView>('GET', '/api/auth/me'),
  sessionStatus: () => api<SessionStatusView>('GET', '/api/auth/session-status'),
  /** The first load's probe: 200 with `user: null` when signed out (no 401 in the console of the sign-in page). */
  session: () => api<SessionProbe>('GET', '/api/auth/session'),
  setPreferences: (preferences: UserPreferences) => api<UserPreferences>('PUT', '/api/auth/preferences', preferences),
  login: (username: string, password: string) =>
    api<(LoginResponse & { user: MeView }) | TotpChallenge>('POST', '/api/auth/login', { username, password }),
  loginTotp: (challenge: string, code: string) =>
    api<LoginResponse & { user: MeView }>('POST', '/api/auth/login/totp', { challenge, code }),
  logout: () => api('POST', '/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => api('POST', '/api/auth/password', { currentPassword, newPassword }),
  passwordPolicy: () => api<PasswordPolicyView>('GET', '/api/auth/password-policy'),
};
