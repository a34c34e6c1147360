import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { hasPermission, type Permission, type SessionUser } from '@yakuba/contracts';
import { setUnauthorizedHandler } from '../api/client';
import { queryClient } from '../api/query-client';
import { closeSocket, getSocket } from '../api/socket';
import { authApi } from './auth-api';

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
      queryClient.clear();
      setUser(null);
    });
    authApi
      .me()
      .then(setUser, () => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  // An administrator changed this account (roles, department): the menus follow at once.
  useEffect(() => {
    if (!user) return;
    const socket = getSocket();
    const onUpdated = ({ user: next }: { user: SessionUser }) => setUser(next);
    socket.on('session:updated', onUpdated);
    return () => {
      socket.off('session:updated', onUpdated);
    };
  }, [user?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const login = useCallback(async (username: string, password: string) => {
    const res = await authApi.login(username, password);
    closeSocket();
    // Another person's cached directory, meetings and audit pages must not show through.
    queryClient.clear();
    setUser(res.user);
  }, []);

  const logout = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    closeSocket();
    queryClient.clear();
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
