import type { PresenceStatus } from '@yakuba/contracts';

/** What one socket, or one node's sockets of a user together, report. */
export type ConnectedStatus = Exclude<PresenceStatus, 'offline'>;

/**
 * A user's status from the statuses of their sockets (tabs and devices), or of the nodes holding them: online if
 * any is online, away if all are away, offline with none. The same rule in Redis (presence-store.ts, Lua) for the
 * union over nodes.
 */
export function combinePresence(statuses: Iterable<ConnectedStatus>): PresenceStatus {
  let combined: PresenceStatus = 'offline';
  for (const status of statuses) {
    if (status === 'online') return 'online';
    combined = 'away';
  }
  return combined;
}
