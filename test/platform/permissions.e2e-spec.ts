import { TestServer, type SignedIn } from '../support/test-server';

/**
 * Which role reaches which route. A change to this snapshot is a permission change: review it as one.
 * Routes are read from the OpenAPI document, so a new route shows up here by itself.
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
        for (const [role, who] of [['anonymous', undefined], ['staff', staff], ['admin', admin]] as const) {
          const res = await t.request(method.toUpperCase(), concrete, { token: who?.token, json: method === 'get' ? undefined : {} });
          row[role] = res.status === 401 || res.status === 403 ? res.status : 0;
        }
        table[`${method.toUpperCase()} ${path}`] = row;
      }
    }
    // 0 = reaches the handler (whatever it then answers); 401 = needs a session; 403 = role lacks the permission.
    expect(table).toMatchSnapshot();
  });
});
