import { TestServer } from '../support/test-server';

/**
 * Found by the chaos campaign: while PostgreSQL restarted, a pooled connection reported 57P01 ("terminating
 * connection due to administrator command") at a moment when neither the pool nor TypeORM listened, and the
 * unhandled 'error' event ended the server. Here every connection of the server is terminated, repeatedly, while
 * requests are in flight (the same FATAL message a restart sends): the server (this process) must survive, answer
 * nothing ≥ 500 but 503, and serve again afterwards.
 */
describe('database connections terminated under load', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t.close());

  it('survives 57P01 on busy and idle connections alike', async () => {
    const staff = await t.login('suzuki.somu');
    const statuses: Record<number, number> = {};
    const [{ name }] = await t.query<{ name: string }>('SELECT current_database() AS name');
    for (let round = 0; round < 5; round++) {
      const inFlight = Array.from({ length: 30 }, () => t.request('GET', '/api/chat/channels', { token: staff.token }));
      await t.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      for (const res of await Promise.all(inFlight)) {
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 500 && res.status !== 503) process.stdout.write(`${res.status} ${JSON.stringify(res.body)}\n`);
      }
    }
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500 && Number(s) !== 503)).toEqual([]);
    expect((await t.request('GET', '/api/chat/channels', { token: staff.token })).status).toBe(200);
  });
});
