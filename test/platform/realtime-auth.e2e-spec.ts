import { io } from 'socket.io-client';
import { TestServer, nextEvent } from '../support/test-server';

describe('Socket.IO handshake', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t.close());

  async function connectError(options: Parameters<typeof io>[1]): Promise<string> {
    const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
    try {
      return await new Promise<string>((resolve, reject) => {
        socket.once('connect_error', (e) => resolve(e.message));
        socket.once('connect', () => reject(new Error('connected without a credential')));
      });
    } finally {
      socket.disconnect();
    }
  }

  it('refuses a connection without a valid credential with "unauthorized"', async () => {
    expect(await connectError({})).toBe('unauthorized');
    expect(await connectError({ auth: { token: 'not-a-token' } })).toBe('unauthorized');
    expect(await connectError({ auth: { token: 42 } })).toBe('unauthorized');
  });

  it('accepts the bearer token and the session cookie', async () => {
    const s = await t.login('sato.somu');
    expect((await t.socket({ token: s.token })).connected).toBe(true);
    expect((await t.socket({ cookie: s.cookie })).connected).toBe(true);
  });

  it('disconnects the sockets of a session that signs out', async () => {
    const s = await t.login('ito.kikaku');
    const socket = await t.socket({ token: s.token });
    const gone = nextEvent(socket, 'disconnect');
    await t.request('POST', '/api/auth/logout', { token: s.token });
    expect(await gone).toBe('io server disconnect');
    expect(await connectError({ auth: { token: s.token } })).toBe('unauthorized');
  });
});
