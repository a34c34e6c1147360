import { deflateSync } from 'node:zlib';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { clientId, createChannel, send } from './chat-helpers';

/** A valid 1×1 PNG, built here so the test needs no fixture file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const tinyPdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );

function form(bytes: Buffer, name: string, type: string): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return fd;
}

describe('chat features: read state, search, attachments', () => {
  let t: TestServer;
  const u: Record<string, SignedIn> = {};
  beforeAll(async () => {
    t = await TestServer.start({ UPLOAD_MAX_MB: '1' });
    for (const name of ['sato.somu', 'suzuki.somu', 'takahashi.somu', 'tanaka.kikaku', 'ito.kikaku', 'kato.zeimu'])
      u[name.split('.')[0]] = await t.login(name);
  });
  afterAll(() => t.close());

  it('tracks read cursors: unread and mention counts, chat:read to the others, 既読 readers', async () => {
    const channel = await createChannel(t, u.sato, 'private', [u.suzuki, u.takahashi]);
    const [sato, suzuki] = await Promise.all([t.socket({ token: u.sato.token }), t.socket({ token: u.suzuki.token })]);
    await send(sato, channel.id, '台風の準備をお願いします');
    await send(sato, channel.id, '@suzuki.somu さん、備蓄品の確認を');
    const third = await send(sato, channel.id, '@here 17時に集合');
    const mine = async (who: SignedIn) =>
      (await t.request('GET', '/api/chat/channels', { token: who.token })).body.find((c: any) => c.id === channel.id);
    expect(await mine(u.suzuki)).toMatchObject({ lastSeq: 3, lastReadSeq: 0, unread: 3, mentions: 1, broadcastMentions: 1 });
    expect(await mine(u.takahashi)).toMatchObject({ unread: 3, mentions: 0, broadcastMentions: 1 });
    expect(await mine(u.sato)).toMatchObject({ unread: 0, lastReadSeq: 3 });
    const heard = nextEvent(sato, 'chat:read', (p: any) => p.userId === u.suzuki.user.id);
    expect(await emitAck(suzuki, 'chat:read', { channelId: channel.id, seq: 2 })).toMatchObject({ ok: true, seq: 2 });
    expect(await heard).toEqual({ channelId: channel.id, userId: u.suzuki.user.id, seq: 2 });
    expect(await mine(u.suzuki)).toMatchObject({ lastReadSeq: 2, unread: 1, mentions: 0, broadcastMentions: 1 });
    // Cursors never move back, nor past the last message.
    expect(await emitAck(suzuki, 'chat:read', { channelId: channel.id, seq: 1 })).toMatchObject({ ok: true, seq: 2 });
    expect(await emitAck(suzuki, 'chat:read', { channelId: channel.id, seq: 99 })).toMatchObject({ ok: true, seq: 3 });
    const readers = await t.request('GET', `/api/chat/messages/${third.id}/readers`, { token: u.sato.token });
    // 既読 and 未読: every member but the author is on exactly one side.
    expect(readers.body).toEqual({
      readCount: 1,
      readers: [{ userId: u.suzuki.user.id, displayName: '鈴木 花子' }],
      unreadCount: 1,
      unread: [{ userId: u.takahashi.user.id, displayName: '高橋 翔' }],
    });
    const members = await t.request('GET', `/api/chat/channels/${channel.id}/members`, { token: u.sato.token });
    expect(members.body.find((m: any) => m.userId === u.suzuki.user.id).lastReadSeq).toBe(3);
    expect(third.mentions).toEqual({ userIds: [], channel: false, here: true });
  });

  it('searches Japanese one- and two-character words and English, only in readable channels, with highlights', async () => {
    const open = await createChannel(t, u.ito, 'private', [u.kato]);
    const secret = await createChannel(t, u.tanaka, 'private', []);
    const [ito, tanaka] = await Promise.all([t.socket({ token: u.ito.token }), t.socket({ token: u.tanaka.token })]);
    await send(ito, open.id, '災害対策本部を町役場に設置しました');
    await send(ito, open.id, '明日の会議は中止です。Meeting cancelled.');
    await send(tanaka, secret.id, '災害時の町内放送（極秘）');
    const search = async (who: SignedIn, q: string, extra = '') =>
      (await t.request('GET', `/api/chat/search?q=${encodeURIComponent(q)}${extra}`, { token: who.token })).body.results;
    const saigai = await search(u.kato, '災害');
    expect(saigai.map((r: any) => r.message.body)).toEqual(expect.arrayContaining(['災害対策本部を町役場に設置しました']));
    expect(saigai.every((r: any) => r.message.channelId !== secret.id)).toBe(true);
    expect(saigai.find((r: any) => r.message.channelId === open.id)).toMatchObject({
      highlights: [{ start: 0, end: 2 }],
      channel: { id: open.id },
      author: { id: u.ito.user.id },
    });
    const machi = await search(u.kato, '町');
    expect(machi.map((r: any) => r.message.body)).toContain('災害対策本部を町役場に設置しました');
    expect(machi.every((r: any) => r.message.channelId !== secret.id)).toBe(true);
    expect((await search(u.kato, '会議')).map((r: any) => r.message.body)).toContain('明日の会議は中止です。Meeting cancelled.');
    expect((await search(u.kato, 'meeting')).length).toBe(1);
    expect((await search(u.kato, '対策本部', `&channelId=${open.id}`)).length).toBe(1);
    // Bigrams that occur apart do not make a match: 本町 is not in the text although 本 and 町 are.
    expect(await search(u.kato, '本町', `&channelId=${open.id}`)).toEqual([]);
    expect((await search(u.tanaka, '極秘')).length).toBe(1);
    expect(await search(u.kato, '極秘')).toEqual([]);
    expect((await search(u.kato, '災害', `&channelId=${secret.id}`)).length).toBe(0);
    expect((await search(u.kato, '災害', `&authorId=${u.kato.user.id}`)).length).toBe(0);
    expect((await search(u.kato, '災害', `&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).length).toBe(0);
    // Deleted messages are not found.
    const gone = await send(ito, open.id, '一時的な投稿 削除予定');
    await emitAck(ito, 'chat:delete', { messageId: gone.id });
    expect(await search(u.kato, '削除予定')).toEqual([]);
  });

  it('accepts PNG and PDF attachments (type from the bytes), refuses a renamed non-image (415) and oversize (413)', async () => {
    const channel = await createChannel(t, u.sato, 'private', [u.suzuki]);
    const upload = (fd: FormData, who = u.sato) =>
      t.request('POST', `/api/chat/channels/${channel.id}/attachments`, { token: who.token, body: fd });
    const png = await upload(form(tinyPng(), '写真.png', 'image/png'));
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ id: expect.any(String), mediaType: 'image/png', name: '写真.png' });
    const pdf = await upload(form(tinyPdf(), '資料.pdf', 'application/pdf'));
    expect(pdf.body).toMatchObject({ mediaType: 'application/pdf' });
    expect((await upload(form(Buffer.from('MZ this is an exe'), 'photo.png', 'image/png'))).status).toBe(415);
    expect((await upload(form(Buffer.concat([tinyPng(), Buffer.alloc(1024 * 1024 + 10)]), 'big.png', 'image/png'))).status).toBe(413);
    expect(
      (
        await t.request('POST', `/api/chat/channels/${channel.id}/attachments`, {
          token: u.tanaka.token,
          body: form(tinyPng(), 'x.png', 'image/png'),
        })
      ).status,
    ).toBe(404);
    const s = await t.socket({ token: u.sato.token });
    const msg = await send(s, channel.id, '', { attachmentIds: [png.body.id, pdf.body.id] });
    expect((msg as any).attachments.map((a: any) => a.mediaType)).toEqual(['image/png', 'application/pdf']);
    // Used once only.
    expect(
      (await emitAck(s, 'chat:send', { channelId: channel.id, clientMsgId: clientId(), body: 'again', attachmentIds: [png.body.id] })).error
        .code,
    ).toBe('bad_request');
    const file = await fetch(`${t.url}/api/chat/attachments/${pdf.body.id}`, { headers: { authorization: `Bearer ${u.suzuki.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^inline/);
    expect((await t.request('GET', `/api/chat/attachments/${pdf.body.id}`, { token: u.tanaka.token })).status).toBe(404);
  });

  it('pins and reacts; reactions toggle', async () => {
    const channel = await createChannel(t, u.takahashi, 'private', [u.suzuki]);
    const s = await t.socket({ token: u.takahashi.token });
    const m = await send(s, channel.id, '避難所の開設手順');
    expect((await emitAck(s, 'chat:pin', { messageId: m.id, pinned: true })).message.pinned).toBe(true);
    expect(
      (await t.request('GET', `/api/chat/channels/${channel.id}/pins`, { token: u.suzuki.token })).body.messages.map((x: any) => x.id),
    ).toEqual([m.id]);
    expect((await emitAck(s, 'chat:react', { messageId: m.id, emoji: '🙏' })).message.reactions).toHaveLength(1);
    expect((await emitAck(s, 'chat:react', { messageId: m.id, emoji: '🙏' })).message.reactions).toHaveLength(0);
  });

  it('reports presence across tabs: online, away when every tab is away, offline when all are closed', async () => {
    const watcher = await t.socket({ token: u.sato.token });
    const online = nextEvent(watcher, 'chat:presence', (p: any) => p.userId === u.kato.user.id && p.status === 'online');
    const [k1, k2] = [await t.socket({ token: u.kato.token }), await t.socket({ token: u.kato.token })];
    await online;
    expect((await t.request('GET', '/api/chat/presence', { token: u.sato.token })).body[u.kato.user.id]).toBe('online');
    await emitAck(k1, 'chat:presence', { status: 'away' });
    expect((await t.request('GET', '/api/chat/presence', { token: u.sato.token })).body[u.kato.user.id]).toBe('online');
    const away = nextEvent(watcher, 'chat:presence', (p: any) => p.userId === u.kato.user.id && p.status === 'away');
    await emitAck(k2, 'chat:presence', { status: 'away' });
    await away;
    const offline = nextEvent(watcher, 'chat:presence', (p: any) => p.userId === u.kato.user.id && p.status === 'offline');
    k1.disconnect();
    k2.disconnect();
    await offline;
  });

  it('seeds the demo town hall: department channels, 全庁連絡 and 災害対策本部 with messages', async () => {
    const channels = (await t.request('GET', '/api/chat/channels', { token: u.sato.token })).body;
    const names = channels.map((c: any) => c.name);
    expect(names).toEqual(expect.arrayContaining(['全庁連絡', '災害対策本部']));
    expect(channels.some((c: any) => c.departmentId)).toBe(true);
    const disaster = channels.find((c: any) => c.name === '災害対策本部');
    const history = await t.request('GET', `/api/chat/channels/${disaster.id}/messages`, { token: u.sato.token });
    expect(history.body.messages.length).toBeGreaterThan(0);
    expect(history.body.messages.some((m: any) => m.body.includes('安否確認'))).toBe(true);
    // 全庁連絡 is organisation-wide (it stands out in the sidebar); the 総務課 manual's PDF text is found by search.
    expect(channels.find((c: any) => c.name === '全庁連絡')).toMatchObject({ allStaff: true });
    const found = await t.request('GET', `/api/chat/search?q=${encodeURIComponent('段ボールベッド')}`, { token: u.sato.token });
    expect(found.body.results.map((r: any) => r.attachment?.name)).toEqual(['避難所運営マニュアル（抜粋）.pdf']);
    const outsider = await t.request('GET', `/api/chat/search?q=${encodeURIComponent('段ボールベッド')}`, { token: u.kato.token });
    expect(outsider.body.results).toEqual([]);
  });
});
