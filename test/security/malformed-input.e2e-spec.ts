import { emitAck, TestServer, type SignedIn } from '../support/test-server';

/**
 * Malformed input is refused, never stored: `null` where a value is required (class-validator's IsOptional lets it
 * through: `startsAt: null` moved a meeting to 1970), and nested values of the wrong shape.
 */
describe('null and wrong shapes in writes', () => {
  let t: TestServer;
  let admin: SignedIn;
  let meetingId: string;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    const created = await t.request('POST', '/api/meetings', {
      token: admin.token,
      json: { title: '庁議', startsAt: '2026-12-01T01:00:00Z', participantIds: [] },
    });
    expect(created.status).toBe(201);
    meetingId = created.body.id;
  });
  afterAll(() => t.close());

  const meeting = async () => (await t.query('SELECT title, starts_at, place FROM meetings WHERE id = $1', [meetingId]))[0];

  it('refuses null for optional fields that cannot be cleared, naming them, and changes nothing', async () => {
    const before = await meeting();
    for (const json of [{ startsAt: null }, { title: null }, { participantIds: null }, { startsAt: null, title: null }]) {
      const res = await t.request('PATCH', `/api/meetings/${meetingId}`, { token: admin.token, json });
      expect(res.status).toBe(400);
      for (const field of Object.keys(json)) expect(res.body.message).toContain(`${field}: must not be null`);
    }
    expect(await meeting()).toEqual(before);
  });

  it('still clears the fields the contract lets clear', async () => {
    expect((await t.request('PATCH', `/api/meetings/${meetingId}`, { token: admin.token, json: { place: '第1会議室' } })).status).toBe(200);
    expect((await t.request('PATCH', `/api/meetings/${meetingId}`, { token: admin.token, json: { place: null } })).status).toBe(200);
    expect((await meeting()).place).toBeNull();
  });

  it('refuses null inside lists and in required fields of creations', async () => {
    const before = await t.query('SELECT count(*)::int AS n FROM meetings');
    for (const json of [
      { title: 'x', startsAt: null, participantIds: [] },
      { title: 'x', startsAt: '2026-12-01T01:00:00Z', participantIds: [null] },
      { title: null, startsAt: '2026-12-01T01:00:00Z', participantIds: [] },
    ]) {
      expect((await t.request('POST', '/api/meetings', { token: admin.token, json })).status).toBe(400);
    }
    expect(await t.query('SELECT count(*)::int AS n FROM meetings')).toEqual(before);
  });

  it('refuses null in socket payloads with bad_request naming the field', async () => {
    const socket = await t.socket({ token: admin.token });
    const answer = await emitAck(socket, 'chat:send', {
      channelId: '00000000-0000-4000-8000-000000000000',
      clientMsgId: 'n-1',
      body: 'x',
      threadRootId: null,
    });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('threadRootId: must not be null') },
    });
  });

  it('refuses a user update that nulls a required field, and accepts clearing the position', async () => {
    const [user] = await t.query(`SELECT id FROM users WHERE username = 'kato.zeimu'`);
    expect((await t.request('PATCH', `/api/users/${user.id}`, { token: admin.token, json: { displayName: null } })).status).toBe(400);
    expect((await t.request('PATCH', `/api/users/${user.id}`, { token: admin.token, json: { roles: null } })).status).toBe(400);
    expect((await t.request('PATCH', `/api/users/${user.id}`, { token: admin.token, json: { position: null } })).status).toBe(200);
    const [after] = await t.query(`SELECT display_name, roles, position FROM users WHERE id = $1`, [user.id]);
    expect(after).toEqual({ display_name: expect.any(String), roles: ['staff'], position: null });
  });
});

describe('socket payloads over the size limit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t.close());

  it('answers too_large and keeps the connection', async () => {
    const admin = await t.login('admin');
    const socket = await t.socket({ token: admin.token });
    const answer = await emitAck(
      socket,
      'chat:send',
      { channelId: '00000000-0000-4000-8000-000000000000', clientMsgId: 'big', body: 'あ'.repeat(600_000) },
      15_000,
    );
    expect(answer).toEqual({ ok: false, error: { code: 'too_large', message: expect.any(String) } });
    expect(socket.connected).toBe(true);
    expect(await emitAck(socket, 'chat:sync', { cursors: {} })).toMatchObject({ ok: true });
  });
});
