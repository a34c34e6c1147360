import iconv from 'iconv-lite';
import { TestServer, type SignedIn } from '../support/test-server';

describe('staff directory and admin', () => {
  let t: TestServer;
  let admin: SignedIn;
  let staff: SignedIn;
  let somu: string;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    staff = await t.login('suzuki.somu');
    const depts = await t.request('GET', '/api/departments', { token: staff.token });
    somu = depts.body.find((d: { name: string }) => d.name === '総務課').id;
  });
  afterAll(() => t.close());

  it('lists the town departments and at least 20 staff with positions', async () => {
    const depts = await t.request('GET', '/api/departments', { token: staff.token });
    expect(depts.body.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['総務課', '企画財政課', '町民生活課', '税務課', '保健福祉課', '農政課', '林政課', '建設課', '教育委員会']),
    );
    const users = await t.request('GET', '/api/users', { token: staff.token });
    expect(users.status).toBe(200);
    expect(users.body.length).toBeGreaterThanOrEqual(20);
    expect(users.body[0]).toEqual(expect.objectContaining({ id: expect.any(String), username: expect.any(String), displayName: expect.any(String), departmentId: expect.any(String) }));
    expect(users.body.some((u: { position: string }) => u.position === '町長')).toBe(true);
    expect(JSON.stringify(users.body)).not.toContain('password');
  });

  it('serves the directory as it is now: a change by the API or by SQL is in the next listing', async () => {
    const nameOf = async (username: string) =>
      ((await t.request('GET', '/api/users', { token: staff.token })).body as { username: string; displayName: string }[]).find((u) => u.username === username)
        ?.displayName;
    const before = await t.request('GET', '/api/users', { token: staff.token });
    expect(before.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await t.request('GET', '/api/users', { token: staff.token })).toMatchObject({ body: before.body });
    // The browser revalidates (no-cache) with the ETag it holds: unchanged, a 304 without a body. (Node's fetch adds
    // `Cache-Control: no-cache` to a conditional request unless told otherwise; a browser revalidating does not.)
    const etag = before.headers.get('etag')!;
    expect([etag, before.headers.get('cache-control')]).toEqual([expect.stringMatching(/^W\/"directory-/), 'private, no-cache']);
    expect((await t.request('GET', '/api/users', { token: staff.token, headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } })).status).toBe(304);
    const target = (before.body as { id: string; username: string }[]).find((u) => u.username === 'kato.zeimu')!;
    expect((await t.request('PATCH', `/api/users/${target.id}`, { token: admin.token, json: { displayName: '加藤 改名' } })).status).toBe(200);
    expect(await nameOf('kato.zeimu')).toBe('加藤 改名');
    const changed = await t.request('GET', '/api/users', { token: staff.token, headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    expect([changed.status, changed.headers.get('etag') === etag]).toEqual([200, false]);
    // Outside the API (an import, LDAP sync, an operator's SQL): the statement trigger moves the version as well.
    await t.query(`UPDATE users SET display_name = '加藤 直接' WHERE id = $1`, [target.id]);
    expect(await nameOf('kato.zeimu')).toBe('加藤 直接');
    await t.query(`UPDATE users SET active = false WHERE id = $1`, [target.id]);
    expect(await nameOf('kato.zeimu')).toBeUndefined();
    await t.query(`UPDATE users SET active = true, display_name = '加藤 健' WHERE id = $1`, [target.id]);
    expect(await nameOf('kato.zeimu')).toBe('加藤 健');
  });

  it('lets administrators create users (201), refuses duplicates (409) and everyone else (403)', async () => {
    const dto = { username: 'new.staff', displayName: '新人 職員', password: 'first-password-1', departmentId: somu, position: '主事' };
    const created = await t.request('POST', '/api/users', { token: admin.token, json: dto });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'new.staff', displayName: '新人 職員', departmentId: somu, roles: ['staff'], active: true });
    expect((await t.request('POST', '/api/users', { token: admin.token, json: dto })).status).toBe(409);
    expect((await t.request('POST', '/api/users', { token: staff.token, json: { ...dto, username: 'other' } })).status).toBe(403);
    await t.login('new.staff', 'first-password-1');
  });

  it('edits, disables (ending sessions) and resets passwords', async () => {
    const target = await t.login('yoshida.zeimu');
    const id = target.user.id;
    const edited = await t.request('PATCH', `/api/users/${id}`, { token: admin.token, json: { position: '係長', displayName: '吉田 恵美' } });
    expect(edited.body).toMatchObject({ position: '係長', displayName: '吉田 恵美' });
    const disabled = await t.request('PATCH', `/api/users/${id}`, { token: admin.token, json: { active: false } });
    expect(disabled.body.active).toBe(false);
    expect((await t.request('GET', '/api/auth/me', { token: target.token })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { json: { username: 'yoshida.zeimu', password: 'yakuba-demo' } })).status).toBe(401);
    await t.request('PATCH', `/api/users/${id}`, { token: admin.token, json: { active: true } });
    expect((await t.request('POST', `/api/users/${id}/password`, { token: admin.token, json: { password: 'reset-password-9' } })).status).toBe(204);
    await t.login('yoshida.zeimu', 'reset-password-9');
    expect((await t.request('PATCH', `/api/users/${admin.user.id}`, { token: admin.token, json: { active: false } })).status).toBe(409);
    expect((await t.request('PATCH', `/api/users/00000000-0000-4000-8000-000000000000`, { token: admin.token, json: { active: false } })).status).toBe(404);
  });

  it('imports a Shift_JIS CSV from Excel', async () => {
    const csv = 'ユーザー名,氏名,フリガナ,所属,職名,権限,初期パスワード\r\nokada.somu,岡田 光,おかだ ひかる,総務課,主事,staff,welcome-2026-a\r\nfujita.hoken,藤田 桜,ふじた さくら,保健福祉課,主任,staff,welcome-2026-b\r\n';
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(iconv.encode(csv, 'cp932'))], { type: 'text/csv' }), 'staff.csv');
    const res = await t.request('POST', '/api/users/import', { token: admin.token, body: form });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2, created: 2, errors: [] });
    const users = await t.request('GET', '/api/users?q=岡田', { token: admin.token });
    expect(users.body).toEqual([expect.objectContaining({ username: 'okada.somu', displayName: '岡田 光', position: '主事' })]);
  });

  it('imports nothing when any row is bad, and reports each bad row', async () => {
    const before = await t.query('SELECT count(*)::int AS n FROM users');
    const csv = '\uFEFFusername,displayName,department,position,password\nfine.user,良い 行,総務課,主事,good-password-1\nx,,無い課,王様,x\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'staff.csv');
    const res = await t.request('POST', '/api/users/import', { token: admin.token, body: form });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(0);
    expect(res.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['3:username', '3:displayName', '3:department', '3:position', '3:password']);
    expect(await t.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
    const broken = new FormData();
    broken.append('file', new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x01])]), 'x.csv');
    expect((await t.request('POST', '/api/users/import', { token: admin.token, body: broken })).status).toBe(422);
    expect((await t.request('POST', '/api/users/import', { token: staff.token, body: form })).status).toBe(403);
  });
});
