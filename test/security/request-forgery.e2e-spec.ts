import { io } from 'socket.io-client';
import { emitAck, TestServer, type SignedIn } from '../support/test-server';

/**
 * Same-site request forgery and socket hijack (issue: a page served from another port of the same host posted
 * messages as the visitor and read a private channel through chat:sync). The visitor's browser sends the session
 * cookie; what the page cannot forge are Origin, Sec-Fetch-Site and a non-simple Content-Type.
 */
describe('same-site request forgery and socket hijack', () => {
  let t: TestServer;
  let admin: SignedIn;
  let own: string;
  const foreign = 'http://127.0.0.1:1';
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    own = new URL(t.url).origin;
  });
  afterAll(() => t.close());

  const channels = async () => (await t.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_channels'))[0].n;
  const create = (headers: Record<string, string>, body: string) =>
    t.request('POST', '/api/chat/channels', { cookie: admin.cookie, body, headers });
  const channelJson = (name: string) => JSON.stringify({ name, type: 'private', memberIds: [] });

  it('refuses a write with the cookie from a page of another origin, and stores nothing', async () => {
    const before = await channels();
    const res = await create({ 'content-type': 'application/json', origin: foreign }, channelJson('forged'));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringMatching(/origin/) });
    expect(await channels()).toBe(before);
  });

  it('refuses what the browser marks as same-site or cross-site (Fetch Metadata)', async () => {
    const before = await channels();
    for (const site of ['same-site', 'cross-site']) {
      const res = await create({ 'content-type': 'application/json', origin: own, 'sec-fetch-site': site }, channelJson('forged'));
      expect(res.status).toBe(403);
    }
    expect(await channels()).toBe(before);
  });

  it('accepts only JSON bodies on JSON routes: form posts and text/plain answer 415 and store nothing', async () => {
    const before = await channels();
    const form = await create({ 'content-type': 'application/x-www-form-urlencoded' }, 'name=forged&type=public');
    expect(form.status).toBe(415);
    const text = await create({ 'content-type': 'text/plain' }, channelJson('forged'));
    expect(text.status).toBe(415);
    expect(await channels()).toBe(before);
  });

  it('takes the same write from our own pages', async () => {
    const res = await create({ 'content-type': 'application/json', origin: own, 'sec-fetch-site': 'same-origin' }, channelJson('ours'));
    expect(res.status).toBe(201);
  });

  it('refuses a socket.io handshake from another origin, cookie or not, and accepts our own', async () => {
    for (const transports of [['websocket'], ['polling']] as const) {
      const hijack = io(t.url, {
        transports: [...transports],
        extraHeaders: { cookie: admin.cookie, origin: foreign },
        reconnection: false,
        forceNew: true,
      });
      const outcome = await new Promise<string>((resolve) => {
        hijack.once('connect', () => resolve('connected'));
        hijack.once('connect_error', () => resolve('refused'));
      });
      hijack.disconnect();
      expect(outcome).toBe('refused');
    }
    const ours = io(t.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: admin.cookie, origin: own },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      ours.once('connect', () => resolve());
      ours.once('connect_error', reject);
    });
    ours.disconnect();
  });

  it('sends a Content-Security-Policy whose connect-src is our own origin only', async () => {
    const res = await t.request('GET', '/login');
    expect(res.headers.get('content-security-policy')).toMatch(/connect-src 'self'(;|$)/);
  });
});

describe('input of any shape before validation', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('answers JSON nested thousands deep with 400 on every route shape, never 5xx', async () => {
    for (const [method, path] of [
      ['POST', '/api/users'],
      ['PATCH', '/api/users/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/chat/channels'],
      ['POST', '/api/meetings'],
    ]) {
      const res = await t.request(method, path, { token: admin.token, body: deep(5000), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/nested deeper/);
    }
  });

  it('answers a socket event nested thousands deep with bad_request naming the problem', async () => {
    const socket = await t.socket({ token: admin.token });
    // Written as a raw Socket.IO packet: the client's own encoder cannot walk a payload this deep.
    const rawAck = (id: number, event: string, json: string) =>
      new Promise<unknown>((resolve) => {
        const engine = socket.io.engine;
        const onMessage = (data: unknown) => {
          if (typeof data !== 'string' || !data.startsWith(`3${id}[`)) return;
          engine.off('message', onMessage);
          resolve(JSON.parse(data.slice(`3${id}`.length))[0]);
        };
        engine.on('message', onMessage);
        engine.send(`2${id}["${event}",${json}]`);
      });
    let id = 9000;
    for (const event of ['chat:send', 'chat:sync', 'meeting:join']) {
      const answer = await rawAck(id++, event, deep(5000));
      expect(answer).toEqual({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/nested deeper/) } });
    }
  });

  it('refuses NUL characters in text with 400 and stores nothing', async () => {
    const before = await t.query('SELECT count(*)::int AS n FROM chat_channels');
    const res = await t.request('POST', '/api/chat/channels', {
      token: admin.token,
      json: { name: 'a\u0000b', type: 'public', memberIds: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('name: NUL characters are not allowed');
    const query = await t.request('GET', '/api/users?q=%00', { token: admin.token });
    expect(query.status).toBe(400);
    expect(await t.query('SELECT count(*)::int AS n FROM chat_channels')).toEqual(before);
    const socket = await t.socket({ token: admin.token });
    const answer = await emitAck(socket, 'chat:send', {
      channelId: '00000000-0000-4000-8000-000000000000',
      clientMsgId: 'x',
      body: 'a\u0000',
    });
    expect(answer).toEqual({ ok: false, error: { code: 'bad_request', message: 'body: NUL characters are not allowed' } });
  });
});
