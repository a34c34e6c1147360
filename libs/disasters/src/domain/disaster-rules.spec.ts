import { assertActive, channelName, checkGuestExpiry, countsForKpis, guestDisplayName, mobilisedLevel } from './disaster-rules';
import { dutiesForLevel, reassign, assertCanRespond } from './duty-rules';
import { ackBoard, countReceipts, receiptState, recipientsOf } from './receipts';
import { tallyRollCall } from './roll-call-tally';
import { mergeTimeline, timelineCsvRows } from './timeline';

const d = (s: number) => new Date(Date.UTC(2026, 8, 1, 0, 0, s));

describe('disaster rules', () => {
  it('closed is read-only; drills are out of KPIs and labelled', () => {
    expect(() => assertActive({ status: 'active', drill: false })).not.toThrow();
    expect(() => assertActive({ status: 'closed', drill: false })).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(countsForKpis({ status: 'active', drill: true })).toBe(false);
    expect(countsForKpis({ status: 'closed', drill: false })).toBe(true);
    expect(channelName('台風10号', 'typhoon', true)).toBe('【訓練】台風10号（台風）');
    expect(channelName('総合防災訓練（大雨） ', 'heavy_rain', true)).toBe('【訓練】総合防災訓練（大雨）');
    const long = channelName('令'.repeat(200), 'earthquake', true);
    expect([...long]).toHaveLength(80);
    expect(long.startsWith('【訓練】')).toBe(true);
    expect(long.endsWith('…（地震）')).toBe(true);
    expect(mobilisedLevel(null)).toBe(1);
    expect(mobilisedLevel(4)).toBe(4);
  });

  it('guest expiry must be ahead and within 30 days', () => {
    const now = d(0);
    expect(() => checkGuestExpiry(d(-1), now)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => checkGuestExpiry(new Date(now.getTime() + 31 * 86_400_000), now)).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    );
    expect(() => checkGuestExpiry(new Date(now.getTime() + 86_400_000), now)).not.toThrow();
  });
});

describe('receipts', () => {
  it('counts each recipient once in the furthest state, author and system excluded', () => {
    const recipients = recipientsOf(['a', 'b', 'c', 'author', 'sys', 'a'], 'author', 'sys');
    expect(recipients).toEqual(['a', 'b', 'c']);
    const receipts = new Map([
      ['a', { userId: 'a', deliveredAt: d(1), openedAt: d(2), acknowledgedAt: d(3) }],
      ['b', { userId: 'b', deliveredAt: d(1), openedAt: null, acknowledgedAt: null }],
      ['gone', { userId: 'gone', deliveredAt: d(1), openedAt: d(1), acknowledgedAt: d(1) }],
    ]);
    expect(countReceipts(recipients, receipts)).toEqual({ total: 3, delivered: 2, opened: 1, acknowledged: 1 });
    expect(receiptState(receipts.get('a'))).toBe('acknowledged');
    expect(receiptState(receipts.get('b'))).toBe('delivered');
    expect(receiptState(undefined)).toBe('pending');
    const board = ackBoard(
      [
        { id: 'a', departmentId: 'd2' },
        { id: 'b', departmentId: 'd1' },
        { id: 'c', departmentId: null },
      ],
      receipts,
      [
        { id: 'd1', name: '総務課', sortOrder: 0 },
        { id: 'd2', name: '税務課', sortOrder: 1 },
      ],
    );
    expect(board.map((r) => [r.departmentName, r.total, r.acknowledged, r.pending])).toEqual([
      ['総務課', 1, 0, ['b']],
      ['税務課', 1, 1, []],
      ['所属なし', 1, 0, ['c']],
    ]);
  });
});

describe('roll call tally', () => {
  it('counts members once with their latest answer; non-members are not counted', () => {
    const t = tallyRollCall(
      [
        { id: 'a', departmentId: 'd1' },
        { id: 'b', departmentId: 'd1' },
        { id: 'c', departmentId: 'd2' },
      ],
      [
        { userId: 'a', safety: 'safe', attendance: 'arrived' },
        { userId: 'c', safety: 'needs_help', attendance: 'unavailable' },
        { userId: 'x', safety: 'safe', attendance: 'available' },
      ],
      [
        { id: 'd1', name: '総務課', sortOrder: 0 },
        { id: 'd2', name: '税務課', sortOrder: 1 },
      ],
    );
    expect(t.total).toBe(3);
    expect(t.answered).toBe(2);
    expect(t.unanswered).toEqual(['b']);
    expect(t.safety).toEqual({ safe: 1, injured: 0, needs_help: 1 });
    expect(t.attendance).toEqual({ available: 0, unavailable: 1, arrived: 1 });
    expect(t.byDepartment.map((r) => [r.departmentName, r.answered, r.unanswered])).toEqual([
      ['総務課', 1, ['b']],
      ['税務課', 1, []],
    ]);
  });
});

describe('duty rules', () => {
  it('mobilises duties up to the level; only the holder answers; reassignment remembers the holder', () => {
    expect(dutiesForLevel([{ level: 1 }, { level: 3 }, { level: 5 }], 3)).toEqual([{ level: 1 }, { level: 3 }]);
    expect(() => assertCanRespond({ assigneeId: 'a', state: 'pending' }, 'b')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(reassign({ assigneeId: 'a', state: 'unavailable', previousAssigneeIds: [] }, 'b')).toEqual({
      assigneeId: 'b',
      state: 'pending',
      previousAssigneeIds: ['a'],
    });
    expect(() => reassign({ assigneeId: 'a', state: 'pending', previousAssigneeIds: [] }, 'a')).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });
});

describe('timeline', () => {
  it('merges in time order, stable on ties, and marks drills in every CSV row', () => {
    const ev = (at: string, summary: string) => ({ at, kind: 'message' as const, actorId: null, actorName: '', summary, refId: null });
    const merged = mergeTimeline([ev('2026-01-01T00:00:01Z', 'a'), ev('2026-01-01T00:00:03Z', 'c')], [ev('2026-01-01T00:00:01Z', 'b')]);
    expect(merged.map((e) => e.summary)).toEqual(['a', 'b', 'c']);
    const rows = timelineCsvRows('訓練', true, merged, (s) => s);
    expect(rows[0][0]).toContain('【訓練】');
    expect(rows.slice(2).every((r) => r[4] === '訓練')).toBe(true);
  });
});

import { photoLocation } from './damage-rules';

describe('damage rules', () => {
  it('takes the first photo with a GPS position', () => {
    expect(
      photoLocation([
        { lat: null, lng: null },
        { lat: 35.1, lng: 139.2 },
        { lat: 1, lng: 2 },
      ]),
    ).toEqual({ lat: 35.1, lng: 139.2 });
    expect(photoLocation([{ lat: null, lng: null }])).toBeUndefined();
  });
});

describe('guestDisplayName', () => {
  it('joins name and organisation, and fits an account name when both are long', () => {
    expect(guestDisplayName('山田 医師', 'DMAT 県立病院')).toBe('山田 医師（DMAT 県立病院）');
    const long = guestDisplayName('名'.repeat(100), '団'.repeat(100));
    expect([...long]).toHaveLength(100);
    expect(long).toMatch(/^名+…（団+…）$/);
    const longOrg = guestDisplayName('山田', '団'.repeat(100));
    expect([...longOrg]).toHaveLength(100);
    expect(longOrg.startsWith('山田（')).toBe(true);
  });
});
