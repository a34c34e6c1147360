import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { hasPermission, type Permission, type SessionUser } from '@yakuba/contracts';
import { api, setUnauthorizedHandler } from '../api/client';
import { closeSocket } from '../api/socket';

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      closeSocket();
      setUser(null);
    });
    api<SessionUser>('GET', '/api/auth/me')
      .then(setUser, () => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<{ user: SessionUser }>('POST', '/api/auth/login', { username, password });
    closeSocket();
    setUser(res.user);
  }, []);

  const logout = useCallback(async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    closeSocket();
    setUser(null);
  }, []);

  const can = useCallback((permission: Permission) => (user ? hasPermission(user.roles, permission) : false), [user]);
  const value = useMemo(() => ({ user, loading, login, logout, can }), [user, loading, login, logout, can]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
