import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import { clientId } from '../chat/chat-helpers';
import { emitAck, TestServer } from '../support/test-server';

/** GET /metrics (issue #12, Observability): Prometheus text with the node's sockets, events, latencies and pool. */
// One server at a time: passport's strategies are process-wide, so a second server in this process would take over
// the first one's sign-in.
describe('metrics', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t.close());

  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('gives every request an id (or keeps the one nginx sent): in the X-Request-Id answer header', async () => {
    const fresh = await t.request('GET', '/api/health');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.request('GET', '/api/health', { headers: { 'x-request-id': 'nginx-4f2a9c1d' } });
    expect(kept.headers.get('x-request-id')).toBe('nginx-4f2a9c1d');
    const odd = await t.request('GET', '/api/health', { headers: { 'x-request-id': '<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts connected sockets, socket events by answer, HTTP requests by route, the pool and Node itself', async () => {
    const me = await t.login('suzuki.somu');
    const socket = await t.socket({ token: me.token });
    const [channel] = await t.query<{ id: string }>(
      `SELECT c.id FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id JOIN users u ON u.id = m.user_id
        WHERE u.username = 'suzuki.somu' AND c.archived_at IS NULL LIMIT 1`,
    );
    expect((await emitAck(socket, 'chat:send', { channelId: channel.id, clientMsgId: clientId(), body: '計測' })).ok).toBe(true);
    const refused = await emitAck(socket, 'chat:send', { channelId: 'nope', clientMsgId: clientId(), body: 'x' });
    expect(refused.ok).toBe(false);
    await t.request('GET', '/api/health');
    await t.request('GET', `/api/chat/channels/${channel.id}`, { token: me.token });

    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(value(text, 'yakuba_sockets_connected')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'yakuba_socket_event_duration_seconds_count{event="chat:send",result="ok"}')).toBe(1);
    expect(
      value(
        text,
        `yakuba_socket_event_duration_seconds_count{event="chat:send",result="${(refused as { error: { code: string } }).error.code}"}`,
      ),
    ).toBe(1);
    expect(value(text, 'yakuba_http_request_duration_seconds_count{method="GET",route="/api/health",status="200"}')).toBeGreaterThanOrEqual(
      1,
    );
    // Route patterns, never ids: one series for every channel.
    expect(text).toContain('route="/api/chat/channels/:id"');
    expect(text).not.toContain(channel.id);
    // The whole pool was opened at start-up and is kept (issue #15: no connection storm after a quiet spell).
    const poolSize = Math.max(10, 4 * availableParallelism());
    expect(value(text, 'yakuba_db_pool_connections{state="total"}')).toBe(poolSize);
    // Counted from the metrics' start (the first connection is older): none opened again since.
    expect(value(text, 'yakuba_db_pool_connections_opened_total')).toBeLessThanOrEqual(poolSize);
    expect(value(text, 'yakuba_db_pool_acquire_seconds_count')).toBeGreaterThan(poolSize);
    expect(text).toMatch(/^yakuba_nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^yakuba_process_resident_memory_bytes /m);
    // The sockets' write backlog (issue #15): every client here reads what it is sent, so nothing waits now.
    for (const part of ['bytes', 'packets', 'connections']) {
      expect(value(text, `yakuba_socket_write_backlog{of="${part}",window="now"}`)).toBe(0);
      expect(value(text, `yakuba_socket_write_backlog{of="${part}",window="max"}`)).toBeGreaterThanOrEqual(0);
    }
    // The idle collector's figures (its collections need --expose-gc, which npm start gives and jest does not).
    for (const name of ['yakuba_nodejs_idle_gc_total', 'yakuba_nodejs_idle_gc_pause_seconds_total', 'yakuba_nodejs_idle_gc_freed_bytes_total'])
      expect(value(text, name)).toBeGreaterThanOrEqual(0);
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  let guarded: TestServer;
  const token = randomBytes(16).toString('hex');
  beforeAll(async () => {
    guarded = await TestServer.start({ METRICS_TOKEN: token, SEED_DEMO: 'false' });
  });
  afterAll(() => guarded.close());

  it('answers only the bearer of the token, and 404 to anyone else', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404);
    const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('yakuba_sockets_connected');
  });
});
