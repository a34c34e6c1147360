import { Attribute, Change } from 'ldapts';
import { DEMO_PASSWORD, TestServer, type SignedIn } from '../support/test-server';
import { LDAP_ROOT_DN, LDAP_ROOT_PASSWORD, LDAP_SUFFIX, Slapd } from '../support/slapd';

const people = `ou=people,${LDAP_SUFFIX}`;
const groups = `ou=groups,${LDAP_SUFFIX}`;

/**
 * Municipal sign-in against a real OpenLDAP (Debian slapd, started here): bind as the user, the local account
 * created and kept in step from the directory (name, kana, department and roles from groups), local accounts still
 * local, failures answered like wrong passwords, throttled and audited, and the last administrator kept.
 */
describe('LDAP / Active Directory sign-in', () => {
  let slapd: Slapd;
  let t: TestServer;
  let admin: SignedIn;
  let somu: string;
  let ldapSettings: Record<string, unknown>;

  beforeAll(async () => {
    slapd = await Slapd.start();
    await slapd.admin(async (c) => {
      await c.add(LDAP_SUFFIX, { objectClass: ['dcObject', 'organization'], dc: 'town', o: 'Yakuba Town' });
      await c.add(people, { objectClass: 'organizationalUnit', ou: 'people' });
      await c.add(groups, { objectClass: 'organizationalUnit', ou: 'groups' });
      const person = (uid: string, displayName: string, kana: string | null, password: string) =>
        c.add(`uid=${uid},${people}`, {
          objectClass: 'inetOrgPerson',
          uid,
          cn: uid,
          sn: uid,
          displayName,
          ...(kana ? { description: kana } : {}),
          userPassword: password,
        });
      await person('tanaka', '田中 太郎', 'たなか たろう', 'Tanaka-LDAP-1');
      await person('yamada', '山田 花子', null, 'Yamada-LDAP-2');
      await person('admin', '名前だけの管理者', null, 'directory-admin-pw');
      await c.add(`cn=yakuba-admins,${groups}`, { objectClass: 'groupOfNames', cn: 'yakuba-admins', member: `uid=tanaka,${people}` });
      await c.add(`cn=somu-ka,${groups}`, { objectClass: 'groupOfNames', cn: 'somu-ka', member: `uid=tanaka,${people}` });
      await c.add(`cn=bousai,${groups}`, { objectClass: 'posixGroup', cn: 'bousai', gidNumber: '5001', memberUid: 'yamada' });
    });
    t = await TestServer.start({ TRUSTED_PROXIES: 'loopback', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    admin = await t.login('admin');
    somu = (await t.query(`SELECT id FROM departments WHERE name = '総務課'`))[0].id;
    ldapSettings = {
      enabled: true,
      url: slapd.url,
      bindDn: LDAP_ROOT_DN,
      bindPassword: LDAP_ROOT_PASSWORD,
      baseDn: LDAP_SUFFIX,
      userFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
      groupBaseDn: groups,
      groupFilter: '(|(member={dn})(memberUid={username}))',
      displayNameAttribute: 'displayName',
      kanaAttribute: 'description',
      roleMappings: [
        { group: 'Yakuba-Admins', role: 'admin' },
        { group: `cn=bousai,${groups}`, role: 'disaster_officer' },
      ],
      departmentMappings: [{ group: 'somu-ka', departmentId: somu }],
      startTls: false,
      tlsRejectUnauthorized: true,
      tlsCaCertificate: '',
      timeoutSeconds: 3,
    };
  });
  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  const login = (username: string, password: string, from = '10.0.0.10') =>
    t.request('POST', '/api/auth/login', { json: { username, password }, headers: { 'x-forwarded-for': from } });
  const lastFailure = async (username: string) =>
    (await t.query(`SELECT data->>'reason' AS reason FROM audit_log WHERE action = 'auth.login_failed' AND target_id = $1 ORDER BY id DESC LIMIT 1`, [username]))[0]?.reason;

  it('tests the connection before saving, then stores the settings without ever sending the password back', async () => {
    const tried = await t.request('POST', '/api/auth/security/ldap-test', { token: admin.token, json: { ldap: ldapSettings, username: 'tanaka' } });
    expect(tried.status).toBe(200);
    expect(tried.body).toEqual({
      ok: true,
      message: 'found',
      user: {
        dn: `uid=tanaka,${people}`,
        displayName: '田中 太郎',
        groups: expect.arrayContaining([`cn=yakuba-admins,${groups}`, `cn=somu-ka,${groups}`]),
        roles: ['staff', 'admin'],
        departmentId: somu,
      },
    });
    const wrongBind = await t.request('POST', '/api/auth/security/ldap-test', { token: admin.token, json: { ldap: { ...ldapSettings, bindPassword: 'nope' } } });
    expect(wrongBind.body).toMatchObject({ ok: false });
    const staff = await t.login('suzuki.somu');
    expect((await t.request('POST', '/api/auth/security/ldap-test', { token: staff.token, json: { ldap: ldapSettings } })).status).toBe(403);
    // LDAP is not on yet: a directory user is unknown here.
    expect((await login('tanaka', 'Tanaka-LDAP-1')).status).toBe(401);

    const saved = await t.request('PUT', '/api/auth/security', { token: admin.token, json: { ldap: ldapSettings } });
    expect(saved.status).toBe(200);
    expect(saved.body.ldap).toMatchObject({ enabled: true, bindPasswordSet: true, url: slapd.url });
    expect(JSON.stringify(saved.body)).not.toContain(LDAP_ROOT_PASSWORD);
    expect(JSON.stringify((await t.query(`SELECT settings FROM security_settings`))[0])).not.toContain(LDAP_ROOT_PASSWORD);
    const [audit] = await t.query(`SELECT data FROM audit_log WHERE action = 'security.settings_changed' ORDER BY id DESC LIMIT 1`);
    expect(JSON.stringify(audit.data)).not.toContain(LDAP_ROOT_PASSWORD);
    expect(audit.data.ldap).toMatchObject({ bindPasswordChanged: true });
  });

  it('creates the account from the directory at the first sign-in: name, kana, department and roles from groups', async () => {
    const res = await login('Tanaka', 'Tanaka-LDAP-1');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'tanaka', displayName: '田中 太郎', roles: ['staff', 'admin'], departmentId: somu, mustChangePassword: false });
    const [row] = await t.query(`SELECT auth_source, ldap_dn, display_name_kana FROM users WHERE username = 'tanaka'`);
    expect(row).toEqual({ auth_source: 'ldap', ldap_dn: `uid=tanaka,${people}`, display_name_kana: 'たなか たろう' });
    const yamada = await login('yamada', 'Yamada-LDAP-2');
    expect(yamada.body.user).toMatchObject({ displayName: '山田 花子', roles: ['staff', 'disaster_officer'], departmentId: null });
    const me = await t.request('GET', '/api/auth/me', { token: yamada.body.accessToken });
    expect(me.body).toMatchObject({ authSource: 'ldap' });
    // The directory keeps the password: it is not changed (or reset) here.
    expect((await t.request('POST', '/api/auth/password', { token: yamada.body.accessToken, json: { currentPassword: 'Yamada-LDAP-2', newPassword: 'Another-One-3' } })).status).toBe(409);
    expect((await t.request('POST', `/api/users/${yamada.body.user.id}/password`, { token: admin.token, json: { password: 'Another-One-3x' } })).status).toBe(409);
    const signIns = await t.query(`SELECT data FROM audit_log WHERE action = 'auth.login' AND actor_id = $1`, [yamada.body.user.id]);
    expect(signIns).toEqual([{ data: { via: 'ldap', secondFactor: false } }]);
    expect(await t.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.ldap_account_created'`)).toEqual([{ n: 2 }]);
  });

  it('answers a wrong password, an unknown user and a filter injection like any wrong password (audited)', async () => {
    const wrong = await login('tanaka', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('wrong username or password');
    expect(await lastFailure('tanaka')).toBe('ldap_wrong_password');
    expect((await login('nobody', 'whatever-1')).body.message).toBe('wrong username or password');
    expect(await lastFailure('nobody')).toBe('ldap_unknown_user');
    expect((await login('*', 'Tanaka-LDAP-1')).status).toBe(401);
    expect(await lastFailure('*')).toBe('ldap_unknown_user');
  });

  it('keeps local accounts local: the administrator signs in with the local password, not the directory one', async () => {
    expect((await login('admin', DEMO_PASSWORD)).status).toBe(200);
    expect((await login('admin', 'directory-admin-pw')).status).toBe(401);
    expect(await lastFailure('admin')).toBe('wrong_password');
  });

  it('follows the directory when groups change', async () => {
    await slapd.admin((c) =>
      c.modify(`cn=somu-ka,${groups}`, new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [`uid=yamada,${people}`] }) })),
    );
    const yamada = await login('yamada', 'Yamada-LDAP-2');
    expect(yamada.body.user).toMatchObject({ roles: ['staff', 'disaster_officer'], departmentId: somu });
    const [audit] = await t.query(`SELECT data FROM audit_log WHERE action = 'auth.ldap_account_updated' ORDER BY id DESC LIMIT 1`);
    expect(audit.data).toMatchObject({ departmentId: somu, keptLastAdministrator: false });
  });

  it('throttles directory failures like local ones: the source is slowed, the right password from elsewhere works', async () => {
    for (let i = 0; i < 3; i++) expect((await login('yamada', 'guess-guess', '203.0.113.40')).status).toBe(401);
    expect((await login('yamada', 'Yamada-LDAP-2', '203.0.113.40')).status).toBe(429);
    expect((await login('yamada', 'Yamada-LDAP-2', '10.0.0.41')).status).toBe(200);
  });

  it('keeps the last administrator an administrator when the directory takes the group away', async () => {
    const tanaka = await login('tanaka', 'Tanaka-LDAP-1');
    const localAdmin = (await t.query(`SELECT id FROM users WHERE username = 'admin'`))[0].id;
    expect((await t.request('PATCH', `/api/users/${localAdmin}`, { token: tanaka.body.accessToken, json: { active: false } })).status).toBe(200);
    await slapd.admin((c) =>
      c.modify(`cn=yakuba-admins,${groups}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'member', values: [`uid=yamada,${people}`] }) })),
    );
    const again = await login('tanaka', 'Tanaka-LDAP-1');
    expect(again.body.user.roles).toContain('admin');
    const [audit] = await t.query(`SELECT data FROM audit_log WHERE action = 'auth.ldap_account_updated' ORDER BY id DESC LIMIT 1`);
    expect(audit.data).toMatchObject({ keptLastAdministrator: true });
    // Once the directory gives the role to someone else, it follows the directory again.
    expect((await login('yamada', 'Yamada-LDAP-2', '10.0.0.41')).body.user.roles).toContain('admin');
    expect((await login('tanaka', 'Tanaka-LDAP-1')).body.user.roles).not.toContain('admin');
  });

  it('answers like a wrong password when the directory cannot be reached, and records why', async () => {
    const yamada = await login('yamada', 'Yamada-LDAP-2', '10.0.0.41');
    await t.request('PUT', '/api/auth/security', { token: yamada.body.accessToken, json: { ldap: { ...ldapSettings, bindPassword: undefined, url: 'ldap://127.0.0.1:1' } } });
    const res = await login('tanaka', 'Tanaka-LDAP-1');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('wrong username or password');
    expect(await lastFailure('tanaka')).toMatch(/^ldap_error/);
  });
});
