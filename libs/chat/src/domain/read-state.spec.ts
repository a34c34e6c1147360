import { advanceCursor, readersOf, unreadersOf } from './read-state';

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
    expect(readersOf(cursors, 5, 'b')).toEqual(['a', 'c']);
    expect(readersOf(cursors, 11, 'b')).toEqual([]);
  });

  it('lists who has not read a message yet: every other member is a reader or not, never both', () => {
    const cursors = [
      { userId: 'a', lastReadSeq: 10 },
      { userId: 'b', lastReadSeq: 4 },
      { userId: 'c', lastReadSeq: 5 },
    ];
    expect(unreadersOf(cursors, 5, 'a')).toEqual(['b']);
    expect(unreadersOf(cursors, 11, 'b')).toEqual(['a', 'c']);
    for (const seq of [1, 5, 10, 11]) {
      const split = [...readersOf(cursors, seq, 'c'), ...unreadersOf(cursors, seq, 'c')].sort();
      expect(split).toEqual(['a', 'b']);
    }
  });
});
