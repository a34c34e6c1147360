import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';

/** Role changes reach open sockets at once: a demoted administrator's socket stops acting as one. */
describe('roles held by open sockets', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('re-reads the account into its open sockets when an administrator changes its roles', async () => {
    const [dept] = await t.query(`SELECT id FROM departments LIMIT 1`);
    const created = await t.request('POST', '/api/users', {
      token: admin.token,
      json: {
        username: 'temp.admin',
        displayName: '臨時 管理',
        password: 'long-password-3',
        departmentId: dept.id,
        roles: ['staff', 'admin'],
      },
    });
    expect(created.status).toBe(201);
    const temp = await t.login('temp.admin', 'long-password-3');
    const author = await t.login('suzuki.somu');
    const channel = await t.request('POST', '/api/chat/channels', {
      token: author.token,
      json: { name: 'roles-test', type: 'public', memberIds: [created.body.id] },
    });
    const authorSocket = await t.socket({ token: author.token });
    const sent = async (n: number) =>
      (await emitAck(authorSocket, 'chat:send', { channelId: channel.body.id, clientMsgId: `roles-${n}`, body: `message ${n}` })).message
        .id;
    const socket = await t.socket({ token: temp.token });

    // As an administrator (chat.manage) the socket may delete someone else's message.
    expect(await emitAck(socket, 'chat:delete', { messageId: await sent(1) })).toMatchObject({ ok: true });

    const updated = nextEvent(socket, 'session:updated');
    expect((await t.request('PATCH', `/api/users/${created.body.id}`, { token: admin.token, json: { roles: ['staff'] } })).status).toBe(
      200,
    );
    expect((await updated).user).toMatchObject({ username: 'temp.admin', roles: ['staff'] });

    // The same open socket, now staff: refused, and the message stays.
    const second = await sent(2);
    expect(await emitAck(socket, 'chat:delete', { messageId: second })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const [row] = await t.query(`SELECT deleted_at FROM chat_messages WHERE id = $1`, [second]);
    expect(row.deleted_at).toBeNull();
  });
});
