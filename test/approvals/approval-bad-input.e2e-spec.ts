import { TestServer, type SignedIn } from '../support/test-server';

/**
 * The approvals routes of the OpenAPI document fed bad input of many shapes (the shapes of
 * test/platform/fuzz-routes.e2e-spec.ts, which covers every route) by an administrator and by plain staff: a clear
 * 4xx or a harmless success, never a 5xx, and nothing decided by accident.
 */
describe('approvals: bad input never gives a 5xx', () => {
  let t: TestServer;
  let admin: SignedIn;
  let staff: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    staff = await t.login('suzuki.somu');
  });
  afterAll(() => t.close());

  const ids = ['00000000-0000-4000-8000-000000000000', 'not-an-id', '99999999999999999999', "1'OR'1'='1"];
  const bodies: unknown[] = [
    {},
    [],
    null,
    'text',
    { action: 'approve', version: 'x', toStage: -1, statedDate: '2026-02-30', amount: 1e300, typeId: 'x' },
    { typeId: '00000000-0000-4000-8000-000000000000', title: 'x'.repeat(100_000), body: 5, extraStages: [{ approverIds: 'x' }] },
    { code: 'X Y', name: '', retentionYears: 7, stages: [{ approvers: [{ kind: 'user' }] }], authority: [{ minAmount: -5 }] },
    { items: [{ id: 'x', version: 0 }], proxyId: 'x', startsAt: 'yesterday', endsAt: 'x', month: '2026-13', count: -1, prefix: '' },
    { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
  ];

  it('answers every approvals route with a 4xx body or a success', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    const failures: string[] = [];
    let calls = 0;
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.body.paths)) {
      if (!path.startsWith('/api/approvals')) continue;
      for (const method of Object.keys(ops)) {
        for (const id of ids) {
          const concrete = path.replace(/\{[^}]+\}/g, id);
          const payloads = method === 'get' || method === 'delete' ? [undefined] : bodies;
          for (const payload of payloads) {
            for (const who of [admin, staff]) {
              const query =
                method === 'get' ? '?q=%E3%81%82&limit=abc&offset=-1&from=2026-02-30&to=x&status=nope&fiscalYear=abc&number=%25' : '';
              const res = await t.request(method.toUpperCase(), `${concrete}${query}`, {
                token: who.token,
                body: payload === undefined ? undefined : JSON.stringify(payload),
                headers: payload === undefined ? {} : { 'content-type': 'application/json' },
              });
              calls += 1;
              if (res.status >= 500)
                failures.push(
                  `${method.toUpperCase()} ${concrete} ${JSON.stringify(payload)?.slice(0, 60)} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`,
                );
              else if (res.status >= 400)
                expect(res.body).toEqual({ statusCode: res.status, error: expect.any(String), message: expect.any(String) });
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    // Odd but valid-looking queries get answers too.
    for (const q of ['from=2026-04-01&to=2027-03-31', 'q=%E7%94%BA', 'number=%E4%BD%8F', 'status=decided&limit=1&offset=0']) {
      const res = await t.request('GET', `/api/approvals/search?${q}`, { token: staff.token });
      expect(res.status).toBe(200);
    }
    expect((await t.request('GET', '/api/approvals/kpis?from=2026-04&to=2026-03', { token: admin.token })).status).toBe(400);
  });
});
