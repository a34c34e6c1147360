import { nextEvent, TestServer, type SignedIn } from '../support/test-server';

/**
 * Everyone is where they should be: a member of staff created by an administrator, imported from a CSV or moved to
 * another department is in 全庁連絡 and in their department's channel when the call returns (the staff placement
 * port runs in the directory's own transaction: no waiting for a later sync), and 全庁連絡 cannot be left.
 */
describe('staff placement: 全庁連絡 and the department channel', () => {
  let t: TestServer;
  let admin: SignedIn;
  let departments: { id: string; name: string; code: string }[];
  const dept = (code: string) => departments.find((d) => d.code === code)!;

  /** The channels a user is a member of, by name (straight from the tables: what the call committed). */
  const channelsOf = async (userId: string) =>
    (
      await t.query<{ name: string; department_id: string | null; all_staff: boolean }>(
        `SELECT c.name, c.department_id, c.all_staff FROM chat_members m JOIN chat_channels c ON c.id = m.channel_id WHERE m.user_id = $1 ORDER BY c.name`,
        [userId],
      )
    ).map((c) => ({ name: c.name, departmentId: c.department_id, allStaff: c.all_staff }));

  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    departments = (await t.request('GET', '/api/departments', { token: admin.token })).body;
  });
  afterAll(() => t.close());

  it('has one organisation-wide 全庁連絡 that every active member of staff of the demo is in', async () => {
    const [all] = await t.query(`SELECT id, type, name FROM chat_channels WHERE all_staff AND managed_by IS NULL`);
    expect(all).toMatchObject({ type: 'public', name: '全庁連絡' });
    const [{ missing }] = await t.query(
      `SELECT count(*)::int AS missing FROM users u WHERE u.active AND NOT u.system AND u.guest_channel_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM chat_members m WHERE m.channel_id = $1 AND m.user_id = u.id)`,
      [all.id],
    );
    expect(missing).toBe(0);
  });

  it('puts a new user in 全庁連絡 and their department channel when POST /api/users returns', async () => {
    const somu = dept('somu');
    const res = await t.request('POST', '/api/users', {
      token: admin.token,
      json: { username: 'arata.somu', displayName: '新田 一郎', password: 'welcome-2026-x', departmentId: somu.id, position: '主事' },
    });
    expect(res.status).toBe(201);
    expect(await channelsOf(res.body.id)).toEqual(
      expect.arrayContaining([
        { name: '全庁連絡', departmentId: null, allStaff: true },
        { name: somu.name, departmentId: somu.id, allStaff: false },
      ]),
    );
    // They see both at their first sign-in.
    const newcomer = await t.login('arata.somu', 'welcome-2026-x');
    const names = (await t.request('GET', '/api/chat/channels', { token: newcomer.token })).body.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['全庁連絡', somu.name]));
  });

  it('takes a disabled member of staff out of 全庁連絡 and their department channel at once, and back when enabled', async () => {
    const [{ id }] = await t.query<{ id: string }>(`SELECT id FROM users WHERE username = 'arata.somu'`);
    const patch = (active: boolean) => t.request('PATCH', `/api/users/${id}`, { token: admin.token, json: { active } });
    expect((await patch(false)).status).toBe(200);
    expect(await channelsOf(id)).toEqual([]);
    expect((await patch(true)).status).toBe(200);
    expect(await channelsOf(id)).toEqual(
      expect.arrayContaining([
        { name: '全庁連絡', departmentId: null, allStaff: true },
        { name: dept('somu').name, departmentId: dept('somu').id, allStaff: false },
      ]),
    );
  });

  it('puts CSV-imported staff in 全庁連絡 and their department channels when the import returns', async () => {
    const csv =
      'ユーザー名,氏名,所属,職名,権限,初期パスワード\r\nimai.hoken,今井 花,保健福祉課,主事,staff,welcome-2026-c\r\nueda.somu,上田 健,総務課,主任,staff,welcome-2026-d\r\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'staff.csv');
    const res = await t.request('POST', '/api/users/import', { token: admin.token, body: form });
    expect(res.body).toMatchObject({ created: 2, errors: [] });
    const [imai] = await t.query<{ id: string; department_id: string }>(
      `SELECT id, department_id FROM users WHERE username = 'imai.hoken'`,
    );
    const [ueda] = await t.query<{ id: string; department_id: string }>(`SELECT id, department_id FROM users WHERE username = 'ueda.somu'`);
    const hoken = departments.find((d) => d.id === imai.department_id)!;
    const imaiChannels = await channelsOf(imai.id);
    expect(imaiChannels).toHaveLength(2);
    expect(imaiChannels).toEqual(
      expect.arrayContaining([
        { name: '全庁連絡', departmentId: null, allStaff: true },
        { name: hoken.name, departmentId: hoken.id, allStaff: false },
      ]),
    );
    expect(await channelsOf(ueda.id)).toEqual(expect.arrayContaining([expect.objectContaining({ departmentId: dept('somu').id })]));
  });

  it('moves the department channel with a change of department, at once, and tells the person’s open sockets', async () => {
    const [user] = await t.query<{ id: string }>(`SELECT id FROM users WHERE username = 'arata.somu'`);
    const person = await t.login('arata.somu', 'welcome-2026-x');
    const socket = await t.socket({ token: person.token });
    const target = departments.find((d) => d.code !== 'somu')!;
    const told = nextEvent(
      socket,
      'chat:channel',
      (p: { channel: { departmentId: string | null } }) => p.channel.departmentId === target.id,
    );
    const res = await t.request('PATCH', `/api/users/${user.id}`, { token: admin.token, json: { departmentId: target.id } });
    expect(res.status).toBe(200);
    const now = await channelsOf(user.id);
    expect(now).toContainEqual({ name: target.name, departmentId: target.id, allStaff: false });
    expect(now.some((c) => c.departmentId === dept('somu').id)).toBe(false);
    expect(now).toContainEqual({ name: '全庁連絡', departmentId: null, allStaff: true });
    await told;
  });

  it('answers 409 to leaving 全庁連絡 or removing someone from it', async () => {
    const [all] = await t.query<{ id: string }>(`SELECT id FROM chat_channels WHERE all_staff AND managed_by IS NULL`);
    const staff = await t.login('arata.somu', 'welcome-2026-x');
    expect((await t.request('POST', `/api/chat/channels/${all.id}/leave`, { token: staff.token })).status).toBe(409);
    expect((await t.request('DELETE', `/api/chat/channels/${all.id}/members/${staff.user.id}`, { token: admin.token })).status).toBe(409);
    expect(await channelsOf(staff.user.id)).toContainEqual({ name: '全庁連絡', departmentId: null, allStaff: true });
  });
});
