import { DEMO_PASSWORD, TestServer } from '../support/test-server';

/**
 * Sign-in throttling that an attacker cannot turn against the right password: failures slow down their own
 * source (account × address, or account × device cookie), never the person who knows the password.
 */
describe('sign-in throttling behind a trusted proxy', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start({ TRUSTED_PROXIES: 'loopback', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '8' });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, from: string, cookie?: string) =>
    t.request('POST', '/api/auth/login', {
      json: { username, password },
      headers: { 'x-forwarded-for': from, ...(cookie ? { cookie } : {}) },
    });
  const deviceCookie = (res: { headers: Headers }) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith('yakuba_device='))
      ?.split(';')[0];

  it('slows the attacker, answers 429 with Retry-After, and lets the right password in from elsewhere', async () => {
    for (let i = 0; i < 3; i++) expect((await login('kato.zeimu', 'guess', '203.0.113.66')).status).toBe(401);
    const slowed = await login('kato.zeimu', 'guess', '203.0.113.66');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('kato.zeimu', DEMO_PASSWORD, '10.0.0.5')).status).toBe(200);
  });

  it('keeps a browser that signed in before (device cookie) working behind the same proxy as the attacker', async () => {
    const first = await login('ito.kikaku', DEMO_PASSWORD, '10.0.0.1');
    expect(first.status).toBe(200);
    const device = deviceCookie(first);
    expect(device).toBeDefined();
    expect(first.headers.getSetCookie().find((c) => c.startsWith('yakuba_device='))).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i,
    );
    for (let i = 0; i < 12; i++) await login('ito.kikaku', 'guess', '10.0.0.1');
    expect((await login('ito.kikaku', DEMO_PASSWORD, '10.0.0.1')).status).toBe(429);
    expect((await login('ito.kikaku', DEMO_PASSWORD, '10.0.0.1', device)).status).toBe(200);
    // The device cookie of one account is no key to another: the attempt counts as one from the address.
    expect((await login('kato.zeimu', 'guess', '10.0.0.1', device)).status).toBe(401);
    const [attempt] = await t.query(`SELECT source, trusted FROM login_attempts WHERE username = 'kato.zeimu' ORDER BY id DESC LIMIT 1`);
    expect(attempt).toEqual({ source: 'ip:10.0.0.1', trusted: false });
  });

  it('does not lock the staff behind the town hall proxy out when someone sprays passwords through it', async () => {
    const staff = ['suzuki.somu', 'takahashi.somu', 'sato.somu'];
    const devices: Record<string, string | undefined> = {};
    for (const u of staff) devices[u] = deviceCookie(await login(u, DEMO_PASSWORD, '10.0.0.2'));
    const users = await t.query<{ username: string }>(`SELECT username FROM users ORDER BY username LIMIT 20`);
    for (const u of users) await login(u.username, 'Summer2026!', '10.0.0.2');
    expect((await login('nobody.new', 'guess', '10.0.0.2')).status).toBe(429);
    for (const u of staff) expect((await login(u, DEMO_PASSWORD, '10.0.0.2', devices[u])).status).toBe(200);
  });

  it('shows administrators who is delayed, lets them release it (audited), and hides it from staff', async () => {
    const admin = await t.login('admin');
    const staff = await t.login('suzuki.somu');
    for (let i = 0; i < 3; i++) expect((await login('nakamura.chomin', 'guess', '198.51.100.7')).status).toBe(401);
    expect((await login('nakamura.chomin', DEMO_PASSWORD, '198.51.100.7')).status).toBe(429);
    const list = await t.request('GET', '/api/auth/throttles', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          username: 'nakamura.chomin',
          ip: '198.51.100.7',
          device: false,
          failures: 3,
          delayedUntil: expect.any(String),
        }),
      ]),
    );
    expect((await t.request('GET', '/api/auth/throttles', { token: staff.token })).status).toBe(403);
    expect(
      (await t.request('POST', '/api/auth/throttles/clear', { token: staff.token, json: { username: 'nakamura.chomin' } })).status,
    ).toBe(403);
    expect((await t.request('POST', '/api/auth/throttles/clear', { token: admin.token, json: {} })).status).toBe(400);
    const cleared = await t.request('POST', '/api/auth/throttles/clear', { token: admin.token, json: { username: 'nakamura.chomin' } });
    expect(cleared).toMatchObject({ status: 200, body: { cleared: 3 } });
    expect((await login('nakamura.chomin', DEMO_PASSWORD, '198.51.100.7')).status).toBe(200);
    const audited = await t.query(`SELECT action FROM audit_log WHERE action = 'auth.throttle_cleared'`);
    expect(audited).toHaveLength(1);
  });
});

describe('sign-in throttling without a trusted proxy', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '8' });
  });
  afterAll(() => t.close());

  it('counts the connecting address: a rotated X-Forwarded-For does not escape the address limit', async () => {
    const users = await t.query<{ username: string }>(`SELECT username FROM users ORDER BY username LIMIT 12`);
    const answers: number[] = [];
    for (const [i, u] of users.entries()) {
      const res = await t.request('POST', '/api/auth/login', {
        json: { username: u.username, password: 'guess' },
        headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
      });
      answers.push(res.status);
    }
    expect(answers.slice(0, 8)).toEqual(new Array(8).fill(401));
    expect(answers.slice(8)).toEqual(new Array(4).fill(429));
    const recorded = await t.query<{ ip: string }>(`SELECT DISTINCT ip FROM login_attempts WHERE NOT succeeded`);
    expect(recorded.map((r) => r.ip)).toEqual(['127.0.0.1']);
  });
});
