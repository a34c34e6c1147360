import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { hasPermission, SOCKET_EVENT_PERMISSIONS, type ClientEventName } from '@yakuba/contracts';
import type { Principal } from './principal';

/**
 * Principals that are not members of staff, confined here in one place (PermissionsGuard for routes,
 * handleSocketEvent for socket events, RealtimeService for broadcasts):
 *
 * - a **guest** (an outside responder invited into one disaster channel) holds no role; it reaches only routes
 *   marked `@GuestRoute()`, and when the route names a channel (a path or query parameter), only its own channel;
 *   of socket events only those in GUEST_SOCKET_EVENTS; it is never in a broadcast to everyone;
 * - an **API token** reaches only routes marked `@ApiTokenRoute(scope)` with a scope it holds, and no socket.
 *
 * Services still check record-level access (a guest is a member of its channel only).
 */
export const GUEST_ROUTE = 'yakuba:guest-route';
export const API_TOKEN_ROUTE = 'yakuba:api-token-route';

export interface GuestRouteOptions {
  /** A path parameter that must be the guest's channel id (else 404). */
  channelParam?: string;
  /** A query parameter that must be present and be the guest's channel id (else 404): search within it only. */
  channelQuery?: string;
}

/** A guest may call this route (services still check that it is its channel's). */
export const GuestRoute = (options: GuestRouteOptions = {}) => SetMetadata(GUEST_ROUTE, options);

/** The OpenAPI security scheme of API tokens (`Authorization: Bearer ykb_…`), declared in apps/server's http-setup. */
export const API_TOKEN_SECURITY = 'api-token';

/**
 * An API token holding `scope` may call this route, as well as the users its permissions allow. The OpenAPI
 * document says so from the same decorator (the `api-token` scheme beside the session's), so the two cannot drift.
 */
export const ApiTokenRoute = (scope: string) =>
  applyDecorators(SetMetadata(API_TOKEN_ROUTE, scope), ApiBearerAuth('bearer'), ApiBearerAuth(API_TOKEN_SECURITY));

/** What a guest may send over its socket: the chat of its channel, and receipts and acknowledgements of alerts. */
export const GUEST_SOCKET_EVENTS: ReadonlySet<ClientEventName> = new Set<ClientEventName>([
  'chat:send',
  'chat:sync',
  'chat:read',
  'chat:edit',
  'chat:delete',
  'chat:react',
  'chat:typing',
  'disaster:ack',
  'disaster:delivered',
  'disaster:opened',
  'disaster:watch',
  'disaster:unwatch',
]);

/** The socket room every guest socket joins at the handshake: broadcasts to everyone leave it out. */
export const GUESTS_ROOM = 'guests';

/** Whether this principal may send this socket event at all (the role permission, or a guest's short list). */
export function mayUseSocketEvent(user: Principal, event: ClientEventName): boolean {
  if (user.apiToken) return false;
  if (user.guest) return GUEST_SOCKET_EVENTS.has(event);
  return hasPermission(user.roles, SOCKET_EVENT_PERMISSIONS[event]);
}

export type ScopeVerdict = 'roles' | 'allowed' | 'forbidden' | 'not_found';

/**
 * The route check for a scoped principal, before role permissions: staff → 'roles' (the usual check); a guest or
 * an API token → allowed, forbidden, or not_found (a channel other than the guest's: reveals nothing).
 */
export function scopeVerdict(
  user: Principal,
  route: { guest?: GuestRouteOptions; apiTokenScope?: string },
  request: { params?: Record<string, unknown>; query?: Record<string, unknown> },
): ScopeVerdict {
  if (user.apiToken) return route.apiTokenScope && user.apiToken.scopes.includes(route.apiTokenScope) ? 'allowed' : 'forbidden';
  if (!user.guest) return 'roles';
  if (!route.guest) return 'forbidden';
  const { channelParam, channelQuery } = route.guest;
  if (channelParam && request.params?.[channelParam] !== user.guest.channelId) return 'not_found';
  if (channelQuery && request.query?.[channelQuery] !== user.guest.channelId) return 'not_found';
  return 'allowed';
}
