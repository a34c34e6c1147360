import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { hasPermission, type MeView, type Permission, type SessionStatus, type SessionUser } from '@yakuba/contracts';
import { ApiError, setUnauthorizedHandler } from '../api/client';
import { queryClient } from '../api/query-client';
import { closeSocket, getSocket } from '../api/socket';
import { setAccountDateStyle, setDisplayTimeZone } from '../shared/format-date';
import { authApi } from './auth-api';
import { forgetAllEditSecrets } from '../features/surveys/edit-secret';
import { forgetDevicePush } from './device-push';

/** Why the open page's session ended (shown on the sign-in page); null when nobody was signed out. */
export type SessionEnd = Exclude<SessionStatus, 'active'>;

/**
 * The last signed-in user of this browser, so that the installed app opens offline (the service worker serves the
 * shell; /api is never cached). Names and roles only, and removed at sign-out.
 */
const LAST_USER_KEY = 'yakuba.session.user';
function rememberUser(user: CurrentUser | null): void {
  try {
    if (user) localStorage.setItem(LAST_USER_KEY, JSON.stringify(user));
    else localStorage.removeItem(LAST_USER_KEY);
  } catch {
    /* storage disabled: offline start shows the sign-in page */
  }
}
function lastUser(): CurrentUser | null {
  try {
    return JSON.parse(localStorage.getItem(LAST_USER_KEY) ?? 'null') as CurrentUser | null;
  } catch {
    return null;
  }
}

/** The signed-in user; `mustChangePassword` keeps everything but the change screen closed. */
export type CurrentUser = SessionUser & Partial<Pick<MeView, 'mustChangePassword' | 'authSource'>>;

interface SessionState {
  user: CurrentUser | null;
  loading: boolean;
  /** Set when this page's session ended under it (disabled, signed out elsewhere, expired): the sign-in page says why. */
  ended: SessionEnd | null;
  /** The user shown is the one remembered from the last connection (started offline). */
  offline: boolean;
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
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [offline, setOffline] = useState(false);

  const signedOut = useCallback((reason: SessionEnd | null) => {
    closeSocket();
    queryClient.clear();
    rememberUser(null);
    setEnded(reason);
    setOffline(false);
    setUser(null);
  }, []);

  /**
   * The server refused this page (a 401, the socket's handshake, `session:revoked`): ask it why, once at a time, and
   * go to the sign-in page with the reason, instead of reconnecting for ever. A session still active (the socket
   * dropped for another reason) reconnects.
   */
  const checking = useRef(false);
  const askWhenOnline = useRef(false);
  const sessionLost = useCallback(async () => {
    if (checking.current) return;
    checking.current = true;
    try {
      const { status } = await authApi.sessionStatus();
      if (status === 'active') getSocket().connect();
      else signedOut(status);
    } catch {
      // No network to ask (the server closed the socket while the tablet went offline): ask once it is back.
      askWhenOnline.current = true;
    } finally {
      checking.current = false;
    }
  }, [signedOut]);

  useEffect(() => {
    const onOnline = () => {
      if (!askWhenOnline.current) return;
      askWhenOnline.current = false;
      void sessionLost();
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [sessionLost]);

  const loadMe = useCallback(
    () =>
      // The probe answers 200 with `user: null` when signed out: no 401 in the console of the sign-in page.
      authApi.session().then(
        ({ user: found, timeZone }) => {
          adoptSettings(found, timeZone);
          setOffline(false);
          setUser(found);
        },
        (error: unknown) => {
          // No network (the installed app opened offline): the remembered user, until the server answers.
          const remembered = error instanceof ApiError && error.status === 0 ? lastUser() : null;
          setOffline(remembered !== null);
          setUser(remembered);
        },
      ),
    [],
  );

  // A 401 means "signed out under the page" only while someone is signed in (not the first `me` of a visitor).
  const current = useRef(user);
  current.current = user;
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (current.current) void sessionLost();
    });
    void loadMe().finally(() => setLoading(false));
  }, [loadMe, sessionLost]);

  useEffect(() => {
    if (user && !offline) rememberUser(user);
  }, [user, offline]);

  // Started offline: ask again once the network is back (a 401 then goes to the sign-in page with the reason).
  useEffect(() => {
    if (!offline) return;
    const onOnline = () => void loadMe();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [offline, loadMe]);

  // An administrator changed this account (roles, department): the menus follow at once.
  // No socket before the password is changed: the server refuses it (password_change_required).
  useEffect(() => {
    if (!user || user.mustChangePassword) return;
    const socket = getSocket();
    const onUpdated = ({ user: next }: { user: SessionUser }) => setUser(next);
    // Ended elsewhere (logout, an administrator, a disabled account) or expired: to the sign-in page with the reason.
    const onRevoked = () => void sessionLost();
    // The handshake refused (the session ended while the socket was away), or the server closed the socket: the
    // client would not retry by itself and the page would say 「再接続中」 for ever.
    const onConnectError = (error: Error) => {
      if (!socket.active || error.message === 'unauthorized') void sessionLost();
    };
    const onDisconnect = (reason: string) => {
      if (reason === 'io server disconnect') void sessionLost();
    };
    socket.on('session:updated', onUpdated);
    socket.on('session:revoked', onRevoked);
    socket.on('connect_error', onConnectError);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('session:updated', onUpdated);
      socket.off('session:revoked', onRevoked);
      socket.off('connect_error', onConnectError);
      socket.off('disconnect', onDisconnect);
    };
  }, [user?.id, user?.mustChangePassword, sessionLost]); // eslint-disable-line react-hooks/exhaustive-deps

  const signedIn = useCallback((next: MeView) => {
    adoptSettings(next);
    closeSocket();
    // Another person's cached directory, meetings and audit pages must not show through.
    queryClient.clear();
    setChallenge(null);
    setEnded(null);
    setOffline(false);
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
    // This device stops receiving the user's pushes (a shared tablet), while the session can still say so.
    if (user) await forgetDevicePush(user.id).catch(() => undefined);
    // A shared device keeps no key to this person's anonymous answers.
    if (user) forgetAllEditSecrets(user.id);
    setAccountDateStyle(null);
    // The socket goes first: the server's session:revoked for this very logout is no news to show.
    closeSocket();
    await authApi.logout().catch(() => undefined);
    signedOut(null);
  }, [user, signedOut]);

  const can = useCallback((permission: Permission) => (user ? hasPermission(user.roles, permission) : false), [user]);
  const value = useMemo(
    () => ({ user, loading, ended, offline, login, completeTotp, cancelTotp, refresh, logout, can }),
    [user, loading, ended, offline, login, completeTotp, cancelTotp, refresh, logout, can],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
