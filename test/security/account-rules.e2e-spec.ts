import { TestServer, type SignedIn } from '../support/test-server';

/** The CSV import goes through the same account rules as the account screens; disabled accounts stay private. */
describe('account rules everywhere', () => {
  let t: TestServer;
  let admin: SignedIn;
  let staff: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    staff = await t.login('suzuki.somu');
  });
  afterAll(() => t.close());

  const importCsv = (csv: string, token = admin.token) => {
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'staff.csv');
    return t.request('POST', '/api/users/import', { token, body: form });
  };
  const rolesOf = async (username: string) => (await t.query(`SELECT roles FROM users WHERE username = $1`, [username]))[0].roles;

  it('refuses an import that demotes the importing administrator, and writes nothing', async () => {
    const res = await importCsv(
      'username,displayName,department,roles\r\nadmin,管理 太郎,総務課,staff\r\nkato.zeimu,加藤 花子,税務課,staff\r\n',
    );
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/own administrator role/);
    expect(await rolesOf('admin')).toEqual(['staff', 'admin']);
  });

  it('refuses an import that would leave the town hall without an active administrator', async () => {
    const other = await t.request('POST', '/api/users', {
      token: admin.token,
      json: {
        username: 'second.admin',
        displayName: '第二 管理',
        password: 'long-password-2',
        departmentId: (await t.query(`SELECT id FROM departments LIMIT 1`))[0].id,
        roles: ['staff', 'admin'],
      },
    });
    expect(other.status).toBe(201);
    const second = await t.login('second.admin', 'long-password-2');
    // The second administrator imports a sheet that demotes the first, and themself through the account screen next.
    const form = new FormData();
    form.append(
      'file',
      new Blob(['username,displayName,department,roles\r\nadmin,管理 太郎,総務課,staff\r\n'], { type: 'text/csv' }),
      'staff.csv',
    );
    expect((await t.request('POST', '/api/users/import', { token: second.token, body: form })).status).toBe(200);
    expect(await rolesOf('admin')).toEqual(['staff']);
    const self = await t.request('PATCH', `/api/users/${second.user.id}`, { token: second.token, json: { roles: ['staff'] } });
    expect(self.status).toBe(409);
    const last = new FormData();
    last.append(
      'file',
      new Blob(['username,displayName,department,roles\r\nsecond.admin,第二 管理,総務課,staff\r\n'], { type: 'text/csv' }),
      'staff.csv',
    );
    const res = await t.request('POST', '/api/users/import', { token: second.token, body: last });
    expect(res.status).toBe(409);
    expect(await rolesOf('second.admin')).toEqual(['staff', 'admin']);
  });

  it('keeps existing roles when the roles cell is empty', async () => {
    // (admin was demoted above: the second administrator imports.)
    const second = await t.login('second.admin', 'long-password-2');
    const res = await importCsv('username,displayName,department,roles\r\nsecond.admin,第二 管理,総務課,\r\n', second.token);
    expect(res.status).toBe(200);
    expect(await rolesOf('second.admin')).toEqual(['staff', 'admin']);
  });

  it('shows disabled accounts only to those who manage accounts', async () => {
    const [kato] = await t.query(`SELECT id FROM users WHERE username = 'kato.zeimu'`);
    const second = await t.login('second.admin', 'long-password-2');
    expect((await t.request('PATCH', `/api/users/${kato.id}`, { token: second.token, json: { active: false } })).status).toBe(200);
    const forStaff = await t.request('GET', '/api/users?includeDisabled=true', { token: staff.token });
    expect(forStaff.body.map((u: { username: string }) => u.username)).not.toContain('kato.zeimu');
    expect((await t.request('GET', `/api/users/${kato.id}`, { token: staff.token })).status).toBe(404);
    const forAdmin = await t.request('GET', '/api/users?includeDisabled=true', { token: second.token });
    expect(forAdmin.body.map((u: { username: string }) => u.username)).toContain('kato.zeimu');
    expect((await t.request('GET', `/api/users/${kato.id}`, { token: second.token })).status).toBe(200);
  });
});
