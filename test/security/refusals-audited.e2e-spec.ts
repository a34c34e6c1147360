import { io } from 'socket.io-client';
import { RefusalAuditor } from '@yakuba/platform';
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

/**
 * Requests the origin check refuses never reach Nest's guards or filters; they are audited all the same, coalesced
 * per source so that a flood of forged requests cannot flood the (serialised) audit chain.
 */
describe('origin refusals in the audit log', () => {
  let t: TestServer;
  let admin: SignedIn;
  const foreign = 'http://127.0.0.1:1';
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const auditor = () => t.server.app.get(RefusalAuditor);
  const entries = () =>
    t.query<{ actor_id: string | null; target_type: string; target_id: string; data: { origin: string; alsoRefused?: number } }>(
      `SELECT actor_id, target_type, target_id, data FROM audit_log WHERE action = 'authz.refused' AND target_type IN ('origin', 'socket') ORDER BY id`,
    );
  const forge = () =>
    t.request('POST', '/api/chat/channels', {
      cookie: admin.cookie,
      headers: { 'content-type': 'application/json', origin: foreign },
      body: JSON.stringify({ name: 'forged', type: 'private', memberIds: [] }),
    });

  it('records a forged write with the account whose cookie it carried, and a flood as one entry and a count', async () => {
    expect((await forge()).status).toBe(403);
    for (let i = 0; i < 25; i++) expect((await forge()).status).toBe(403);
    await auditor().drain();
    expect(await entries()).toEqual([
      { actor_id: admin.user.id, target_type: 'origin', target_id: 'POST /api/chat/channels', data: expect.objectContaining({ origin: foreign }) },
      {
        actor_id: admin.user.id,
        target_type: 'origin',
        target_id: 'POST /api/chat/channels',
        data: expect.objectContaining({ origin: foreign, alsoRefused: 25 }),
      },
    ]);
  });

  it('records a socket handshake from another origin', async () => {
    const socket = io(t.url, { transports: ['websocket'], extraHeaders: { cookie: admin.cookie, origin: foreign }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => socket.once('connect_error', () => resolve()));
    socket.close();
    await auditor().drain();
    const rows = await entries();
    expect(rows[rows.length - 1]).toEqual({
      actor_id: admin.user.id,
      target_type: 'socket',
      target_id: 'handshake',
      data: expect.objectContaining({ origin: foreign }),
    });
    expect((await t.request('GET', '/api/audit/verify', { token: admin.token })).body).toMatchObject({ valid: true });
  });
});
