import { advanceCursor, readCount, readersOf, unreadCounts, type UnreadMessage } from './read-state';

describe('read state', () => {
  it('moves a cursor forward only, and never past the last message', () => {
    expect(advanceCursor(5, 8, 10)).toBe(8);
    expect(advanceCursor(5, 3, 10)).toBe(5);
    expect(advanceCursor(5, 99, 10)).toBe(10);
    expect(advanceCursor(0, 0, 0)).toBe(0);
  });

  it('counts readers of a message, excluding its author', () => {
    const cursors = [
      { userId: 'a', lastReadSeq: 10 },
      { userId: 'b', lastReadSeq: 4 },
      { userId: 'c', lastReadSeq: 5 },
    ];
    expect(readersOf(cursors, 5, 'a')).toEqual(['c']);
    expect(readCount(cursors, 5, 'b')).toBe(2);
    expect(readCount(cursors, 11, 'b')).toBe(0);
  });

  it('counts unread, personal mentions and @channel/@here apart', () => {
    const m = (seq: number, over: Partial<UnreadMessage> = {}): UnreadMessage => ({
      seq,
      authorId: 'x',
      deleted: false,
      inChannel: true,
      mentionsMe: false,
      mentionsAll: false,
      ...over,
    });
    const messages = [
      m(1),
      m(2, { mentionsMe: true }),
      m(3, { mentionsAll: true }),
      m(4, { authorId: 'me' }),
      m(5, { deleted: true, mentionsMe: true }),
      m(6, { inChannel: false, mentionsMe: true }),
      m(7, { mentionsMe: true, mentionsAll: true }),
    ];
    expect(unreadCounts(messages, 'me', 1)).toEqual({ unread: 3, mentions: 3, broadcastMentions: 1 });
    expect(unreadCounts(messages, 'me', 7)).toEqual({ unread: 0, mentions: 0, broadcastMentions: 0 });
  });
});
