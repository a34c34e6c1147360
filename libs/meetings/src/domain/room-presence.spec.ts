import { entered, followed, roster, summarise } from './room-presence';

describe('room presence', () => {
  it('lists a person once, following when any of their sockets follows, with their device count', () => {
    expect(
      summarise([
        { userId: 'a', following: false, documentId: 'd', page: 4 },
        { userId: 'b', following: false, documentId: 'd', page: 2 },
        { userId: 'a', following: true, documentId: null, page: null },
      ]),
    ).toEqual([
      { userId: 'a', following: true, documentId: null, page: null, devices: 2 },
      { userId: 'b', following: false, documentId: 'd', page: 2, devices: 1 },
    ]);
  });

  it('shows where a browsing person is, from the last of their browsing sockets', () => {
    expect(
      summarise([
        { userId: 'a', following: false, documentId: 'd', page: 4 },
        { userId: 'a', following: false, documentId: 'e', page: 1 },
      ]),
    ).toEqual([{ userId: 'a', following: false, documentId: 'e', page: 1, devices: 2 }]);
  });

  it('enters following (entering again keeps the state), browses, follows again, and says whether anything changed', () => {
    const first = entered(undefined, 100);
    expect(first).toEqual({ following: true, documentId: null, page: null, since: 100 });
    expect(entered(first, 200)).toBe(first);
    const browsing = followed(first, false, 'd', 3)!;
    expect(browsing).toEqual({ following: false, documentId: 'd', page: 3, since: 100 });
    expect(followed(browsing, false, 'd', 3)).toBeNull();
    expect(followed(browsing, false, 'd', 4)).toEqual({ following: false, documentId: 'd', page: 4, since: 100 });
    // Following forgets the page it browsed.
    expect(followed(browsing, true, 'd', 9)).toEqual({ following: true, documentId: null, page: null, since: 100 });
    expect(followed(first, true, null, null)).toBeNull();
  });

  it('lists the sockets of the room in the order they came in, wherever they are connected', () => {
    const at = (since: number, following = true, page: number | null = null) => ({ following, documentId: page ? 'd' : null, page, since });
    // fetchSockets answers this node's sockets first, then the other nodes': the order comes from `since`.
    const sockets = [
      { userId: 'c', state: at(30) },
      { userId: 'a', state: at(10, false, 2) },
      { userId: 'b', state: at(20) },
      { userId: 'a', state: at(40, false, 5) },
      // In the room, but its join is still being checked: not listed yet.
      { userId: 'd', state: undefined },
    ];
    expect(roster(sockets)).toEqual([
      { userId: 'a', following: false, documentId: 'd', page: 5, devices: 2 },
      { userId: 'b', following: true, documentId: null, page: null, devices: 1 },
      { userId: 'c', following: true, documentId: null, page: null, devices: 1 },
    ]);
    // People being taken off the meeting are left out, whichever node still holds their sockets.
    expect(roster(sockets, new Set(['a', 'c']))).toEqual([{ userId: 'b', following: true, documentId: null, page: null, devices: 1 }]);
    expect(roster([])).toEqual([]);
  });
});
