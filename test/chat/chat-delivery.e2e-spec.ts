import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { clientId, collect, createChannel, send } from './chat-helpers';

describe('chat delivery (CONTRACT.md "Chat")', () => {
  let t: TestServer;
  let sato: SignedIn;
  let suzuki: SignedIn;
  let takahashi: SignedIn;
  let tanaka: SignedIn;
  // Each test sends as its own people: the per-user rate limit is not shared between tests.
  const u: Record<string, SignedIn> = {};
  beforeAll(async () => {
    t = await TestServer.start();
    const names = [
      'sato.somu',
      'suzuki.somu',
      'takahashi.somu',
      'tanaka.kikaku',
      'ito.kikaku',
      'watanabe.kikaku',
      'yamamoto.chomin',
      'nakamura.chomin',
      'kobayashi.chomin',
      'kato.zeimu',
      'yoshida.zeimu',
      'yamada.hoken',
      'sasaki.hoken',
      'yamaguchi.hoken',
      'kimura.rinsei',
      'hayashi.rinsei',
    ];
    for (const name of names) u[name.split('.')[0]] = await t.login(name);
    ({ sato, suzuki, takahashi, tanaka } = u);
  });
  afterAll(() => t.close());

  it('creates a channel with the creator as a member (201)', async () => {
    const res = await t.request('POST', '/api/chat/channels', {
      token: sato.token,
      json: { name: '防災訓練', type: 'private', memberIds: [suzuki.user.id] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: '防災訓練',
      type: 'private',
      joined: true,
      role: 'owner',
      memberCount: 2,
    });
  });

  it('delivers chat:message to every socket of every member, the sender included (two sockets of one user)', async () => {
    const channel = await createChannel(t, sato, 'private', [suzuki]);
    const [a, b1, b2, outsider] = await Promise.all([
      t.socket({ token: sato.token }),
      t.socket({ token: suzuki.token }),
      t.socket({ cookie: suzuki.cookie }),
      t.socket({ token: tanaka.token }),
    ]);
    const leaked = collect(outsider, 'chat:message');
    const got = [a, b1, b2].map((s) => nextEvent(s, 'chat:message', (p: any) => p.message.channelId === channel.id));
    const ack = await emitAck(a, 'chat:send', { channelId: channel.id, clientMsgId: clientId(), body: 'こんにちは **皆さん**' });
    expect(ack).toMatchObject({
      ok: true,
      message: { channelId: channel.id, seq: 1, authorId: sato.user.id, body: 'こんにちは **皆さん**' },
    });
    expect(Object.keys(ack.message)).toEqual(
      expect.arrayContaining(['id', 'channelId', 'seq', 'clientMsgId', 'authorId', 'body', 'createdAt']),
    );
    for (const p of await Promise.all(got)) expect(p.message).toEqual(ack.message);
    // The outsider's socket saw nothing of it (it did see its own channel traffic if any).
    // Listen before sending: the member's copy may arrive before the sender's acknowledgement.
    const second = nextEvent(b1, 'chat:message', (p: any) => p.message.body === 'second');
    await send(a, channel.id, 'second');
    await second;
    expect(leaked.filter((p: any) => p.message.channelId === channel.id)).toEqual([]);
  });

  it('stores the same clientMsgId once, also when sent twice at the same time, and answers with the same message', async () => {
    const channel = await createChannel(t, u.ito, 'private', [suzuki]);
    const [s1, s2] = await Promise.all([t.socket({ token: u.ito.token }), t.socket({ token: u.ito.token })]);
    const cid = clientId('dup');
    const payload = { channelId: channel.id, clientMsgId: cid, body: '二重送信テスト' };
    const acks = await Promise.all([
      emitAck(s1, 'chat:send', payload),
      emitAck(s2, 'chat:send', payload),
      emitAck(s1, 'chat:send', payload),
      emitAck(s2, 'chat:send', payload),
    ]);
    for (const a of acks) expect(a).toMatchObject({ ok: true, message: { id: acks[0].message.id, seq: 1, clientMsgId: cid } });
    const again = await emitAck(s1, 'chat:send', payload);
    expect(again.message.id).toBe(acks[0].message.id);
    const stored = await t.query('SELECT count(*)::int AS n FROM chat_messages WHERE channel_id = $1', [channel.id]);
    expect(stored[0].n).toBe(1);
    // The next message takes seq 2: the duplicates left no gap.
    expect((await send(s1, channel.id, 'next')).seq).toBe(2);
  });

  it('keeps seq gap-free and unique under concurrent senders', async () => {
    const channel = await createChannel(t, u.watanabe, 'private', [u.yamamoto, u.nakamura]);
    const sockets = await Promise.all(
      [u.watanabe, u.yamamoto, u.nakamura].flatMap((u) => [t.socket({ token: u.token }), t.socket({ token: u.token })]),
    );
    const acks = await Promise.all(
      sockets.flatMap((s, i) =>
        Array.from({ length: 10 }, (_, j) =>
          emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId(`p${i}-${j}`), body: `並行 ${i}-${j}` }),
        ),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const seqs = acks.map((a) => a.message.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const [row] = await t.query('SELECT last_seq::int AS n FROM chat_channels WHERE id = $1', [channel.id]);
    expect(row.n).toBe(60);
  });

  it('gives a client that was away every message it missed, in order, from chat:sync', async () => {
    const channel = await createChannel(t, u.kobayashi, 'private', [u.kato, u.yoshida]);
    // Two senders take turns: 50 messages in a row from one person would exceed what the rate limit promises.
    const senders = [await t.socket({ token: u.kobayashi.token }), await t.socket({ token: u.yoshida.token })];
    const first = await send(senders[0], channel.id, 'before');
    const away = await t.socket({ token: u.kato.token });
    const cursor = first.seq;
    away.disconnect();
    for (let i = 0; i < 50; i++) await send(senders[i % 2], channel.id, `missed ${i}`);
    const back = await t.socket({ token: u.kato.token });
    const res = await emitAck(back, 'chat:sync', { cursors: { [channel.id]: cursor } });
    expect(res.ok).toBe(true);
    expect(res.messages.map((m: any) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `missed ${i}`));
    expect(res.messages.map((m: any) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => cursor + 1 + i));
    expect(new Date(res.serverTime).getTime()).not.toBeNaN();
    expect(res.updates).toEqual([]);
  });

  it('brings edits, deletions and reactions to an offline client as sync updates', async () => {
    const channel = await createChannel(t, u.yoshida, 'private', [u.yamada]);
    const s = await t.socket({ token: u.yoshida.token });
    const kept = await send(s, channel.id, '会議は10時から');
    const gone = await send(s, channel.id, '誤送信');
    const reacted = await send(s, channel.id, 'よろしくお願いします');
    const offline = await t.socket({ token: u.yamada.token });
    const first = await emitAck(offline, 'chat:sync', { cursors: { [channel.id]: 0 } });
    expect(first.messages).toHaveLength(3);
    offline.disconnect();
    const edited = await emitAck(s, 'chat:edit', { messageId: kept.id, body: '会議は11時からに変更' });
    expect(edited).toMatchObject({ ok: true, message: { body: '会議は11時からに変更', editedAt: expect.any(String) } });
    expect((await emitAck(s, 'chat:delete', { messageId: gone.id })).ok).toBe(true);
    expect((await emitAck(s, 'chat:react', { messageId: reacted.id, emoji: '👍' })).message.reactions).toEqual([
      { emoji: '👍', userIds: [u.yoshida.user.id] },
    ]);
    const back = await t.socket({ token: u.yamada.token });
    const res = await emitAck(back, 'chat:sync', { cursors: { [channel.id]: 3 }, updatedSince: first.serverTime });
    expect(res.messages).toEqual([]);
    const byId = new Map(res.updates.map((m: any) => [m.id, m]));
    expect(byId.get(kept.id)).toMatchObject({ body: '会議は11時からに変更', editedAt: expect.any(String) });
    expect(byId.get(gone.id)).toMatchObject({ body: '', deletedAt: expect.any(String), seq: gone.seq });
    expect(byId.get(reacted.id)).toMatchObject({ reactions: [{ emoji: '👍', userIds: [u.yoshida.user.id] }] });
    const [row] = await t.query('SELECT body, deleted_at FROM chat_messages WHERE id = $1', [gone.id]);
    expect(row.body).toBe('');
  });

  it('delivers edits, deletions and reactions live as chat:update', async () => {
    const channel = await createChannel(t, u.sasaki, 'private', [u.yamaguchi]);
    const [s, other] = await Promise.all([t.socket({ token: u.sasaki.token }), t.socket({ token: u.yamaguchi.token })]);
    const m = await send(s, channel.id, 'typo');
    const upd = nextEvent(other, 'chat:update', (p: any) => p.message.id === m.id);
    await emitAck(s, 'chat:edit', { messageId: m.id, body: 'fixed' });
    expect((await upd).message).toMatchObject({ body: 'fixed', editedAt: expect.any(String) });
    // Only the author edits.
    expect(await emitAck(other, 'chat:edit', { messageId: m.id, body: 'hijack' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses sync for a channel the user is not in (forbidden)', async () => {
    const channel = await createChannel(t, sato, 'private', [suzuki]);
    const outsider = await t.socket({ token: tanaka.token });
    expect(await emitAck(outsider, 'chat:sync', { cursors: { [channel.id]: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('rate-limits: a burst of 20 passes, a flood gets rate_limited', async () => {
    const channel = await createChannel(t, takahashi, 'private', []);
    const s = await t.socket({ token: takahashi.token });
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId(`b${i}`), body: `burst ${i}` }),
      ),
    );
    expect(burst.every((a) => a.ok)).toBe(true);
    const flood = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId(`f${i}`), body: `flood ${i}` }),
      ),
    );
    const refused = flood.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].error.code).toBe('rate_limited');
  });

  it('refuses a body over 10,000 characters with too_large and bad payloads with bad_request', async () => {
    const channel = await createChannel(t, tanaka, 'private', []);
    const s = await t.socket({ token: tanaka.token });
    expect(await emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId(), body: 'あ'.repeat(10_001) })).toMatchObject({
      ok: false,
      error: { code: 'too_large' },
    });
    expect(await emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId(), body: 42 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await emitAck(s, 'chat:send', 'nope')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await emitAck(s, 'chat:sync', { cursors: { [channel.id]: -1 } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const [{ n }] = await t.query('SELECT count(*)::int AS n FROM chat_messages WHERE channel_id = $1', [channel.id]);
    expect(n).toBe(0);
  });

  it('threads: replies count on the root, stay out of the channel list unless also sent to the channel', async () => {
    const channel = await createChannel(t, u.kimura, 'private', [u.hayashi]);
    const s = await t.socket({ token: u.kimura.token });
    const root = await send(s, channel.id, '安否確認をお願いします');
    const rootUpdate = nextEvent(s, 'chat:update', (p: any) => p.message.id === root.id && p.message.replyCount === 2);
    await send(s, channel.id, '総務課は全員無事です', { threadRootId: root.id });
    await send(s, channel.id, '企画課も無事です', { threadRootId: root.id, alsoSendToChannel: true });
    expect((await rootUpdate).message.replyCount).toBe(2);
    const thread = await t.request('GET', `/api/chat/channels/${channel.id}/messages?threadRootId=${root.id}`, { token: u.hayashi.token });
    expect(thread.body.messages.map((m: any) => m.body)).toEqual(['安否確認をお願いします', '総務課は全員無事です', '企画課も無事です']);
    const list = await t.request('GET', `/api/chat/channels/${channel.id}/messages`, { token: u.hayashi.token });
    expect(list.body.messages.map((m: any) => m.body)).toEqual(['安否確認をお願いします', '企画課も無事です']);
  });

  it('posts over HTTP for bots and relays: delivered live, idempotent, 413 over the limit, 429 on a flood', async () => {
    const channel = await createChannel(t, u.hayashi, 'private', [u.kimura]);
    const listener = await t.socket({ token: u.kimura.token });
    const got = nextEvent(listener, 'chat:message', (p: any) => p.message.channelId === channel.id);
    const post = (json: unknown) => t.request('POST', `/api/chat/channels/${channel.id}/messages`, { token: u.hayashi.token, json });
    const first = await post({ clientMsgId: 'relay-1', body: '【気象警報】大雨警報が発表されました' });
    expect(first.status).toBe(201);
    expect((await got).message).toEqual(first.body.message);
    expect((await post({ clientMsgId: 'relay-1', body: '【気象警報】大雨警報が発表されました' })).body.message.id).toBe(
      first.body.message.id,
    );
    expect((await post({ body: 'あ'.repeat(10_001) })).status).toBe(413);
    expect(
      (await t.request('POST', `/api/chat/channels/${channel.id}/messages`, { token: u.tanaka.token, json: { body: 'x' } })).status,
    ).toBe(404);
    const flood = await Promise.all(Array.from({ length: 100 }, (_, i) => post({ body: `flood ${i}` })));
    expect(flood.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(20);
    expect(flood.some((r) => r.status === 429)).toBe(true);
  });
});
