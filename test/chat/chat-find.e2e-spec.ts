import { emitAck, TestServer, type SignedIn } from '../support/test-server';
import { japaneseNonEmbeddedFontPdf } from '../meetings/support/pdf-fixtures';
import { clientId, createChannel, send } from './chat-helpers';

/** What search finds and how a result opens: history around a seq, attachments and PDF text, department mentions. */

function form(bytes: Buffer, name: string, type: string): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return fd;
}

describe('chat: search that finds, history around a message, department mentions', () => {
  let t: TestServer;
  const u: Record<string, SignedIn> = {};
  beforeAll(async () => {
    t = await TestServer.start();
    for (const name of ['sato.somu', 'suzuki.somu', 'takahashi.somu', 'tanaka.kikaku', 'ito.kikaku', 'kato.zeimu', 'yoshida.zeimu'])
      u[name.split('.')[0]] = await t.login(name);
  });
  afterAll(() => t.close());

  const search = async (who: SignedIn, query: Record<string, string>) => {
    const res = await t.request('GET', `/api/chat/search?${new URLSearchParams(query)}`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body.results as any[];
  };

  describe('history around a seq', () => {
    let channelId: string;
    let rootId: string;
    beforeAll(async () => {
      const posters = [u.sato, u.suzuki, u.takahashi, u.tanaka, u.ito];
      channelId = (await createChannel(t, u.sato, 'private', posters.slice(1))).id;
      // 250 messages from five people (each within their rate limit), then a thread-only reply.
      for (let i = 1; i <= 250; i++) {
        const res = await t.request('POST', `/api/chat/channels/${channelId}/messages`, {
          token: posters[i % posters.length].token,
          json: { body: `記録 ${i}`, clientMsgId: clientId() },
        });
        expect(res.status).toBe(201);
        if (i === 15) rootId = res.body.message.id;
      }
      const reply = await t.request('POST', `/api/chat/channels/${channelId}/messages`, {
        token: u.suzuki.token,
        json: { body: 'スレッドの返信', threadRootId: rootId },
      });
      expect(reply.body.message.seq).toBe(251);
    });
    const page = (who: SignedIn, query: string) => t.request('GET', `/api/chat/channels/${channelId}/messages?${query}`, { token: who.token });

    it('answers the page around a seq deep in history, half before it, with whether more lies on each side', async () => {
      const res = await page(u.suzuki, 'around=20&limit=20');
      expect(res.status).toBe(200);
      expect(res.body.messages.map((m: any) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
      expect(res.body.messages[10].body).toBe('記録 20');
      expect(res.body).toMatchObject({ hasOlder: true, hasNewer: true });
    });

    it('stops at the first and the last message, and leaves thread-only replies to their thread', async () => {
      const first = await page(u.sato, 'around=3&limit=20');
      expect(first.body.messages.map((m: any) => m.seq)).toEqual(Array.from({ length: 12 }, (_, i) => 1 + i));
      expect(first.body).toMatchObject({ hasOlder: false, hasNewer: true });
      const last = await page(u.sato, 'around=251&limit=20');
      expect(last.body.messages.map((m: any) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 241 + i));
      expect(last.body).toMatchObject({ hasOlder: true, hasNewer: false });
      // The default page is 50: 25 before, the target and 24 after.
      const plain = await page(u.sato, 'around=100');
      expect(plain.body.messages).toHaveLength(50);
      expect(plain.body.messages[25].seq).toBe(100);
      // Paging on from a window: newer pages with `after`.
      const newer = await page(u.sato, `after=${plain.body.messages[49].seq}&limit=200`);
      expect(newer.body.messages[0].seq).toBe(125);
      expect(newer.body.messages.at(-1).seq).toBe(250);
    });

    it('refuses bad input with 400 and a foreign channel with 403/404, changing nothing', async () => {
      for (const query of ['around=-1', 'around=abc', 'around=1.5', 'around=5&before=9', 'around=5&after=2', `around=5&threadRootId=${rootId}`, 'around=5&limit=0'])
        expect((await page(u.sato, query)).status).toBe(400);
      expect([403, 404]).toContain((await page(u.kato, 'around=20')).status);
      const outsider = await t.request('GET', `/api/chat/channels/${channelId}/messages?around=20`, {});
      expect(outsider.status).toBe(401);
    });
  });

  describe('attachments and the text of PDFs', () => {
    let somuChannel: string;
    let publicChannel: string;
    const upload = async (who: SignedIn, channelId: string, bytes: Buffer, name: string, type: string) => {
      const res = await t.request('POST', `/api/chat/channels/${channelId}/attachments`, { token: who.token, body: form(bytes, name, type) });
      expect(res.status).toBe(201);
      return res.body as { id: string };
    };
    beforeAll(async () => {
      somuChannel = (await createChannel(t, u.sato, 'private', [u.suzuki], '総務課 打合せ')).id;
      publicChannel = (await createChannel(t, u.tanaka, 'public', [], '企画の資料置き場')).id;
      const socket = await t.socket({ token: u.sato.token });
      const pdf = await upload(u.sato, somuChannel, japaneseNonEmbeddedFontPdf(['土砂災害警戒区域の見直し案', '避難経路の変更点']), '区域見直し案.pdf', 'application/pdf');
      await send(socket, somuChannel, '資料を共有します', { attachmentIds: [pdf.id] });
      // Uploaded, never sent: nobody finds it, not even its uploader.
      await upload(u.sato, somuChannel, japaneseNonEmbeddedFontPdf(['未送信の下書き資料']), '下書き.pdf', 'application/pdf');
      // Sent, then deleted: gone from search with its message.
      const gone = await upload(u.sato, somuChannel, japaneseNonEmbeddedFontPdf(['削除予定の河川水位表']), '水位表.pdf', 'application/pdf');
      const deleted = await send(socket, somuChannel, '', { attachmentIds: [gone.id] });
      expect((await emitAck(socket, 'chat:delete', { messageId: deleted.id })).ok).toBe(true);
      socket.disconnect();
      const tanaka = await t.socket({ token: u.tanaka.token });
      const map = await upload(u.tanaka, publicChannel, japaneseNonEmbeddedFontPdf(['公共施設の配置図']), 'hinanjo-map.pdf', 'application/pdf');
      await send(tanaka, publicChannel, '配置図です', { attachmentIds: [map.id] });
      tanaka.disconnect();
    });

    it('finds a PDF by words of its text, naming the file with a passage around the match', async () => {
      const [hit, ...rest] = await search(u.suzuki, { q: '警戒区域' });
      expect(rest).toEqual([]);
      expect(hit.message.body).toBe('資料を共有します');
      expect(hit.channel.id).toBe(somuChannel);
      expect(hit.highlights).toEqual([]);
      expect(hit.attachment).toMatchObject({ name: '区域見直し案.pdf', mediaType: 'application/pdf' });
      const { excerpt, highlights } = hit.attachment;
      expect(excerpt).toContain('土砂災害警戒区域の見直し案');
      expect(highlights.map((h: any) => excerpt.slice(h.start, h.end))).toEqual(['警戒区域']);
      // Two words, one in each page, and a one-character Japanese word.
      expect(await search(u.suzuki, { q: '見直し 避難経路' })).toHaveLength(1);
      expect((await search(u.sato, { q: '案' })).map((r) => r.attachment?.name)).toContain('区域見直し案.pdf');
    });

    it('finds a file by its name, in Latin letters too', async () => {
      const byName = await search(u.sato, { q: '見直し案.pdf' });
      expect(byName).toHaveLength(1);
      expect(byName[0].attachment.excerpt).toBe('区域見直し案.pdf');
      expect((await search(u.kato, { q: 'HINANJO' })).map((r) => r.attachment.name)).toEqual(['hinanjo-map.pdf']);
    });

    it("never finds another channel's file: not by its text, not by its name, not with the channel named", async () => {
      for (const q of ['警戒区域', '区域見直し案', '避難経路'])
        expect(await search(u.kato, { q })).toEqual([]);
      expect(await search(u.kato, { q: '警戒区域', channelId: somuChannel })).toEqual([]);
      // A public channel's file is found by anyone, as its messages are.
      expect(await search(u.yoshida, { q: '配置図' })).toHaveLength(1);
    });

    it('never finds a file that was not sent, or whose message was deleted', async () => {
      expect(await search(u.sato, { q: '下書き' })).toEqual([]);
      expect(await search(u.sato, { q: '未送信' })).toEqual([]);
      expect(await search(u.sato, { q: '河川水位' })).toEqual([]);
      expect(await search(u.sato, { q: '水位表' })).toEqual([]);
    });

    it('applies the channel, person and date filters to file matches', async () => {
      expect(await search(u.sato, { q: '警戒区域', authorId: u.suzuki.user.id })).toEqual([]);
      expect(await search(u.sato, { q: '警戒区域', authorId: u.sato.user.id })).toHaveLength(1);
      expect(await search(u.sato, { q: '警戒区域', channelId: publicChannel })).toEqual([]);
      expect(await search(u.sato, { q: '警戒区域', from: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
      expect(await search(u.sato, { q: '警戒区域', to: new Date(Date.now() + 3_600_000).toISOString() })).toHaveLength(1);
    });
  });

  describe('@mention of a whole department', () => {
    it('mentions the members of that department who belong to the channel, not the others', async () => {
      const channel = await createChannel(t, u.tanaka, 'private', [u.sato, u.suzuki, u.kato]);
      const tanaka = await t.socket({ token: u.tanaka.token });
      const message = await send(tanaka, channel.id, '@総務課 の皆さん、明日の訓練の件よろしくお願いします');
      // takahashi.somu is in 総務課 but not in the channel.
      expect([...message.mentions.userIds].sort()).toEqual([u.sato.user.id, u.suzuki.user.id].sort());
      const mine = async (who: SignedIn) =>
        (await t.request('GET', '/api/chat/channels', { token: who.token })).body.find((c: any) => c.id === channel.id);
      expect(await mine(u.suzuki)).toMatchObject({ mentions: 1 });
      expect(await mine(u.kato)).toMatchObject({ mentions: 0, unread: 1 });
      // A longer noun after the name is not the department; a collective suffix is.
      expect((await send(tanaka, channel.id, '@総務課長 にも伝えてください')).mentions.userIds).toEqual([]);
      expect((await send(tanaka, channel.id, '@税務課各位 ご確認ください')).mentions.userIds).toEqual([u.kato.user.id]);
      // An edit re-reads the mentions.
      const edited = await emitAck(tanaka, 'chat:edit', { messageId: message.id, body: '@税務課 の方へ（訂正）' });
      expect(edited.message.mentions.userIds).toEqual([u.kato.user.id]);
      tanaka.disconnect();
    });
  });
});
