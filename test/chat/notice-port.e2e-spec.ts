import { SYSTEM_ACCOUNT } from '@yakuba/contracts';
import { NOTICE_PORT, type NoticePort } from '@yakuba/platform';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { createChannel, send } from './chat-helpers';

describe('notice port (a system message through chat)', () => {
  let t: TestServer;
  let notices: NoticePort;
  let admin: SignedIn;
  let sato: SignedIn;
  let suzuki: SignedIn;
  let tanaka: SignedIn;
  let ito: SignedIn;

  beforeAll(async () => {
    t = await TestServer.start();
    // The port as another context gets it: by its token, from the running application, without importing chat.
    notices = t.server.app.get<symbol, NoticePort>(NOTICE_PORT);
    [admin, sato, suzuki, ito] = await Promise.all(['admin', 'sato.somu', 'suzuki.somu', 'ito.kikaku'].map((name) => t.login(name)));
    // A newcomer: the demo data (approvals, surveys) already sends notices to the demo staff.
    const departments = (await t.request('GET', '/api/departments', { token: admin.token })).body as { id: string }[];
    const created = await t.request('POST', '/api/users', {
      token: admin.token,
      json: { username: 'notice.newcomer', displayName: '新人 通知', password: 'newcomer-pass-1', departmentId: departments[0].id },
    });
    expect(created.status).toBe(201);
    tanaka = await t.login('notice.newcomer', 'newcomer-pass-1');
  });
  afterAll(() => t.close());

  const channelOf = async (user: SignedIn, channelId: string) =>
    ((await t.request('GET', '/api/chat/channels', { token: user.token })).body as any[]).find((c) => c.id === channelId);

  it('posts into a channel: members get chat:message and chat:sync, seq stays gap-free, unread counts it', async () => {
    const channel = await createChannel(t, sato, 'private', [suzuki]);
    const [satoSocket, suzukiSocket] = await Promise.all([t.socket({ token: sato.token }), t.socket({ token: suzuki.token })]);
    const first = await send(suzukiSocket, channel.id, 'お疲れさまです');
    const arrivals = [satoSocket, suzukiSocket].map((s) =>
      nextEvent(s, 'chat:message', (p: any) => p.message.authorId === SYSTEM_ACCOUNT.id),
    );
    const posted = await notices.toChannel(channel.id, '【承認待ち】出張申請が1件あります');
    expect(posted).toEqual({ channelId: channel.id, messageId: expect.any(String), seq: first.seq + 1 });
    for (const { message } of await Promise.all(arrivals)) {
      expect(message).toMatchObject({
        id: posted.messageId,
        seq: posted.seq,
        authorId: SYSTEM_ACCOUNT.id,
        body: '【承認待ち】出張申請が1件あります',
      });
    }
    const sync = await emitAck(suzukiSocket, 'chat:sync', { cursors: { [channel.id]: first.seq } });
    expect(sync.messages.map((m: any) => [m.seq, m.authorId])).toEqual([[posted.seq, SYSTEM_ACCOUNT.id]]);
    // Unread: sato read nothing (two), suzuki read up to his own message (one): a notice is unread like any message.
    expect(await channelOf(sato, channel.id)).toMatchObject({ unread: 2, lastSeq: posted.seq, lastReadSeq: 0, memberCount: 2 });
    expect(await channelOf(suzuki, channel.id)).toMatchObject({ unread: 1, lastReadSeq: first.seq });
    // The system account posts without joining, and the next person's message follows without a gap.
    const members = await t.request('GET', `/api/chat/channels/${channel.id}/members`, { token: sato.token });
    expect(members.body.map((m: any) => m.userId)).not.toContain(SYSTEM_ACCOUNT.id);
    expect((await send(satoSocket, channel.id, '確認します')).seq).toBe(posted.seq + 1);
    const read = await emitAck(suzukiSocket, 'chat:read', { channelId: channel.id, seq: posted.seq });
    expect(read).toMatchObject({ ok: true, seq: posted.seq });
  });

  it('is idempotent with a key, also when the same notice is posted concurrently', async () => {
    const channel = await createChannel(t, sato, 'public', []);
    const before = (await channelOf(sato, channel.id)).lastSeq;
    const posted = await Promise.all(
      Array.from({ length: 5 }, () => notices.toChannel(channel.id, '回答期限は明日です', { key: 'survey:42:reminder' })),
    );
    expect(new Set(posted.map((p) => p.messageId)).size).toBe(1);
    expect(posted[0].seq).toBe(before + 1);
    const again = await notices.toChannel(channel.id, '回答期限は明日です', { key: 'survey:42:reminder' });
    expect(again).toEqual(posted[0]);
    const other = await notices.toChannel(channel.id, '本日締切です');
    expect(other.seq).toBe(before + 2);
    expect((await channelOf(sato, channel.id)).lastSeq).toBe(before + 2);
  });

  it('sends a direct message to a user in one conversation with the system account, opened once', async () => {
    const socket = await t.socket({ token: tanaka.token });
    const opened = nextEvent(socket, 'chat:channel');
    const arrived = nextEvent(socket, 'chat:message');
    const posted = await Promise.all([
      notices.toUser(tanaka.user.id, '【災害】避難所の開設をお願いします', { key: 'disaster:1' }),
      notices.toUser(tanaka.user.id, '【災害】参集してください', { key: 'disaster:2' }),
    ]);
    expect(posted[0].channelId).toBe(posted[1].channelId);
    expect(posted.map((p) => p.seq).sort()).toEqual([1, 2]);
    const { channel } = await opened;
    expect(channel).toMatchObject({ id: posted[0].channelId, type: 'direct', joined: true });
    expect([...channel.memberIds].sort()).toEqual([SYSTEM_ACCOUNT.id, tanaka.user.id].sort());
    expect((await arrived).message.authorId).toBe(SYSTEM_ACCOUNT.id);
    const sync = await emitAck(socket, 'chat:sync', { cursors: { [posted[0].channelId]: 0 } });
    expect(sync.messages.map((m: any) => m.seq)).toEqual([1, 2]);
    expect(await channelOf(tanaka, posted[0].channelId)).toMatchObject({ unread: 2, lastSeq: 2, lastReadSeq: 0 });
    const later = await notices.toUser(tanaka.user.id, '解除されました');
    expect(later).toMatchObject({ channelId: posted[0].channelId, seq: 3 });
    // Nobody else is in that conversation.
    expect((await t.request('GET', `/api/chat/channels/${later.channelId}`, { token: ito.token })).status).toBe(404);
  });

  it('refuses an archived or unknown channel and an unknown user', async () => {
    const channel = await createChannel(t, sato, 'private', []);
    await t.request('PATCH', `/api/chat/channels/${channel.id}`, { token: sato.token, json: { archived: true } });
    await expect(notices.toChannel(channel.id, 'x')).rejects.toMatchObject({ code: 'conflict' });
    await expect(notices.toChannel('00000000-0000-4000-8000-000000000000', 'x')).rejects.toMatchObject({ code: 'not_found' });
    await expect(notices.toUser('00000000-0000-4000-8000-000000000000', 'x')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(notices.toUser(suzuki.user.id, ' ')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('keeps the system account out of sign-in and out of the staff directory', async () => {
    for (const password of ['', '!', 'yakuba-demo']) {
      const res = await t.request('POST', '/api/auth/login', { json: { username: SYSTEM_ACCOUNT.username, password } });
      expect([400, 401]).toContain(res.status);
    }
    for (const path of ['/api/users', '/api/users?includeDisabled=true', `/api/users?q=${SYSTEM_ACCOUNT.username}`]) {
      const res = await t.request('GET', path, { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.map((u: any) => u.id)).not.toContain(SYSTEM_ACCOUNT.id);
    }
    expect((await t.request('GET', `/api/users/${SYSTEM_ACCOUNT.id}`, { token: admin.token })).status).toBe(404);
    const enable = await t.request('PATCH', `/api/users/${SYSTEM_ACCOUNT.id}`, { token: admin.token, json: { active: true } });
    expect(enable.status).toBe(404);
    // Nor can anyone open a conversation with it as with a person.
    const direct = await t.request('POST', '/api/chat/channels', {
      token: sato.token,
      json: { type: 'direct', memberIds: [SYSTEM_ACCOUNT.id] },
    });
    expect(direct.status).toBe(400);
  });
});
