import type { ApprovalView } from '@yakuba/contracts';
import { TestServer, type SignedIn } from '../support/test-server';
import { declare } from '../disasters/support/disaster-fixtures';
import { ApprovalsClient } from './support/approvals-client';

/** 起案 from a chat message: approvals asks chat through the message-access port, under chat's visibility rule. */
describe('approvals: drafting from a chat message', () => {
  let t: TestServer;
  let api: ApprovalsClient;
  const u: Record<string, SignedIn> = {};

  beforeAll(async () => {
    t = await TestServer.start();
    api = new ApprovalsClient(t);
    for (const name of ['suzuki.somu', 'kato.zeimu', 'takahashi.somu', 'sato.somu']) u[name] = await t.login(name);
  });
  afterAll(() => t.close());

  async function channel(owner: SignedIn, type: 'public' | 'private' | 'direct', name: string, memberIds: string[] = []) {
    const res = await t.request('POST', '/api/chat/channels', { token: owner.token, json: { type, name, memberIds } });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  async function post(author: SignedIn, channelId: string, body: string): Promise<string> {
    const res = await t.request('POST', `/api/chat/channels/${channelId}/messages`, { token: author.token, json: { body } });
    expect(res.status).toBe(201);
    return (res.body as { message: { id: string } }).message.id;
  }

  async function draftFrom(who: SignedIn, sourceMessageId: string) {
    const type = await api.type(who, 'ippan');
    return t.request<ApprovalView>('POST', '/api/approvals', {
      token: who.token,
      json: { typeId: type.id, title: 'チャットからの起案', body: '本文', sourceMessageId },
    });
  }

  it('a message of a public channel the drafter has not joined is a source, shown with its channel', async () => {
    const open = await channel(u['kato.zeimu'], 'public', '税務 公開連絡');
    const messageId = await post(u['kato.zeimu'], open.id, '固定資産税の納期限を周知します');
    const res = await draftFrom(u['suzuki.somu'], messageId);
    expect(res.status).toBe(201);
    expect(res.body.source).toEqual({ messageId, channelId: open.id, channelName: '税務 公開連絡', disaster: false });
  });

  it('a message of a private channel the drafter is in is a source', async () => {
    const room = await channel(u['kato.zeimu'], 'private', '税務 内部', [u['suzuki.somu'].user.id]);
    const messageId = await post(u['kato.zeimu'], room.id, '内部の検討事項');
    const res = await draftFrom(u['suzuki.somu'], messageId);
    expect(res.status).toBe(201);
    expect(res.body.source).toMatchObject({ messageId, channelId: room.id, disaster: false });
  });

  it('a message of a private channel or direct conversation the drafter is not in is refused with 404, like one that does not exist', async () => {
    const before = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM approvals');
    const room = await channel(u['kato.zeimu'], 'private', '税務 非公開');
    const secret = await post(u['kato.zeimu'], room.id, '非公開の検討事項');
    const direct = await channel(u['kato.zeimu'], 'direct', '', [u['takahashi.somu'].user.id]);
    const whisper = await post(u['kato.zeimu'], direct.id, '個別の相談');
    for (const id of [secret, whisper, '00000000-0000-4000-8000-000000000000']) {
      const res = await draftFrom(u['suzuki.somu'], id);
      expect([id, res.status]).toEqual([id, 404]);
      expect(JSON.stringify(res.body)).not.toContain('非公開');
    }
    // The member may.
    expect((await draftFrom(u['kato.zeimu'], secret)).status).toBe(201);
    const after = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM approvals');
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it('a deleted message is not a source', async () => {
    const open = await channel(u['kato.zeimu'], 'public', '税務 削除確認');
    const messageId = await post(u['kato.zeimu'], open.id, '取り消す連絡');
    await t.query(`UPDATE chat_messages SET body = '', deleted_at = now() WHERE id = $1`, [messageId]);
    expect((await draftFrom(u['suzuki.somu'], messageId)).status).toBe(404);
  });

  it("a message of a disaster's channel marks the draft 事後決裁", async () => {
    const disaster = await declare(t, u['sato.somu'], { title: '大雨 事後決裁の確認', kind: 'heavy_rain', level: 3, drill: true });
    const messageId = await post(u['sato.somu'], disaster.channelId, '避難所の燃料を緊急調達する');
    const res = await draftFrom(u['suzuki.somu'], messageId);
    expect(res.status).toBe(201);
    expect(res.body.source).toMatchObject({ messageId, channelId: disaster.channelId, disaster: true });
    expect(res.body.actions[0].comment).toBe('事後決裁（災害対応中の決定）');
  });
});
