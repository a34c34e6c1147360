import type { MeetingPresenceEntry } from '@yakuba/contracts';

/** One socket in a meeting's room: whose it is and whether that tablet follows the presenter. */
export interface SocketPresence {
  userId: string;
  following: boolean;
  documentId: string | null;
  page: number | null;
}

/**
 * Who is in which meeting room, socket by socket, and what the presenter's panel shows of it: one line per person
 * (their tablets and desktops combined). Each change answers the meetings whose list changed, so that only those
 * rooms hear of it.
 */
export class RoomRoster {
  /** meetingId → socketId → that socket's presence. */
  private readonly rooms = new Map<string, Map<string, SocketPresence>>();

  /** A socket entered the room: it follows the presenter until it says otherwise. Answers whether the list changed. */
  enter(meetingId: string, socketId: string, userId: string): boolean {
    const room = this.rooms.get(meetingId) ?? new Map<string, SocketPresence>();
    const before = room.get(socketId);
    this.rooms.set(meetingId, room);
    if (before?.userId === userId) return false;
    room.set(socketId, { userId, following: true, documentId: null, page: null });
    return true;
  }

  /** A socket in the room follows again, or browses freely on a page. Answers whether anything changed. */
  follow(meetingId: string, socketId: string, following: boolean, documentId: string | null, page: number | null): boolean {
    const current = this.rooms.get(meetingId)?.get(socketId);
    if (!current) return false;
    const next: SocketPresence = following
      ? { userId: current.userId, following, documentId: null, page: null }
      : { userId: current.userId, following, documentId, page };
    if (current.following === next.following && current.documentId === next.documentId && current.page === next.page) return false;
    this.rooms.get(meetingId)!.set(socketId, next);
    return true;
  }

  has(meetingId: string, socketId: string): boolean {
    return this.rooms.get(meetingId)?.has(socketId) ?? false;
  }

  leave(meetingId: string, socketId: string): boolean {
    const room = this.rooms.get(meetingId);
    if (!room?.delete(socketId)) return false;
    if (room.size === 0) this.rooms.delete(meetingId);
    return true;
  }

  /** A socket disconnected: it leaves every room it was in. Answers those meetings. */
  leaveEverywhere(socketId: string): string[] {
    return [...this.rooms.keys()].filter((meetingId) => this.leave(meetingId, socketId));
  }

  /** People taken off the meeting leave its room with all their sockets. Answers whether the list changed. */
  removeUsers(meetingId: string, userIds: readonly string[]): boolean {
    const room = this.rooms.get(meetingId);
    if (!room) return false;
    const gone = new Set(userIds);
    let changed = false;
    for (const [socketId, presence] of room) {
      if (!gone.has(presence.userId)) continue;
      room.delete(socketId);
      changed = true;
    }
    if (room.size === 0) this.rooms.delete(meetingId);
    return changed;
  }

  /** The panel's list: one entry per person, in the order they came in. */
  presence(meetingId: string): MeetingPresenceEntry[] {
    return summarise(this.rooms.get(meetingId)?.values() ?? []);
  }
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
