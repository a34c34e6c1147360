import { TestServer, type SignedIn } from '../support/test-server';

/** Bad input of any shape gets a clear 4xx with the contract's body, and changes nothing. */
describe('bad input', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const cases: [string, string, string, { json?: unknown; body?: string; headers?: Record<string, string> }, number][] = [
    ['broken JSON', 'POST', '/api/users', { body: '{"username":', headers: { 'content-type': 'application/json' } }, 400],
    ['an array body', 'POST', '/api/users', { json: [1, 2] }, 400],
    ['wrong types', 'POST', '/api/users', { json: { username: 1, displayName: {}, password: [], departmentId: true } }, 400],
    ['unknown fields', 'PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { json: { isAdmin: true } }, 400],
    ['a huge body', 'POST', '/api/users', { body: JSON.stringify({ displayName: 'x'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } }, 413],
    ['a foreign id', 'GET', '/api/users/not-a-uuid', {}, 404],
    ['a missing department', 'POST', '/api/users', { json: { username: 'ghost', displayName: 'x', password: 'long-password-1', departmentId: '00000000-0000-4000-8000-000000000000' } }, 400],
    ['a bad query value', 'GET', '/api/audit?limit=-5', {}, 400],
    ['an unknown route', 'GET', '/api/nothing-here', {}, 404],
    ['a number as a username', 'POST', '/api/auth/login', { json: { username: 5, password: 5 } }, 400],
  ];

  it.each(cases)('%s → %i', async (_name, method, path, options, status) => {
    const before = await t.query('SELECT count(*)::int AS n FROM users');
    const res = await t.request(method, path, { token: admin.token, ...options });
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
    expect(await t.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('names the bad fields in the message', async () => {
    const res = await t.request('POST', '/api/users', { token: admin.token, json: { username: 'ok.name', displayName: 'x', password: 'short', departmentId: 'nope' } });
    expect(res.body.message).toMatch(/password/);
    expect(res.body.message).toMatch(/departmentId/);
    expect(res.body.message).not.toMatch(/username/);
  });
});
