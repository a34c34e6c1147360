import type { MeetingPresenceEntry } from '@yakuba/contracts';

/**
 * What one socket in a meeting's room says of itself: following the presenter, or browsing freely (where), and
 * since when it is in the room. Kept with the socket (its socket.io data), so that any node can read it.
 */
export interface RoomSocketState {
  following: boolean;
  documentId: string | null;
  page: number | null;
  /** When the socket entered the room (ms): the panel lists people in the order they came in. */
  since: number;
}

/** One socket in a meeting's room: whose it is and whether that tablet follows the presenter. */
export interface SocketPresence {
  userId: string;
  following: boolean;
  documentId: string | null;
  page: number | null;
}

/** A socket entered the room: it follows the presenter until it says otherwise; entering again changes nothing. */
export function entered(current: RoomSocketState | undefined, now: number): RoomSocketState {
  return current ?? { following: true, documentId: null, page: null, since: now };
}

/**
 * `meeting:follow` of a socket in the room: following again (and forgetting the page it browsed), or browsing on a
 * page. Answers the new state, or null when nothing changed (nothing to tell the room).
 */
export function followed(
  current: RoomSocketState,
  following: boolean,
  documentId: string | null,
  page: number | null,
): RoomSocketState | null {
  const next: RoomSocketState = following
    ? { following, documentId: null, page: null, since: current.since }
    : { following, documentId, page, since: current.since };
  return current.following === next.following && current.documentId === next.documentId && current.page === next.page ? null : next;
}

/**
 * The panel's list from the sockets in the room, wherever they are connected: sockets that have not entered yet
 * (no state: the join is still checking) and people being taken off the meeting are left out; the others in the
 * order they came in, one line per person (summarise).
 */
export function roster(
  sockets: Iterable<{ userId: string; state: RoomSocketState | undefined }>,
  without: ReadonlySet<string> = new Set(),
): MeetingPresenceEntry[] {
  const present = [...sockets]
    .filter((s): s is { userId: string; state: RoomSocketState } => s.state !== undefined && !without.has(s.userId))
    .sort((a, b) => a.state.since - b.state.since);
  return summarise(present.map(({ userId, state }) => ({ userId, following: state.following, documentId: state.documentId, page: state.page })));
}

/**
 * One line per person: following if any of their sockets follows (they see the presenter's page somewhere);
 * otherwise where the last of their sockets to enter the room browses.
 */
export function summarise(sockets: Iterable<SocketPresence>): MeetingPresenceEntry[] {
  const people = new Map<string, MeetingPresenceEntry>();
  for (const s of sockets) {
    const entry = people.get(s.userId);
    if (!entry) {
      people.set(s.userId, { userId: s.userId, following: s.following, documentId: s.documentId, page: s.page, devices: 1 });
      continue;
    }
    entry.devices++;
    if (entry.following) continue;
    if (s.following) Object.assign(entry, { following: true, documentId: null, page: null });
    else Object.assign(entry, { documentId: s.documentId, page: s.page });
  }
  return [...people.values()];
}
