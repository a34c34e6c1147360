import type { LoginResponse, MeView, PasswordPolicyView, SessionStatusView, TotpChallenge } from '@yakuba/contracts';
import { api } from '../api/client';

export const authApi = {
  me: () => api<MeView>('GET', '/api/auth/me'),
  sessionStatus: () => api<SessionStatusView>('GET', '/api/auth/session-status'),
  login: (username: string, password: string) => api<(LoginResponse & { user: MeView }) | TotpChallenge>('POST', '/api/auth/login', { username, password }),
  loginTotp: (challenge: string, code: string) => api<LoginResponse & { user: MeView }>('POST', '/api/auth/login/totp', { challenge, code }),
  logout: () => api('POST', '/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => api('POST', '/api/auth/password', { currentPassword, newPassword }),
  passwordPolicy: () => api<PasswordPolicyView>('GET', '/api/auth/password-policy'),
};
