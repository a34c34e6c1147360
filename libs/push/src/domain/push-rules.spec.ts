import { DEFAULT_PUSH_HOSTS, hostAllowed, pushBodyText, pushRecipients, pushTitle, subscriptionProblem } from './push-rules';

const key = (bytes: number[]) => Buffer.from(bytes).toString('base64url');
const p256dh = key([4, ...Array.from({ length: 64 }, (_, i) => i)]);
const auth = key(Array.from({ length: 16 }, (_, i) => i));

describe('push services', () => {
  it('accepts the browsers’ services and their subdomains only', () => {
    expect(hostAllowed('fcm.googleapis.com', DEFAULT_PUSH_HOSTS)).toBe(true);
    expect(hostAllowed('updates.push.services.mozilla.com', DEFAULT_PUSH_HOSTS)).toBe(true);
    expect(hostAllowed('web.push.apple.com', DEFAULT_PUSH_HOSTS)).toBe(true);
    expect(hostAllowed('push.apple.com', DEFAULT_PUSH_HOSTS)).toBe(false);
    expect(hostAllowed('evilpush.apple.com', DEFAULT_PUSH_HOSTS)).toBe(false);
    expect(hostAllowed('fcm.googleapis.com.evil.example', DEFAULT_PUSH_HOSTS)).toBe(false);
    expect(hostAllowed('10.0.0.5', DEFAULT_PUSH_HOSTS)).toBe(false);
    expect(hostAllowed('127.0.0.1', ['127.0.0.1'])).toBe(true);
  });
});

describe('subscriptionProblem', () => {
  const ok = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', p256dh, auth };
  it('accepts what a browser gives', () => {
    expect(subscriptionProblem(ok, DEFAULT_PUSH_HOSTS)).toBeNull();
  });
  it.each([
    [{ endpoint: 'not a url' }, /endpoint: must be a URL/],
    [{ endpoint: 'http://fcm.googleapis.com/x' }, /https/],
    [{ endpoint: 'https://u:p@fcm.googleapis.com/x' }, /credentials/],
    [{ endpoint: 'https://intranet.town.lg.jp/x' }, /not an allowed push service/],
    [{ p256dh: key([4, 1, 2]) }, /p256dh/],
    [{ p256dh: key([3, ...Array.from({ length: 64 }, () => 1)]) }, /p256dh/],
    [{ p256dh: 'not base64!' }, /p256dh/],
    [{ auth: key([1, 2, 3]) }, /auth/],
  ])('refuses %o', (change, message) => {
    expect(subscriptionProblem({ ...ok, ...change }, DEFAULT_PUSH_HOSTS)).toMatch(message);
  });
});

describe('pushRecipients', () => {
  const members = ['a', 'b', 'c', 'sys'];
  it('pushes an urgent message to every member but the author and the system account', () => {
    expect(pushRecipients({ authorId: 'a', urgent: true, mentions: { userIds: [] } }, members, 'sys').sort()).toEqual(['b', 'c']);
  });
  it('pushes a mention to the members it names, once each, never to the author or outsiders', () => {
    expect(pushRecipients({ authorId: 'a', mentions: { userIds: ['b', 'b', 'a', 'z'] } }, members, 'sys')).toEqual(['b']);
  });
  it('pushes nothing for an ordinary or deleted message', () => {
    expect(pushRecipients({ authorId: 'a', mentions: { userIds: [] } }, members, 'sys')).toEqual([]);
    expect(pushRecipients({ authorId: 'a', urgent: true, deletedAt: 'x', mentions: { userIds: [] } }, members, 'sys')).toEqual([]);
  });
});

describe('what a push says', () => {
  it('takes the markdown out and keeps one short line', () => {
    expect(pushBodyText('**【全庁連絡】** 台風\n\n- 窓口 [掲示](https://x)')).toBe('【全庁連絡】 台風 - 窓口 掲示');
    expect(pushBodyText('あ'.repeat(300))).toHaveLength(140);
  });
  it('titles an urgent message 【緊急】 with its channel', () => {
    expect(pushTitle({ urgent: true, authorName: '佐藤', channelName: '台風10号' })).toBe('【緊急】台風10号');
    expect(pushTitle({ urgent: false, authorName: '佐藤', channelName: '総務課' })).toBe('佐藤 — 総務課');
  });
});
