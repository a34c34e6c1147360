import { io } from 'socket.io-client';
import { CLIENT_EVENT_NAMES, type ClientEventName } from '@yakuba/contracts';
import { RealtimeService } from '@yakuba/platform';
import { emitAck, TestServer, type SignedIn } from '../support/test-server';

/**
 * Which role reaches which route and which socket event. A change to these snapshots is a permission change:
 * review it as one. Routes are read from the OpenAPI document and socket events from the contract's
 * SOCKET_EVENT_PERMISSIONS, so a new route or event shows up here by itself.
 */
describe('role → route permissions', () => {
  let t: TestServer;
  let admin: SignedIn;
  let staff: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    staff = await t.login('suzuki.somu');
  });
  afterAll(() => t.close());

  it('documents every route in OpenAPI and matches the reviewed permission table', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const table: Record<string, Record<string, number>> = {};
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.body.paths)) {
      for (const method of Object.keys(ops)) {
        // Signing out would end the session this table is measured with.
        if (path === '/api/auth/logout') continue;
        const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const row: Record<string, number> = {};
        for (const [role, who] of [
          ['anonymous', undefined],
          ['staff', staff],
          ['admin', admin],
        ] as const) {
          const res = await t.request(method.toUpperCase(), concrete, { token: who?.token, json: method === 'get' ? undefined : {} });
          row[role] = res.status === 401 || res.status === 403 ? res.status : 0;
        }
        table[`${method.toUpperCase()} ${path}`] = row;
      }
    }
    // 0 = reaches the handler (whatever it then answers); 401 = needs a session; 403 = role lacks the permission.
    expect(table).toMatchSnapshot();
  });

  it('documents the API-token scheme on exactly the routes an API token reaches', async () => {
    const doc = (await t.request('GET', '/api/docs-json')).body;
    expect(doc.components.securitySchemes['api-token']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'ykb_…' });
    expect(doc.components.securitySchemes['api-token'].description).toContain('Authorization: Bearer ykb_');
    const documented: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        if (!(op.security ?? []).some((s: Record<string, unknown>) => 'api-token' in s)) continue;
        documented.push(`${method.toUpperCase()} ${path}`);
        // A session still reaches them too, and the summary says who else may call.
        expect(op.security).toContainEqual({ bearer: [] });
        expect(op.summary).toContain('API token');
      }
    expect(documented.sort()).toEqual(['POST /api/disasters', 'POST /api/disasters/{id}/urgent']);

    const { token } = (
      await t.request('POST', '/api/api-tokens', { token: admin.token, json: { name: 'OpenAPI 照合', scopes: ['disasters'] } })
    ).body;
    const reached: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths))
      for (const method of Object.keys(ops)) {
        if (path === '/api/auth/logout') continue;
        const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const json = method === 'get' ? undefined : {};
        const refused = (status: number) => status === 401 || status === 403;
        // Routes open to anyone say nothing about tokens.
        if (!refused((await t.request(method.toUpperCase(), concrete, { json })).status)) continue;
        if (!refused((await t.request(method.toUpperCase(), concrete, { token, json })).status))
          reached.push(`${method.toUpperCase()} ${path}`);
      }
    expect(reached.sort()).toEqual(documented);
  });

  it('lists every socket event the server listens to in the contract and matches the reviewed permission table', async () => {
    // No credential, no socket: every event is out of reach before it is sent.
    const refused = await new Promise<string>((resolve, reject) => {
      const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true });
      socket.once('connect_error', (e) => {
        socket.disconnect();
        resolve(e.message);
      });
      socket.once('connect', () => reject(new Error('connected without a credential')));
    });
    expect(refused).toBe('unauthorized');
    const sockets = { staff: await t.socket({ token: staff.token }), admin: await t.socket({ token: admin.token }) };

    // The events the gateways subscribed to are exactly the contract's: none without a permission row.
    const serverSocket = t.server.app.get(RealtimeService)['server']!.sockets.sockets.get(sockets.staff.id!)!;
    const reserved = new Set(['disconnect', 'disconnecting', 'error']);
    const listened = serverSocket.eventNames().filter((e): e is string => typeof e === 'string' && !reserved.has(e));
    expect([...listened].sort()).toEqual([...CLIENT_EVENT_NAMES].sort());

    const table: Record<string, Record<string, number>> = {};
    for (const event of CLIENT_EVENT_NAMES) {
      const row: Record<string, number> = { anonymous: 401 };
      for (const role of ['staff', 'admin'] as const) {
        const answer = await emitAck<{ ok: boolean; error?: { code: string } }>(sockets[role], event satisfies ClientEventName, {});
        row[role] = answer.error?.code === 'unauthorized' ? 401 : answer.error?.code === 'forbidden' ? 403 : 0;
      }
      table[`socket ${event}`] = row;
    }
    // 0 = reaches the handler (the empty payload is then refused as bad_request); 401 = cannot connect;
    // 403 = role lacks the event's permission.
    expect(table).toMatchSnapshot();
  });
});
