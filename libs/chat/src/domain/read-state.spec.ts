import { advanceCursor, readersOf } from './read-state';

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
});
