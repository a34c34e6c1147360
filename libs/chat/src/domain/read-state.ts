/**
 * Read cursors: each member's `lastReadSeq` in a channel. A message `seq` is read by a member once their cursor is
 * at or beyond it. Cursors only move forward and never past the channel's last message.
 */
export function advanceCursor(current: number, requested: number, lastSeq: number): number {
  return Math.max(current, Math.min(requested, lastSeq));
}

export interface MemberCursor {
  userId: string;
  lastReadSeq: number;
}

/** Who has read message `seq` (its author excluded): the people behind 既読 N. */
export function readersOf(cursors: readonly MemberCursor[], seq: number, authorId: string): string[] {
  return cursors.filter((c) => c.userId !== authorId && c.lastReadSeq >= seq).map((c) => c.userId);
}

export function readCount(cursors: readonly MemberCursor[], seq: number, authorId: string): number {
  return readersOf(cursors, seq, authorId).length;
}

/** 既読 N is shown only in channels small enough for it to mean something (Japanese business-chat convention). */
export const READ_RECEIPT_MAX_MEMBERS = 50;

export interface UnreadMessage {
  seq: number;
  authorId: string;
  deleted: boolean;
  /** A thread reply not also sent to the channel does not count as channel unread. */
  inChannel: boolean;
  mentionsMe: boolean;
  mentionsAll: boolean;
}

export interface UnreadCounts {
  unread: number;
  mentions: number;
  broadcastMentions: number;
}

/** The counts of the sidebar badge for one member (the server does the same in SQL; the client applies it live). */
export function unreadCounts(messages: readonly UnreadMessage[], me: string, lastReadSeq: number): UnreadCounts {
  const counts: UnreadCounts = { unread: 0, mentions: 0, broadcastMentions: 0 };
  for (const m of messages) {
    if (m.seq <= lastReadSeq || m.authorId === me || m.deleted) continue;
    if (m.inChannel) counts.unread++;
    if (m.mentionsMe) counts.mentions++;
    else if (m.mentionsAll) counts.broadcastMentions++;
  }
  return counts;
}
