import { TestServer, type SignedIn } from '../support/test-server';

/**
 * Every route in the OpenAPI document, fed bad input of many shapes by an administrator and by plain staff:
 * the answer is always a clear 4xx (or a success for harmless input), never a 5xx. Routes are read from the
 * document, so new routes are covered without touching this file.
 */
describe('bad input on every route', () => {
  let t: TestServer;
  let admin: SignedIn;
  let staff: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' });
    admin = await t.login('admin');
    staff = await t.login('suzuki.somu');
  });
  afterAll(() => t.close());

  const ids = ['00000000-0000-4000-8000-000000000000', 'not-an-id', '-1', '99999999999999999999', '%E3%81%82', "1'OR'1'='1"];
  const bodies: unknown[] = [
    {},
    [],
    null,
    'text',
    42,
    { id: {}, name: [], title: null, body: 5, page: 'x', memberIds: 'x', participantIds: [1, 2], startsAt: 'yesterday', type: 'nope' },
    { name: 'x'.repeat(100_000), title: 'x'.repeat(100_000), body: 'x'.repeat(100_000) },
    { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
    { nested: { deeper: { deepest: [[[[[]]]]] } } },
  ];

  it('never answers 5xx', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    const failures: string[] = [];
    let calls = 0;
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.body.paths)) {
      for (const method of Object.keys(ops)) {
        if (path === '/api/auth/logout') continue;
        for (const id of ids) {
          const concrete = path.replace(/\{[^}]+\}/g, id);
          const payloads = method === 'get' || method === 'delete' ? [undefined] : bodies;
          for (const payload of payloads) {
            for (const who of [admin, staff]) {
              const res = await t.request(method.toUpperCase(), `${concrete}${method === 'get' ? '?q=%00&limit=abc&page=-1&before=x&cursor=%FF' : ''}`, {
                token: who.token,
                body: payload === undefined ? undefined : JSON.stringify(payload),
                headers: payload === undefined ? {} : { 'content-type': 'application/json' },
              });
              calls += 1;
              if (res.status >= 500) failures.push(`${method.toUpperCase()} ${concrete} ${JSON.stringify(payload)?.slice(0, 60)} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
              else if (res.status >= 400) expect(res.body).toEqual({ statusCode: res.status, error: expect.any(String), message: expect.any(String) });
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 240_000);

  it('still serves and verifies its audit chain afterwards', async () => {
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    expect((await t.request('GET', '/api/audit/verify', { token: admin.token })).body).toMatchObject({ valid: true });
  });
});
