import type { DateStyle, Role } from '@yakuba/contracts';

/** Who is calling: attached to every authenticated request and socket. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
  position: string | null;
  sessionId: string;
  /** The password must be changed before anything else (SessionGuard lets only a few routes through). */
  mustChangePassword?: boolean;
  authSource?: 'local' | 'ldap';
  /** An outside responder confined to one channel until `expiresAt` (auth/scope.ts); no role. */
  guest?: { channelId: string; expiresAt: string };
  /** An outside relay's API token: it reaches only routes marked `@ApiTokenRoute(scope)` with one of its scopes. */
  apiToken?: { id: string; name: string; scopes: string[] };
  /** The account's choice of calendar for dates (GET/PUT /api/auth/preferences); null or absent: not chosen. */
  dateStyle?: DateStyle | null;
}

export const SESSION_COOKIE = 'yakuba_session';

/** Long-lived, httpOnly, only sent to /api/auth: marks a browser where this account signed in successfully. */
export const DEVICE_COOKIE = 'yakuba_device';
