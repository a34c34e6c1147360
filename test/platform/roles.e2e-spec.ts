import { permissionsOf } from '@yakuba/contracts';
import { TestServer, type SignedIn } from '../support/test-server';

/** The v2 roles (CONTRACT.md, Roles): held beside `staff`, set by administrators on screens and through the import. */
describe('disaster_officer and survey_admin roles', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const userNamed = async (username: string) =>
    (await t.request('GET', '/api/users', { token: admin.token })).body.find((u: { username: string }) => u.username === username);

  it('gives the demo 総務課長 the disaster officer role and the 企画財政課 課長補佐 the survey admin role', async () => {
    expect((await userNamed('sato.somu')).roles).toEqual(['staff', 'disaster_officer']);
    expect((await userNamed('ito.kikaku')).roles).toEqual(['staff', 'survey_admin']);
    const officer = await t.login('sato.somu');
    expect((await t.request('GET', '/api/auth/me', { token: officer.token })).body.roles).toEqual(['staff', 'disaster_officer']);
    expect([...permissionsOf(officer.user.roles)]).toEqual(expect.arrayContaining(['disasters.run', 'chat.use', 'approvals.use']));
    expect([...permissionsOf(officer.user.roles)]).not.toContain('directory.manage');
  });

  it('lets administrators grant and remove every role, and refuses unknown ones', async () => {
    const target = await userNamed('mori.kensetsu');
    const all = ['staff', 'admin', 'disaster_officer', 'survey_admin'];
    const granted = await t.request('PATCH', `/api/users/${target.id}`, { token: admin.token, json: { roles: all } });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(all);
    const back = await t.request('PATCH', `/api/users/${target.id}`, { token: admin.token, json: { roles: ['staff'] } });
    expect(back.body.roles).toEqual(['staff']);
    const unknown = await t.request('PATCH', `/api/users/${target.id}`, { token: admin.token, json: { roles: ['staff', 'mayor'] } });
    expect(unknown.status).toBe(400);
    expect((await userNamed('mori.kensetsu')).roles).toEqual(['staff']);
  });

  it('imports the new roles from a CSV', async () => {
    const csv = 'username,displayName,kana,department,position,roles,password\r\nbousai.somu,防災 一郎,ぼうさい いちろう,総務課,主事,staff disaster_officer,welcome-2026-c\r\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'staff.csv');
    const res = await t.request('POST', '/api/users/import', { token: admin.token, body: form });
    expect(res.status).toBe(200);
    expect((await userNamed('bousai.somu')).roles).toEqual(['staff', 'disaster_officer']);
  });
});
