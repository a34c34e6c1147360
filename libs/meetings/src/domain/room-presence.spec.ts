import { RoomRoster, summarise } from './room-presence';

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

  it('enters following, browses, follows again, and answers whether anything changed', () => {
    const roster = new RoomRoster();
    expect(roster.enter('m', 's1', 'a')).toBe(true);
    expect(roster.enter('m', 's1', 'a')).toBe(false);
    expect(roster.presence('m')).toEqual([{ userId: 'a', following: true, documentId: null, page: null, devices: 1 }]);
    expect(roster.follow('m', 's1', false, 'd', 3)).toBe(true);
    expect(roster.follow('m', 's1', false, 'd', 3)).toBe(false);
    expect(roster.presence('m')).toEqual([{ userId: 'a', following: false, documentId: 'd', page: 3, devices: 1 }]);
    // Following forgets the page it browsed.
    expect(roster.follow('m', 's1', true, 'd', 9)).toBe(true);
    expect(roster.presence('m')[0]).toMatchObject({ following: true, documentId: null, page: null });
  });

  it('ignores a follow report from a socket that is not in the room', () => {
    const roster = new RoomRoster();
    expect(roster.follow('m', 's1', false, 'd', 1)).toBe(false);
    roster.enter('other', 's1', 'a');
    expect(roster.follow('m', 's1', false, 'd', 1)).toBe(false);
    expect(roster.presence('m')).toEqual([]);
  });

  it('lets a disconnected socket leave every room, and removed people leave with all their sockets', () => {
    const roster = new RoomRoster();
    roster.enter('m1', 's1', 'a');
    roster.enter('m2', 's1', 'a');
    roster.enter('m2', 's2', 'b');
    roster.enter('m2', 's3', 'b');
    expect(roster.leaveEverywhere('s1').sort()).toEqual(['m1', 'm2']);
    expect(roster.leaveEverywhere('s1')).toEqual([]);
    expect(roster.presence('m1')).toEqual([]);
    expect(roster.presence('m2')).toEqual([{ userId: 'b', following: true, documentId: null, page: null, devices: 2 }]);
    expect(roster.removeUsers('m2', ['x'])).toBe(false);
    expect(roster.removeUsers('m2', ['b'])).toBe(true);
    expect(roster.presence('m2')).toEqual([]);
    expect(roster.has('m2', 's2')).toBe(false);
    expect(roster.leave('m2', 's2')).toBe(false);
  });
});
