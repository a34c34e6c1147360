import type { ApprovalServerEvents } from './approvals';
import type { ChatClientEvents, ChatServerEvents } from './chat';
import type { Ack } from './errors';
import type { DisasterClientEvents, DisasterServerEvents } from './disasters';
import type { MeetingClientEvents, MeetingServerEvents } from './meetings';
import type { SessionUser } from './directory';
import type { SurveyServerEvents } from './surveys';
import type { Permission } from './permissions';

/**
 * The typed maps of every Socket.IO event (docs/realtime.md), in both directions. The server's socket.io `Server`,
 * its emits and its gateways, and the web client's `Socket` are all typed by them: an event name or payload that
 * is not here does not compile. A new context adds its own two maps (like chat.ts and meetings.ts) and one line
 * to each interface below, and its events' permissions to SOCKET_EVENT_PERMISSIONS.
 */

/** Events of the connection itself. */
export interface SessionServerEvents {
  /** The session behind this socket ended (logout, password change, account disabled); the socket is closed next. */
  'session:revoked': Record<string, never>;
  /**
   * The account behind this socket changed (roles, department, name): the server now acts on the new roles for this
   * socket, and the client re-reads what it may show.
   */
  'session:updated': { user: SessionUser };
}

/** Every server→client event: name → payload. */
export interface ServerEventPayloads
  extends ChatServerEvents,
    MeetingServerEvents,
    DisasterServerEvents,
    ApprovalServerEvents,
    SurveyServerEvents,
    SessionServerEvents {}
export type ServerEventName = keyof ServerEventPayloads;

/** The same map as socket.io listener signatures. */
export type ServerToClientEvents = { [K in ServerEventName]: (payload: ServerEventPayloads[K]) => void };

/** Every client→server event: name → payload and the fields its acknowledgement carries besides `ok`. */
export interface ClientEvents extends ChatClientEvents, MeetingClientEvents, DisasterClientEvents {}
export type ClientEventName = keyof ClientEvents;
export type ClientEventPayload<K extends ClientEventName> = ClientEvents[K]['payload'];
export type ClientEventResult<K extends ClientEventName> = ClientEvents[K]['result'];

/**
 * Events a client may send without an acknowledgement callback: volatile streams, where a callback waiting for
 * each dropped packet would pile up. The server still answers when a callback is given.
 */
export type VolatileClientEventName = 'meeting:pointer';

/** The same map as socket.io signatures: every event takes its payload and an acknowledgement callback. */
export type ClientToServerEvents = {
  [K in ClientEventName]: K extends VolatileClientEventName
    ? (payload: ClientEventPayload<K>, ack?: (answer: Ack<ClientEventResult<K>>) => void) => void
    : (payload: ClientEventPayload<K>, ack: (answer: Ack<ClientEventResult<K>>) => void) => void;
};

/**
 * The role permission each client→server event needs: the socket counterpart of `@RequirePermissions` on routes,
 * checked before the payload is validated (a refused role answers `forbidden` whatever it sent). The permission
 * snapshot test reads its rows from this table.
 */
export const SOCKET_EVENT_PERMISSIONS: { readonly [K in ClientEventName]: Permission } = {
  'chat:send': 'chat.use',
  'chat:sync': 'chat.use',
  'chat:read': 'chat.use',
  'chat:edit': 'chat.use',
  'chat:delete': 'chat.use',
  'chat:react': 'chat.use',
  'chat:pin': 'chat.use',
  'chat:typing': 'chat.use',
  'chat:presence': 'chat.use',
  'meeting:join': 'meetings.use',
  'meeting:leave': 'meetings.use',
  'meeting:present': 'meetings.use',
  'meeting:handover': 'meetings.use',
  'meeting:pointer': 'meetings.use',
  'meeting:highlight': 'meetings.use',
  'meeting:follow': 'meetings.use',
  // Disaster receipts and answers are chat actions of the disaster channel's members (guests included).
  'disaster:ack': 'chat.use',
  'disaster:delivered': 'chat.use',
  'disaster:opened': 'chat.use',
  'disaster:roll-call': 'chat.use',
  'disaster:watch': 'chat.use',
  'disaster:unwatch': 'chat.use',
};

export const CLIENT_EVENT_NAMES = Object.keys(SOCKET_EVENT_PERMISSIONS) as ClientEventName[];
