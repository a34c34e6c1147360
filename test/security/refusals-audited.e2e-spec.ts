import { emitAck, TestServer, type SignedIn } from '../support/test-server';

/** Refused authorisations are security events: each one is appended to the audit chain with who and what. */
describe('refused authorisations in the audit log', () => {
  let t: TestServer;
  let staff: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    staff = await t.login('suzuki.somu');
  });
  afterAll(() => t.close());

  const refusals = () => t.query(`SELECT actor_id, target_type, target_id FROM audit_log WHERE action = 'authz.refused' ORDER BY id`);

  it('records a route refused to the caller’s role', async () => {
    expect((await t.request('GET', '/api/audit', { token: staff.token })).status).toBe(403);
    expect((await t.request('POST', '/api/users', { token: staff.token, json: {} })).status).toBe(403);
    expect(await refusals()).toEqual([
      { actor_id: staff.user.id, target_type: 'route', target_id: 'GET /api/audit' },
      { actor_id: staff.user.id, target_type: 'route', target_id: 'POST /api/users' },
    ]);
  });

  it('records a socket event refused on a record the caller may not use', async () => {
    const admin = await t.login('admin');
    const channel = await t.request('POST', '/api/chat/channels', {
      token: admin.token,
      json: { name: 'closed-door', type: 'private', memberIds: [] },
    });
    const socket = await t.socket({ token: staff.token });
    const answer = await emitAck(socket, 'chat:sync', { cursors: { [channel.body.id]: 0 } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rows = await refusals();
    expect(rows[rows.length - 1]).toEqual({ actor_id: staff.user.id, target_type: 'socket', target_id: 'chat:sync' });
    expect((await t.request('GET', '/api/audit/verify', { token: admin.token })).body).toMatchObject({ valid: true });
  });
});
