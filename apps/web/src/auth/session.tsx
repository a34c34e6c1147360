import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { hasPermission, type MeView, type Permission, type SessionUser } from '@yakuba/contracts';
import { setUnauthorizedHandler } from '../api/client';
import { queryClient } from '../api/query-client';
import { closeSocket, getSocket } from '../api/socket';
import { setAccountDateStyle, setDisplayTimeZone } from '../shared/format-date';
import { authApi } from './auth-api';

/** The signed-in user; `mustChangePassword` keeps everything but the change screen closed. */
export type CurrentUser = SessionUser & Partial<Pick<MeView, 'mustChangePassword' | 'authSource'>>;

interface SessionState {
  user: CurrentUser | null;
  loading: boolean;
  /** 'totp': the password was right and the account has an authenticator; call `completeTotp` with its code. */
  login(username: string, password: string): Promise<'signed-in' | 'totp'>;
  completeTotp(code: string): Promise<void>;
  cancelTotp(): void;
  /** Re-reads the user (after the forced password change). */
  refresh(): Promise<void>;
  logout(): Promise<void>;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

/** The organisation's time zone and the account's calendar choice, before anything is shown. */
function adoptSettings(user: MeView | null, timeZone = user?.timeZone): void {
  if (timeZone) setDisplayTimeZone(timeZone);
  setAccountDateStyle(user?.preferences?.dateStyle ?? null);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(true);
  const [challenge, setChallenge] = useState<string | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      closeSocket();
      queryClient.clear();
      setUser(null);
    });
    authApi
      .session()
      .then(
        ({ user: found, timeZone }) => {
          adoptSettings(found, timeZone);
          setUser(found);
        },
        () => setUser(null),
      )
      .finally(() => setLoading(false));
  }, []);

  // An administrator changed this account (roles, department): the menus follow at once.
  // No socket before the password is changed: the server refuses it (password_change_required).
  useEffect(() => {
    if (!user || user.mustChangePassword) return;
    const socket = getSocket();
    const onUpdated = ({ user: next }: { user: SessionUser }) => setUser(next);
    // Ended elsewhere (logout, an administrator) or expired (idle timeout): back to the sign-in page at once.
    const onRevoked = () => {
      closeSocket();
      queryClient.clear();
      setUser(null);
    };
    socket.on('session:updated', onUpdated);
    socket.on('session:revoked', onRevoked);
    return () => {
      socket.off('session:updated', onUpdated);
      socket.off('session:revoked', onRevoked);
    };
  }, [user?.id, user?.mustChangePassword]); // eslint-disable-line react-hooks/exhaustive-deps

  const signedIn = useCallback((next: MeView) => {
    adoptSettings(next);
    closeSocket();
    // Another person's cached directory, meetings and audit pages must not show through.
    queryClient.clear();
    setChallenge(null);
    setUser(next);
  }, []);

  const login = useCallback(
    async (username: string, password: string): Promise<'signed-in' | 'totp'> => {
      const res = await authApi.login(username, password);
      if ('totpRequired' in res) {
        setChallenge(res.challenge);
        return 'totp';
      }
      signedIn(res.user);
      return 'signed-in';
    },
    [signedIn],
  );

  const completeTotp = useCallback(
    async (code: string) => {
      if (!challenge) throw new Error('no sign-in in progress');
      signedIn((await authApi.loginTotp(challenge, code)).user);
    },
    [challenge, signedIn],
  );

  const cancelTotp = useCallback(() => setChallenge(null), []);
  const refresh = useCallback(async () => {
    const next = await authApi.me();
    adoptSettings(next);
    setUser(next);
  }, []);

  const logout = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    setAccountDateStyle(null);
    closeSocket();
    queryClient.clear();
    setUser(null);
  }, []);

  const can = useCallback((permission: Permission) => (user ? hasPermission(user.roles, permission) : false), [user]);
  const value = useMemo(
    () => ({ user, loading, login, completeTotp, cancelTotp, refresh, logout, can }),
    [user, loading, login, completeTotp, cancelTotp, refresh, logout, can],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
