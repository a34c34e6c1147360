import { DEMO_PASSWORD, TestServer, type SignedIn } from '../support/test-server';

/**
 * The password policy (ASVS 5.0 V6.2) where every password is set: own change, an administrator's create and
 * reset, and the CSV import; passwords set by an administrator are changed at the first sign-in, before anything else.
 */
describe('password policy', () => {
  let t: TestServer;
  let admin: SignedIn;
  let somu: string;
  beforeAll(async () => {
    t = await TestServer.start({ PASSWORD_CHANGE_AT_FIRST_SIGN_IN: 'true' });
    admin = await t.login('admin');
    somu = (await t.query(`SELECT id FROM departments WHERE name = '総務課'`))[0].id;
    const put = await t.request('PUT', '/api/auth/security', {
      token: admin.token,
      json: { password: { minLength: 12, requiredClasses: ['lower', 'upper', 'digit'], historyCount: 3, changeAtFirstSignIn: true } },
    });
    expect(put.status).toBe(200);
  });
  afterAll(() => t.close());

  const change = (who: SignedIn, currentPassword: string, newPassword: string) =>
    t.request('POST', '/api/auth/password', { token: who.token, json: { currentPassword, newPassword } });

  it('tells everyone the policy, and audits its change', async () => {
    const staff = await t.login('suzuki.somu');
    const policy = await t.request('GET', '/api/auth/password-policy', { token: staff.token });
    expect(policy.body).toEqual({ minLength: 12, requiredClasses: ['lower', 'upper', 'digit'], historyCount: 3, changeAtFirstSignIn: true });
    expect((await t.request('PUT', '/api/auth/security', { token: staff.token, json: { password: policy.body } })).status).toBe(403);
    for (const password of [{ ...policy.body, minLength: 7 }, { ...policy.body, requiredClasses: ['kanji'] }, { ...policy.body, historyCount: -1 }]) {
      expect((await t.request('PUT', '/api/auth/security', { token: admin.token, json: { password } })).status).toBe(400);
    }
    const [audit] = await t.query(`SELECT actor_id, data FROM audit_log WHERE action = 'security.settings_changed'`);
    expect(audit).toMatchObject({ actor_id: admin.user.id, data: { sections: ['password'], password: { minLength: 12 } } });
  });

  it('checks length, classes and history on my own change', async () => {
    const me = await t.login('kato.zeimu');
    const short = await change(me, DEMO_PASSWORD, 'Short1abc');
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/newPassword: must be at least 12 characters/);
    const classes = await change(me, DEMO_PASSWORD, 'all-lower-case-words');
    expect(classes.body.message).toMatch(/must contain upper, digit characters/);
    const passwords = ['Yakuba-Town-01', 'Yakuba-Town-02', 'Yakuba-Town-03'];
    let current = DEMO_PASSWORD;
    for (const next of passwords) {
      expect((await change(me, current, next)).status).toBe(204);
      current = next;
    }
    // The last three (the current one included) are refused; the one before them is allowed again.
    const reused = await change(me, current, 'Yakuba-Town-01');
    expect(reused.status).toBe(400);
    expect(reused.body.message).toMatch(/must differ from the last 3 passwords/);
    expect((await change(me, current, DEMO_PASSWORD + 'X1')).status).toBe(204);
    expect((await t.request('POST', '/api/auth/login', { json: { username: 'kato.zeimu', password: DEMO_PASSWORD + 'X1' } })).status).toBe(200);
  });

  it('makes a new account change its first password before doing anything else', async () => {
    const weak = await t.request('POST', '/api/users', {
      token: admin.token,
      json: { username: 'new.staff', displayName: '新人 職員', password: 'weakpass1', departmentId: somu },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^password: must be at least 12 characters/);
    expect(await t.query(`SELECT count(*)::int AS n FROM users WHERE username = 'new.staff'`)).toEqual([{ n: 0 }]);
    const created = await t.request('POST', '/api/users', {
      token: admin.token,
      json: { username: 'new.staff', displayName: '新人 職員', password: 'Initial-Pass-1', departmentId: somu },
    });
    expect(created.status).toBe(201);
    const first = await t.login('new.staff', 'Initial-Pass-1');
    expect(first.user).toMatchObject({ username: 'new.staff', mustChangePassword: true });
    await expectForcedChange(first);
    expect((await change(first, 'Initial-Pass-1', 'Initial-Pass-1')).status).toBe(400);
    expect((await change(first, 'Initial-Pass-1', 'Mine-Now-2026')).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: first.token })).body).toMatchObject({ mustChangePassword: false });
    expect((await t.request('GET', '/api/users', { token: first.token })).status).toBe(200);
    await t.socket({ token: first.token });
  });

  it('forces a change after an administrator resets a password, and checks the reset too', async () => {
    const target = await t.login('yoshida.zeimu');
    const weak = await t.request('POST', `/api/users/${target.user.id}/password`, { token: admin.token, json: { password: 'alllowercase-no-digits' } });
    expect(weak.status).toBe(400);
    expect((await t.request('GET', '/api/auth/me', { token: target.token })).status).toBe(200);
    expect((await t.request('POST', `/api/users/${target.user.id}/password`, { token: admin.token, json: { password: 'Reset-By-Admin-7' } })).status).toBe(204);
    const again = await t.login('yoshida.zeimu', 'Reset-By-Admin-7');
    expect(again.user).toMatchObject({ mustChangePassword: true });
    await expectForcedChange(again);
    expect((await change(again, 'Reset-By-Admin-7', 'Chosen-By-Me-8')).status).toBe(204);
    expect((await t.request('GET', '/api/chat/channels', { token: again.token })).status).toBe(200);
  });

  it('applies the policy to the initial passwords of a CSV import, and forces their change', async () => {
    const upload = (csv: string) => {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'staff.csv');
      return t.request('POST', '/api/users/import', { token: admin.token, body: form });
    };
    const bad = await upload('username,displayName,department,password\nimport.one,取込 一,総務課,Good-Import-1\nimport.two,取込 二,総務課,no-upper-case-1\n');
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ imported: 0, errors: [{ row: 3, field: 'password', message: expect.stringMatching(/upper/) }] });
    expect(await t.query(`SELECT count(*)::int AS n FROM users WHERE username LIKE 'import.%'`)).toEqual([{ n: 0 }]);
    const good = await upload('username,displayName,department,password\nimport.one,取込 一,総務課,Good-Import-1\n');
    expect(good.body).toMatchObject({ imported: 1, errors: [] });
    const imported = await t.login('import.one', 'Good-Import-1');
    expect(imported.user).toMatchObject({ mustChangePassword: true });
    await expectForcedChange(imported);
  });

  /** Everything but "who am I", "change my password" and "sign out" is refused, sockets included. */
  async function expectForcedChange(who: SignedIn): Promise<void> {
    const me = await t.request('GET', '/api/auth/me', { token: who.token });
    expect(me.body).toMatchObject({ mustChangePassword: true, authSource: 'local' });
    for (const [method, path] of [
      ['GET', '/api/users'],
      ['GET', '/api/chat/channels'],
      ['GET', '/api/auth/sessions/mine'],
      ['POST', '/api/auth/totp/enrol'],
    ] as const) {
      const res = await t.request(method, path, { token: who.token });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/password_change_required/);
    }
    expect((await t.request('GET', '/api/auth/password-policy', { token: who.token })).status).toBe(200);
    await expect(t.socket({ token: who.token })).rejects.toThrow('password_change_required');
  }
});
