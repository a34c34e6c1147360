import { TestServer, DEMO_PASSWORD } from '../support/test-server';

describe('sign-in and sessions', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '8' });
  });
  afterAll(() => t.close());

  it('answers health once migrated', async () => {
    expect(await t.request('GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('signs in with the contract shape, a bearer token and an httpOnly SameSite cookie', async () => {
    const res = await t.request('POST', '/api/auth/login', { json: { username: 'admin', password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      user: expect.objectContaining({ id: expect.any(String), username: 'admin', displayName: '管理 太郎', roles: ['staff', 'admin'] }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^yakuba_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const byBearer = await t.request('GET', '/api/auth/me', { token: res.body.accessToken });
    const byCookie = await t.request('GET', '/api/auth/me', { cookie: cookie.split(';')[0] });
    expect(byBearer.body.username).toBe('admin');
    expect(byCookie.body.username).toBe('admin');
  });

  it('answers 401 with the error body for a wrong password and an unknown user', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { json: { username: 'sato.somu', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    expect((await t.request('POST', '/api/auth/login', { json: { username: 'nobody', password: 'nope' } })).status).toBe(401);
    expect((await t.request('GET', '/api/users')).status).toBe(401);
    expect((await t.request('GET', '/api/users', { token: 'garbage' })).status).toBe(401);
  });

  it('throttles an account after repeated failures (429), recording each, and lets the right password through elsewhere', async () => {
    for (let i = 0; i < 3; i++) expect((await t.request('POST', '/api/auth/login', { json: { username: 'kato.zeimu', password: 'bad' } })).status).toBe(401);
    const locked = await t.request('POST', '/api/auth/login', { json: { username: 'kato.zeimu', password: DEMO_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('Too Many Requests');
    const failures = await t.query(`SELECT count(*)::int AS n FROM login_attempts WHERE username = 'kato.zeimu' AND NOT succeeded`);
    expect(failures[0].n).toBe(3);
    const audited = await t.query(`SELECT action FROM audit_log WHERE target_id = 'kato.zeimu' ORDER BY id`);
    expect(audited.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.login_throttled']);
  });

  it('never counts successful sign-ins: the whole staff signs in from one address', async () => {
    const users = await t.query<{ username: string }>(`SELECT username FROM users WHERE NOT system AND guest_channel_id IS NULL AND username NOT IN ('kato.zeimu', 'sato.somu') ORDER BY username`);
    expect(users.length).toBeGreaterThanOrEqual(20);
    const results = await Promise.all(users.map((u) => t.request('POST', '/api/auth/login', { json: { username: u.username, password: DEMO_PASSWORD } })));
    expect(results.map((r) => r.status)).toEqual(users.map(() => 200));
  });

  it('logout revokes the token and clears the cookie', async () => {
    const s = await t.login('suzuki.somu');
    const out = await t.request('POST', '/api/auth/logout', { token: s.token });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/yakuba_session=;/);
    expect((await t.request('GET', '/api/auth/me', { token: s.token })).status).toBe(401);
  });

  it('changes the password: old one refused, other sessions ended, this one kept', async () => {
    const a = await t.login('takahashi.somu');
    const b = await t.login('takahashi.somu');
    const bad = await t.request('POST', '/api/auth/password', { token: a.token, json: { currentPassword: 'wrong', newPassword: 'a-new-password-1' } });
    expect(bad.status).toBe(400);
    const ok = await t.request('POST', '/api/auth/password', { token: a.token, json: { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password-1' } });
    expect(ok.status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: a.token })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: b.token })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { json: { username: 'takahashi.somu', password: DEMO_PASSWORD } })).status).toBe(401);
    await t.login('takahashi.somu', 'a-new-password-1');
    const [row] = await t.query(`SELECT password_hash FROM users WHERE username = 'takahashi.somu'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});
