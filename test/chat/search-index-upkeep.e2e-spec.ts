import { TestServer, type SignedIn } from '../support/test-server';
import { clientId, createChannel } from './chat-helpers';

/**
 * The search index's pending list is merged by the server in the background (SearchIndexUpkeep), so that no chat
 * send ever waits while an INSERT merges a full list (docs/benchmarks.md, bench:chat).
 */
describe('chat: the search index pending list is merged in the background', () => {
  let t: TestServer;
  const u: SignedIn[] = [];
  beforeAll(async () => {
    t = await TestServer.start();
    for (const name of ['sato.somu', 'suzuki.somu', 'takahashi.somu', 'tanaka.kikaku', 'ito.kikaku']) u.push(await t.login(name));
    await t.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    // Autovacuum merges the list too: off for this table here, so that only the server can have done it.
    await t.query('ALTER TABLE chat_messages SET (autovacuum_enabled = false)');
  });
  afterAll(() => t.close());

  const pending = async () =>
    Number((await t.query<{ n: string }>(`SELECT pending_tuples AS n FROM pgstatginindex('chat_messages_search_idx')`))[0].n);

  it('empties the list after a few hundred messages, and search still finds them', async () => {
    const channelId = (await createChannel(t, u[0], 'private', u.slice(1))).id;
    for (let i = 1; i <= 250; i++) {
      const res = await t.request('POST', `/api/chat/channels/${channelId}/messages`, {
        token: u[i % u.length].token,
        json: { body: `防災倉庫の点検 ${i} 番`, clientMsgId: clientId() },
      });
      expect(res.status).toBe(201);
    }
    // No event tells when the server's next tick (every 2 s) has merged the list: look until it is empty.
    const deadline = Date.now() + 15_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await pending()).toBe(0);
    const found = await t.request('GET', `/api/chat/search?${new URLSearchParams({ q: '倉庫の点検', channelId })}`, { token: u[1].token });
    expect(found.status).toBe(200);
    expect(found.body.results.length).toBeGreaterThan(0);
  });
});
