import { parse } from 'cookie';
import { DEVICE_COOKIE, SESSION_COOKIE } from './principal';

type CookieHeaders = { cookie?: string | string[] };

/** One cookie's value from the request headers; null when absent or the header cannot be parsed. */
function cookieValue(headers: CookieHeaders, name: string): string | null {
  const cookieHeader = Array.isArray(headers.cookie) ? headers.cookie.join('; ') : headers.cookie;
  if (!cookieHeader) return null;
  try {
    return parse(cookieHeader)[name] ?? null;
  } catch {
    return null;
  }
}

/** The credential of a request or a socket handshake: a bearer token first, else the session cookie. */
export function extractToken(headers: { authorization?: string | string[] } & CookieHeaders): string | null {
  const auth = Array.isArray(headers.authorization) ? headers.authorization[0] : headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim() || null;
  return cookieValue(headers, SESSION_COOKIE);
}

/** The credential of a Socket.IO handshake: `auth.token` from the client, else the headers (bearer or cookie). */
export function handshakeToken(handshake: { auth?: unknown; headers: { authorization?: string | string[] } & CookieHeaders }): string | null {
  const fromAuth = (handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof fromAuth === 'string' ? fromAuth : extractToken(handshake.headers);
}

/** The device cookie that a successful sign-in leaves (it only spares this browser from others' throttling). */
export function deviceCookie(headers: CookieHeaders): string | null {
  return cookieValue(headers, DEVICE_COOKIE);
}
