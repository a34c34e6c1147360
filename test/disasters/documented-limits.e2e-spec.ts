import { TestServer, type SignedIn } from '../support/test-server';
import { declare } from './support/disaster-fixtures';

/**
 * Every field at the limit its route documents is accepted (found by the stored-XSS campaign: a long title, a long
 * guest name and organisation, and a duty without assignee were refused with a 400 naming fields never sent).
 */
describe('disasters accept what their routes document', () => {
  let t: TestServer;
  let officer: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    officer = await t.login('sato.somu');
  });
  afterAll(() => t.close());

  it('declares with a 200-character title; the channel name is shortened, the title kept whole', async () => {
    const title = '令和八年十二月一日雨'.repeat(20);
    const disaster = await declare(t, officer, { title, kind: 'heavy_rain', level: 2, drill: true });
    expect(disaster.title).toBe(title);
    const [channel] = await t.query<{ name: string }>('SELECT name FROM chat_channels WHERE id = $1', [disaster.channelId]);
    expect([...channel.name]).toHaveLength(80);
    expect(channel.name).toMatch(/^【訓練】令和八年.*…（大雨）$/);
  });

  it('invites a guest whose name and organisation both have 100 characters', async () => {
    const disaster = await declare(t, officer, { title: '地震 訓練', kind: 'earthquake', level: 1, drill: true });
    const res = await t.request('POST', `/api/disasters/${disaster.id}/guests`, {
      token: officer.token,
      json: { displayName: '名'.repeat(100), organisation: '団'.repeat(100), expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(res.status).toBe(201);
    const [row] = await t.query<{ display_name: string; guest_organisation: string }>(
      'SELECT display_name, guest_organisation FROM users WHERE id = $1',
      [res.body.guest.id],
    );
    expect([...row.display_name]).toHaveLength(100);
    expect(row.guest_organisation).toBe('団'.repeat(100));
    // Chat names the guest in the channel's view, for members who open the channel outside the disaster page.
    const channel = await t.request('GET', `/api/chat/channels/${disaster.channelId}`, { token: officer.token });
    expect(channel.body.guests).toEqual([
      { id: res.body.guest.id, username: res.body.username, displayName: row.display_name, organisation: '団'.repeat(100), active: true },
    ]);
    const other = await declare(t, officer, { title: '火災 訓練', kind: 'fire', level: 1, drill: true });
    expect((await t.request('GET', `/api/chat/channels/${other.channelId}`, { token: officer.token })).body.guests).toBeUndefined();
  });

  it('keeps a duty without an assignee (assigneeId: null), and refuses a malformed one', async () => {
    const base = { level: 3, group: 'shelter', title: '第三避難所 開設', place: '住田町体育館' };
    const created = await t.request('POST', '/api/disaster-duties', { token: officer.token, json: { ...base, assigneeId: null } });
    expect(created.status).toBe(201);
    expect(created.body.assigneeId).toBeNull();
    const bad = await t.request('POST', '/api/disaster-duties', { token: officer.token, json: { ...base, assigneeId: 'nobody' } });
    expect(bad.status).toBe(400);
  });
});
