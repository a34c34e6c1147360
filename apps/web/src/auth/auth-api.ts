import type { SessionUser } from '@yakuba/contracts';
import { api } from '../api/client';

export const authApi = {
  me: () => api<SessionUser>('GET', '/api/auth/me'),
  login: (username: string, password: string) => api<{ user: SessionUser }>('POST', '/api/auth/login', { username, password }),
  logout: () => api('POST', '/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => api('POST', '/api/auth/password', { currentPassword, newPassword }),
};
