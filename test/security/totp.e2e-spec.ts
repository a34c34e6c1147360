import { Secret, TOTP } from 'otpauth';
import { TestServer, type SignedIn } from '../support/test-server';
import { DEMO_PASSWORD } from '../support/test-server';

/** The code an authenticator app shows `stepsAhead` periods from now (the server accepts one step of drift). */
const codeFor = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

/**
 * TOTP second factor (ASVS 5.0 V6.5/V6.6): enrolment from the account page with a QR code, a code after the password,
 * replayed codes refused, failures throttled like passwords, single-use recovery codes, and the administrators'
 * requirement for sign-ins from outside the town hall's networks (the address read through a trusted proxy).
 */
describe('TOTP second factor', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start({ TRUSTED_PROXIES: 'loopback', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const login = (username: string, from = '10.1.1.1', password = DEMO_PASSWORD) =>
    t.request('POST', '/api/auth/login', { json: { username, password }, headers: { 'x-forwarded-for': from } });
  const second = (challenge: string, code: string, from = '10.1.1.1') =>
    t.request('POST', '/api/auth/login/totp', { json: { challenge, code }, headers: { 'x-forwarded-for': from } });

  async function enrol(username: string): Promise<{ secret: string; recoveryCodes: string[]; user: SignedIn }> {
    const inside = await login(username, '10.1.1.1');
    expect(inside.status).toBe(200);
    const user: SignedIn = { token: inside.body.accessToken, cookie: '', user: inside.body.user };
    const started = await t.request('POST', '/api/auth/totp/enrol', { token: user.token });
    expect(started.status).toBe(200);
    expect(started.body.otpauthUrl).toMatch(new RegExp(`^otpauth://totp/Yakuba:${username}\\?`));
    expect(started.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const wrong = await t.request('POST', '/api/auth/totp/confirm', { token: user.token, json: { code: '000000' } });
    expect(wrong.status).toBe(400);
    const confirmed = await t.request('POST', '/api/auth/totp/confirm', { token: user.token, json: { code: codeFor(started.body.secret) } });
    expect(confirmed.status).toBe(200);
    return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes, user };
  }

  it('enrols from the account page: QR and text secret, confirmed by a code, recovery codes once and hashed (audited)', async () => {
    const { secret, recoveryCodes, user } = await enrol('suzuki.somu');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await t.request('GET', '/api/auth/totp', { token: user.token })).body).toEqual({
      enrolled: true,
      enrolledAt: expect.any(String),
      recoveryCodesLeft: 10,
      requiredOutsideInternal: false,
    });
    const [stored] = await t.query(`SELECT secret FROM totp_authenticators WHERE user_id = $1`, [user.user.id]);
    expect(stored.secret).not.toContain(secret);
    const hashes = await t.query<{ code_hash: string }>(`SELECT code_hash FROM totp_recovery_codes WHERE user_id = $1`, [user.user.id]);
    expect(hashes.some((h) => recoveryCodes.some((c) => h.code_hash.includes(c.replace(/-/g, ''))))).toBe(false);
    expect((await t.request('POST', '/api/auth/totp/enrol', { token: user.token })).status).toBe(409);
    expect(await t.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.totp_enrolled' AND actor_id = $1`, [user.user.id])).toEqual([{ n: 1 }]);
  });

  it('asks for the code after the password, refuses a replayed code, and accepts a recovery code once', async () => {
    const { secret, recoveryCodes } = await enrol('takahashi.somu');
    const first = await login('takahashi.somu');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ totpRequired: true, challenge: expect.any(String) });
    expect(first.headers.getSetCookie().some((c) => c.startsWith('yakuba_session='))).toBe(false);
    // The enrolment used this period's code: the next period's (what the app shows 30 s later) signs in.
    const code = codeFor(secret, 1);
    const signedIn = await second(first.body.challenge, code);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ accessToken: expect.any(String), user: { username: 'takahashi.somu' } });
    expect(signedIn.headers.getSetCookie().some((c) => c.startsWith('yakuba_session='))).toBe(true);
    expect((await t.request('GET', '/api/auth/me', { token: signedIn.body.accessToken })).status).toBe(200);
    const replay = await second((await login('takahashi.somu')).body.challenge, code);
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/used already/);
    expect((await second((await login('takahashi.somu')).body.challenge, codeFor(secret, 0))).status).toBe(401);
    const recovered = await second((await login('takahashi.somu')).body.challenge, recoveryCodes[0]);
    expect(recovered.status).toBe(200);
    expect((await second((await login('takahashi.somu')).body.challenge, recoveryCodes[0])).status).toBe(401);
    expect((await second('not-a-challenge', code)).status).toBe(401);
    const reasons = await t.query(`SELECT data->>'reason' AS reason FROM audit_log WHERE action = 'auth.totp_failed' ORDER BY id`);
    expect(reasons.map((r) => r.reason)).toEqual(['totp_replayed', 'totp_replayed', 'totp_wrong']);
  });

  it('throttles wrong codes like wrong passwords: the source is slowed, the right code from elsewhere still works', async () => {
    const { secret } = await enrol('sato.somu');
    const { challenge } = (await login('sato.somu', '203.0.113.50')).body;
    for (let i = 0; i < 3; i++) expect((await second(challenge, '123456', '203.0.113.50')).status).toBe(401);
    const slowed = await second(challenge, codeFor(secret, 1), '203.0.113.50');
    expect(slowed.status).toBe(429);
    expect((await login('sato.somu', '203.0.113.50')).status).toBe(429);
    const elsewhere = await login('sato.somu', '10.9.9.9');
    expect((await second(elsewhere.body.challenge, codeFor(secret, 1), '10.9.9.9')).status).toBe(200);
  });

  it('refuses sign-ins from outside the internal networks without an authenticator, when administrators require one', async () => {
    const put = await t.request('PUT', '/api/auth/security', {
      token: admin.token,
      json: { totp: { requiredOutsideInternal: true, internalNetworks: ['10.0.0.0/8', '192.168.10.0/24'] } },
    });
    expect(put.status).toBe(200);
    expect((await t.request('PUT', '/api/auth/security', { token: admin.token, json: { totp: { requiredOutsideInternal: true, internalNetworks: ['lgwan'] } } })).status).toBe(400);
    const outside = await login('kato.zeimu', '203.0.113.9');
    expect(outside.status).toBe(403);
    expect(outside.body.message).toMatch(/^totp_required/);
    expect(outside.headers.getSetCookie().some((c) => c.startsWith('yakuba_session='))).toBe(false);
    expect((await login('kato.zeimu', '192.168.10.77')).status).toBe(200);
    expect((await login('kato.zeimu', '192.168.11.77')).status).toBe(403);
    // Enrolled from inside, the same person signs in from outside with the code.
    const { secret } = await enrol('kato.zeimu');
    const challenge = await login('kato.zeimu', '203.0.113.9');
    expect(challenge.body.totpRequired).toBe(true);
    expect((await second(challenge.body.challenge, codeFor(secret, 1), '203.0.113.9')).status).toBe(200);
    // Both refusals are audited, in order (the first from outside, then the address outside 192.168.10.0/24).
    const refusals = await t.query(`SELECT ip FROM audit_log WHERE action = 'auth.login_refused_outside' ORDER BY id`);
    expect(refusals.map((r: { ip: string }) => r.ip)).toEqual(['203.0.113.9', '192.168.11.77']);
    await t.request('PUT', '/api/auth/security', { token: admin.token, json: { totp: { requiredOutsideInternal: false, internalNetworks: [] } } });
  });

  it('lets the owner disable it with a code and an administrator reset it (audited)', async () => {
    const { secret, user } = await enrol('ito.kikaku');
    expect((await t.request('POST', '/api/auth/totp/disable', { token: user.token, json: { code: '999999' } })).status).toBe(400);
    expect((await t.request('POST', '/api/auth/totp/disable', { token: user.token, json: { code: codeFor(secret, 1) } })).status).toBe(204);
    expect((await login('ito.kikaku')).body).toMatchObject({ accessToken: expect.any(String) });
    const again = await enrol('ito.kikaku');
    expect((await t.request('POST', `/api/auth/totp/reset/${again.user.user.id}`, { token: again.user.token })).status).toBe(403);
    expect((await t.request('POST', `/api/auth/totp/reset/${again.user.user.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.request('POST', `/api/auth/totp/reset/${again.user.user.id}`, { token: admin.token })).status).toBe(404);
    const audits = await t.query(`SELECT actor_id, data FROM audit_log WHERE action = 'auth.totp_disabled' AND target_id = $1 ORDER BY id`, [user.user.id]);
    expect(audits).toEqual([
      { actor_id: user.user.id, data: { byAdministrator: false } },
      { actor_id: admin.user.id, data: { byAdministrator: true } },
    ]);
  });
});
