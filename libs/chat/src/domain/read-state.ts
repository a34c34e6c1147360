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

/** Who has not read message `seq` yet (its author excluded): the 未読 list beside 既読. */
export function unreadersOf(cursors: readonly MemberCursor[], seq: number, authorId: string): string[] {
  return cursors.filter((c) => c.userId !== authorId && c.lastReadSeq < seq).map((c) => c.userId);
}

/** 既読 N is shown only in channels small enough for it to mean something (Japanese business-chat convention). */
export const READ_RECEIPT_MAX_MEMBERS = 50;
