import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { clientId, collect, createChannel, send } from './chat-helpers';

describe('chat access: members only, everywhere', () => {
  let t: TestServer;
  const u: Record<string, SignedIn> = {};
  beforeAll(async () => {
    t = await TestServer.start();
    for (const name of [
      'sato.somu',
      'suzuki.somu',
      'tanaka.kikaku',
      'ito.kikaku',
      'watanabe.kikaku',
      'yamamoto.chomin',
      'kato.zeimu',
      'admin',
    ])
      u[name.split('.')[0]] = await t.login(name);
  });
  afterAll(() => t.close());

  it('a non-member of a private channel receives none of its events and every event or route naming it fails', async () => {
    const channel = await createChannel(t, u.sato, 'private', [u.suzuki]);
    const [member, outsider] = await Promise.all([t.socket({ token: u.sato.token }), t.socket({ token: u.tanaka.token })]);
    const seen = ['chat:message', 'chat:update', 'chat:read', 'chat:typing'].map((e) => collect(outsider, e));
    const m = await send(member, channel.id, '人事の件（非公開）');
    await emitAck(member, 'chat:edit', { messageId: m.id, body: '人事の件（非公開・修正）' });
    await emitAck(member, 'chat:typing', { channelId: channel.id });
    const refused = async (event: string, payload: unknown) =>
      expect(['forbidden', 'not_found']).toContain((await emitAck(outsider, event, payload)).error?.code);
    await refused('chat:send', { channelId: channel.id, clientMsgId: clientId(), body: 'hi' });
    await refused('chat:sync', { cursors: { [channel.id]: 0 } });
    await refused('chat:read', { channelId: channel.id, seq: 1 });
    await refused('chat:edit', { messageId: m.id, body: 'x' });
    await refused('chat:delete', { messageId: m.id });
    await refused('chat:react', { messageId: m.id, emoji: '👍' });
    await refused('chat:pin', { messageId: m.id, pinned: true });
    await refused('chat:typing', { channelId: channel.id });
    for (const path of [
      `/api/chat/channels/${channel.id}`,
      `/api/chat/channels/${channel.id}/messages`,
      `/api/chat/channels/${channel.id}/members`,
      `/api/chat/channels/${channel.id}/pins`,
      `/api/chat/messages/${m.id}/readers`,
    ]) {
      expect([403, 404]).toContain((await t.request('GET', path, { token: u.tanaka.token })).status);
    }
    expect([403, 404]).toContain((await t.request('POST', `/api/chat/channels/${channel.id}/join`, { token: u.tanaka.token })).status);
    expect([403, 404]).toContain(
      (
        await t.request('POST', `/api/chat/channels/${channel.id}/members`, {
          token: u.tanaka.token,
          json: { userIds: [u.tanaka.user.id] },
        })
      ).status,
    );
    expect([403, 404]).toContain(
      (await t.request('PATCH', `/api/chat/channels/${channel.id}`, { token: u.tanaka.token, json: { topic: 'x' } })).status,
    );
    // A message the member sends after all that still reaches the member and not the outsider.
    const last = await send(member, channel.id, 'done');
    expect(last.seq).toBe(2);
    expect(seen.flat()).toEqual([]);
    expect((await t.request('GET', '/api/chat/channels', { token: u.tanaka.token })).body.map((c: any) => c.id)).not.toContain(channel.id);
  });

  it('a removed member stops receiving at once, on every socket, and is refused afterwards', async () => {
    const channel = await createChannel(t, u.ito, 'private', [u.watanabe]);
    const owner = await t.socket({ token: u.ito.token });
    const [w1, w2] = await Promise.all([t.socket({ token: u.watanabe.token }), t.socket({ token: u.watanabe.token })]);
    // Listen first: the message may reach the members' sockets before the sender's acknowledgement returns.
    const before = [w1, w2].map((s) => nextEvent(s, 'chat:message', (p: any) => p.message.body === 'before'));
    await send(owner, channel.id, 'before');
    await Promise.all(before);
    const removedEvents = [w1, w2].map((s) => nextEvent(s, 'chat:removed', (p: any) => p.channelId === channel.id));
    const del = await t.request('DELETE', `/api/chat/channels/${channel.id}/members/${u.watanabe.user.id}`, { token: u.ito.token });
    expect(del.status).toBe(204);
    await Promise.all(removedEvents);
    const after = [w1, w2].map((s) => collect(s, 'chat:message'));
    const typingAfter = [w1, w2].map((s) => collect(s, 'chat:typing'));
    await emitAck(owner, 'chat:typing', { channelId: channel.id });
    await send(owner, channel.id, 'after removal');
    const w3 = await t.socket({ token: u.watanabe.token });
    expect((await emitAck(w3, 'chat:sync', { cursors: { [channel.id]: 0 } })).error.code).toBe('forbidden');
    expect((await emitAck(w1, 'chat:send', { channelId: channel.id, clientMsgId: clientId(), body: 'still here?' })).error.code).toMatch(
      /forbidden|not_found/,
    );
    expect((await t.request('GET', `/api/chat/channels/${channel.id}/messages`, { token: u.watanabe.token })).status).toBe(404);
    // The owner's own later message was delivered to the owner (so it was emitted) but not to the removed sockets.
    expect(after.flat()).toEqual([]);
    expect(typingAfter.flat()).toEqual([]);
  });

  it('an invited member is joined on all sockets at once and receives the next message', async () => {
    const channel = await createChannel(t, u.ito, 'private', []);
    const owner = await t.socket({ token: u.ito.token });
    const guest = await t.socket({ token: u.yamamoto.token });
    const joined = nextEvent(guest, 'chat:channel', (p: any) => p.channel.id === channel.id);
    expect(
      (await t.request('POST', `/api/chat/channels/${channel.id}/members`, { token: u.ito.token, json: { userIds: [u.yamamoto.user.id] } }))
        .status,
    ).toBe(200);
    expect((await joined).channel).toMatchObject({ id: channel.id, joined: true });
    const typing = nextEvent(guest, 'chat:typing', (p: any) => p.channelId === channel.id);
    await emitAck(owner, 'chat:typing', { channelId: channel.id });
    expect(await typing).toEqual({ channelId: channel.id, userId: u.ito.user.id });
    const got = nextEvent(guest, 'chat:message', (p: any) => p.message.channelId === channel.id);
    await send(owner, channel.id, 'ようこそ');
    expect((await got).message.body).toBe('ようこそ');
  });

  it('public channels: anyone browses and reads, joins to post; private ones never show up in browse', async () => {
    const pub = await createChannel(t, u.sato, 'public', [], '防災訓練の連絡');
    const priv = await createChannel(t, u.sato, 'private', [], '秘密の部屋');
    const browse = await t.request('GET', '/api/chat/channels/browse', { token: u.kato.token });
    const names = browse.body.map((c: any) => c.name);
    expect(names).toEqual(expect.arrayContaining(['防災訓練の連絡', '全庁連絡']));
    expect(names).not.toContain('秘密の部屋');
    expect(browse.body.find((c: any) => c.id === priv.id)).toBeUndefined();
    const s = await t.socket({ token: u.kato.token });
    expect((await emitAck(s, 'chat:send', { channelId: pub.id, clientMsgId: clientId(), body: 'x' })).error.code).toBe('forbidden');
    expect((await t.request('GET', `/api/chat/channels/${pub.id}/messages`, { token: u.kato.token })).status).toBe(200);
    expect((await t.request('POST', `/api/chat/channels/${pub.id}/join`, { token: u.kato.token })).body).toMatchObject({ joined: true });
    expect((await send(s, pub.id, '参加しました')).seq).toBe(1);
    expect((await t.request('POST', `/api/chat/channels/${pub.id}/leave`, { token: u.kato.token })).status).toBe(204);
    expect((await t.request('POST', `/api/chat/channels/${priv.id}/join`, { token: u.kato.token })).status).toBe(404);
  });

  it('renames, sets the topic and archives (owner only); an archived channel refuses new messages', async () => {
    const channel = await createChannel(t, u.sato, 'private', [u.suzuki]);
    const s = await t.socket({ token: u.sato.token });
    const before = await emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId('kept'), body: 'アーカイブ前' });
    expect((await t.request('PATCH', `/api/chat/channels/${channel.id}`, { token: u.suzuki.token, json: { name: '改名' } })).status).toBe(
      403,
    );
    expect(
      (await t.request('PATCH', `/api/chat/channels/${channel.id}`, { token: u.suzuki.token, json: { topic: '議題' } })).body.topic,
    ).toBe('議題');
    expect(
      (await t.request('PATCH', `/api/chat/channels/${channel.id}`, { token: u.sato.token, json: { name: '台風対応' } })).body.name,
    ).toBe('台風対応');
    expect(
      (await t.request('PATCH', `/api/chat/channels/${channel.id}`, { token: u.sato.token, json: { archived: true } })).body.archived,
    ).toBe(true);
    expect((await emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId(), body: 'x' })).error.code).toBe('conflict');
    // An outbox resending what was stored before the archiving gets it back; the refused send used no seq.
    const resent = await emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: before.message.clientMsgId, body: 'アーカイブ前' });
    expect(resent).toMatchObject({ ok: true, message: { id: before.message.id, seq: 1 } });
    const [row] = await t.query('SELECT last_seq::int AS n FROM chat_channels WHERE id = $1', [channel.id]);
    expect(row.n).toBe(1);
  });

  it('direct conversations are found again instead of duplicated', async () => {
    const a = await t.request('POST', '/api/chat/channels', {
      token: u.sato.token,
      json: { name: 'dm', type: 'direct', memberIds: [u.kato.user.id] },
    });
    const b = await t.request('POST', '/api/chat/channels', {
      token: u.kato.token,
      json: { name: 'dm', type: 'direct', memberIds: [u.sato.user.id] },
    });
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body.memberIds.sort()).toEqual([u.sato.user.id, u.kato.user.id].sort());
    expect(
      (await t.request('POST', '/api/chat/channels', { token: u.sato.token, json: { name: 'dm', type: 'direct', memberIds: [] } })).status,
    ).toBe(400);
  });

  it('answers bad input with 4xx and never 5xx', async () => {
    const bad = [
      ['POST', '/api/chat/channels', { name: 'x', type: 'secret' }],
      ['POST', '/api/chat/channels', { name: 'x', type: 'public', memberIds: ['nope'] }],
      ['POST', '/api/chat/channels', { name: 'x', type: 'public', memberIds: ['00000000-0000-4000-8000-000000000000'] }],
      ['GET', '/api/chat/channels/not-a-uuid', undefined],
      ['GET', '/api/chat/channels/00000000-0000-4000-8000-000000000000/messages?before=abc', undefined],
      ['GET', '/api/chat/search', undefined],
      ['GET', '/api/chat/search?q=x&from=yesterday', undefined],
      ['GET', '/api/chat/attachments/../../etc/passwd', undefined],
    ] as const;
    for (const [method, path, json] of bad) {
      const res = await t.request(method, path, { token: u.sato.token, json });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('keeps department channels in step with the directory', async () => {
    const mine = await t.request('GET', '/api/chat/channels', { token: u.sato.token });
    const somu = mine.body.find((c: any) => c.departmentId);
    expect(somu).toBeDefined();
    const depts = await t.request('GET', '/api/departments', { token: u.admin.token });
    const kikaku = depts.body.find((d: any) => d.code === 'kikaku');
    const s = await t.socket({ token: u.suzuki.token });
    const removed = nextEvent(s, 'chat:removed', (p: any) => p.channelId === somu.id);
    const added = nextEvent(s, 'chat:channel', (p: any) => p.channel.departmentId === kikaku.id);
    expect(
      (await t.request('PATCH', `/api/users/${u.suzuki.user.id}`, { token: u.admin.token, json: { departmentId: kikaku.id } })).status,
    ).toBe(200);
    await Promise.all([removed, added]);
    const channels = (await t.request('GET', '/api/chat/channels', { token: u.suzuki.token })).body;
    expect(channels.map((c: any) => c.departmentId)).toContain(kikaku.id);
    expect(channels.map((c: any) => c.id)).not.toContain(somu.id);
    expect((await t.request('POST', `/api/chat/channels/${somu.id}/leave`, { token: u.sato.token })).status).toBe(409);
  });
});
