import type { Socket } from 'socket.io-client';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';

/** The socket's end: the server says why, then closes it. */
const ended = (socket: Socket, timeoutMs = 10_000) =>
  Promise.all([nextEvent(socket, 'session:revoked', () => true, timeoutMs), nextEvent(socket, 'disconnect', () => true, timeoutMs)]);

/**
 * Sessions as municipalities configure them (ASVS 5.0 V7): an idle timeout beside the absolute lifetime, both
 * administrators' settings; sessions listed and ended by administrators and by their owners; their sockets closed.
 */
describe('sessions', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('shows administrators every live session and lets them end one: its requests and socket stop at once (audited)', async () => {
    const staff = await t.login('suzuki.somu');
    const socket = await t.socket({ token: staff.token });
    const list = await t.request('GET', '/api/auth/sessions', { token: admin.token });
    expect(list.status).toBe(200);
    const mine = list.body.find((s: { current: boolean }) => s.current);
    expect(mine).toMatchObject({ userId: admin.user.id, username: 'admin' });
    const theirs = list.body.find((s: { userId: string }) => s.userId === staff.user.id);
    expect(theirs).toEqual({
      id: expect.any(String),
      userId: staff.user.id,
      username: 'suzuki.somu',
      displayName: expect.any(String),
      createdAt: expect.any(String),
      lastActiveAt: expect.any(String),
      ip: expect.any(String),
      userAgent: expect.any(String),
      current: false,
    });
    // Staff see neither the list nor anyone else's session (404 reveals nothing).
    expect((await t.request('GET', '/api/auth/sessions', { token: staff.token })).status).toBe(403);
    expect((await t.request('DELETE', `/api/auth/sessions/${mine.id}`, { token: staff.token })).status).toBe(404);
    expect((await t.request('DELETE', '/api/auth/sessions/not-a-uuid', { token: admin.token })).status).toBe(404);

    const gone = ended(socket);
    expect((await t.request('DELETE', `/api/auth/sessions/${theirs.id}`, { token: admin.token })).status).toBe(204);
    await gone;
    expect((await t.request('GET', '/api/auth/me', { token: staff.token })).status).toBe(401);
    const [audit] = await t.query(`SELECT actor_id, target_id, data FROM audit_log WHERE action = 'auth.session_ended_by_admin'`);
    expect(audit).toMatchObject({ actor_id: admin.user.id, target_id: staff.user.id, data: { sessionId: theirs.id } });
  });

  it('lets users see their own sessions and end the others, not the current one', async () => {
    const phone = await t.login('takahashi.somu');
    const desk = await t.login('takahashi.somu');
    const phoneSocket = await t.socket({ token: phone.token });
    const mine = await t.request('GET', '/api/auth/sessions/mine', { token: desk.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(2);
    expect(mine.body.every((s: { userId: string }) => s.userId === desk.user.id)).toBe(true);
    const current = mine.body.find((s: { current: boolean }) => s.current);
    const other = mine.body.find((s: { current: boolean }) => !s.current);
    expect((await t.request('DELETE', `/api/auth/sessions/${current.id}`, { token: desk.token })).status).toBe(400);
    const gone = ended(phoneSocket);
    expect((await t.request('DELETE', `/api/auth/sessions/${other.id}`, { token: desk.token })).status).toBe(204);
    await gone;
    expect((await t.request('GET', '/api/auth/me', { token: phone.token })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: desk.token })).status).toBe(200);
    expect(await t.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.session_ended' AND actor_id = $1`, [desk.user.id])).toEqual([{ n: 1 }]);
  });

  it('ends a session older than the absolute lifetime, however busy', async () => {
    const user = await t.login('kato.zeimu');
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).status).toBe(200);
    await t.query(`UPDATE sessions SET created_at = now() - interval '12 hours 1 minute' WHERE user_id = $1`, [user.user.id]);
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).status).toBe(401);
  });

  it('refuses timeouts out of range and keeps the settings unchanged', async () => {
    const before = (await t.request('GET', '/api/auth/security', { token: admin.token })).body;
    for (const session of [{ idleTimeoutSeconds: 0, absoluteTimeoutSeconds: 3600 }, { idleTimeoutSeconds: 60 }, { idleTimeoutSeconds: '60', absoluteTimeoutSeconds: 3600 }, null]) {
      expect((await t.request('PUT', '/api/auth/security', { token: admin.token, json: { session } })).status).toBe(400);
    }
    expect((await t.request('GET', '/api/auth/security', { token: admin.token })).body).toEqual(before);
    expect(before.session).toEqual({ idleTimeoutSeconds: 30 * 60, absoluteTimeoutSeconds: 12 * 3600 });
  });

  it('ends an idle session: its socket is closed without any request, activity keeps another alive (audited settings)', async () => {
    const watcher = await t.login('ito.kikaku');
    const idle = await t.login('nakamura.chomin');
    const busy = await t.login('sato.somu');
    const put = await t.request('PUT', '/api/auth/security', {
      token: admin.token,
      json: { session: { idleTimeoutSeconds: 3, absoluteTimeoutSeconds: 3600 } },
    });
    expect(put.status).toBe(200);
    expect(put.body.session).toEqual({ idleTimeoutSeconds: 3, absoluteTimeoutSeconds: 3600 });
    const idleSocket = await t.socket({ token: idle.token });
    // A third works only through its socket: its events are activity too (written in batches, see AuthService.touch).
    const chatting = await t.login('suzuki.somu');
    const chattingSocket = await t.socket({ token: chatting.token });
    let chattingClosed = false;
    chattingSocket.on('disconnect', () => (chattingClosed = true));
    const started = Date.now();
    const gone = ended(idleSocket);
    // The busy user works through the same seconds: each request extends the idle window.
    while (Date.now() - started < 4500) {
      expect((await t.request('GET', '/api/auth/me', { token: busy.token })).status).toBe(200);
      expect(await emitAck(chattingSocket, 'chat:sync', { cursors: {} })).toMatchObject({ ok: true });
      await new Promise((r) => setTimeout(r, 700));
    }
    await gone;
    expect(chattingClosed).toBe(false);
    expect((await t.request('GET', '/api/auth/me', { token: chatting.token })).status).toBe(200);
    chattingSocket.disconnect();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect((await t.request('GET', '/api/auth/me', { token: idle.token })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: busy.token })).status).toBe(200);
    // A session signed in before the change and left alone is over too: shorter timeouts apply to every session.
    expect((await t.request('GET', '/api/auth/me', { token: watcher.token })).status).toBe(401);
    const [audit] = await t.query(`SELECT data FROM audit_log WHERE action = 'security.settings_changed' ORDER BY id DESC LIMIT 1`);
    expect(audit.data).toMatchObject({ sections: ['session'], session: { idleTimeoutSeconds: 3 } });
  });
});
