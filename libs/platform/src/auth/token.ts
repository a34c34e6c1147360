import { parse } from 'cookie';
import { DEVICE_COOKIE, SESSION_COOKIE } from './principal';

/** The credential of a request or a socket handshake: a bearer token first, else the session cookie. */
export function extractToken(headers: { authorization?: string | string[]; cookie?: string | string[] }): string | null {
  const auth = Array.isArray(headers.authorization) ? headers.authorization[0] : headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim() || null;
  const cookieHeader = Array.isArray(headers.cookie) ? headers.cookie.join('; ') : headers.cookie;
  if (!cookieHeader) return null;
  try {
    return parse(cookieHeader)[SESSION_COOKIE] ?? null;
  } catch {
    return null;
  }
}

/** The credential of a Socket.IO handshake: `auth.token` from the client, else the headers (bearer or cookie). */
export function handshakeToken(handshake: { auth?: unknown; headers: { authorization?: string | string[]; cookie?: string | string[] } }): string | null {
  const fromAuth = (handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof fromAuth === 'string' ? fromAuth : extractToken(handshake.headers);
}

/** The device cookie that a successful sign-in leaves (it only spares this browser from others' throttling). */
export function deviceCookie(headers: { cookie?: string | string[] }): string | null {
  const cookieHeader = Array.isArray(headers.cookie) ? headers.cookie.join('; ') : headers.cookie;
  if (!cookieHeader) return null;
  try {
    return parse(cookieHeader)[DEVICE_COOKIE] ?? null;
  } catch {
    return null;
  }
}
