import { TestServer, type SignedIn } from '../support/test-server';
import { ApprovalsClient } from './support/approvals-client';

/** Users see only drafts they drafted, must act on, acted on, or may read by department or role; others get 404. */
describe('approvals: who sees what', () => {
  let t: TestServer;
  let api: ApprovalsClient;
  const u: Record<string, SignedIn> = {};

  beforeAll(async () => {
    t = await TestServer.start();
    api = new ApprovalsClient(t);
    for (const name of [
      'mori.kensetsu',
      'yamazaki.kensetsu',
      'shimizu.kensetsu',
      'admin',
      'kato.zeimu',
      'hayashi.rinsei',
      'fukuchocho',
      'tanaka.kikaku',
    ])
      u[name] = await t.login(name);
  });
  afterAll(() => t.close());

  const sees = async (who: SignedIn, id: string) => (await api.get(who, id)).status;

  it('a draft not yet submitted is the drafter own', async () => {
    const a = await api.draft(u['mori.kensetsu'], 'keiyaku', { title: '未提出の契約', amount: 3_000_000 });
    expect(await sees(u['mori.kensetsu'], a.id)).toBe(200);
    for (const other of ['yamazaki.kensetsu', 'shimizu.kensetsu', 'admin', 'kato.zeimu']) expect(await sees(u[other], a.id)).toBe(404);
    expect((await api.act(u['yamazaki.kensetsu'], a, 'approve')).status).toBe(404);
  });

  it('once submitted: the route, the department and administrators; never an outsider (not in lists either)', async () => {
    let a = await api.submit(
      u['mori.kensetsu'],
      await api.draft(u['mori.kensetsu'], 'keiyaku', { title: '機密性のある契約 ほげ', amount: 3_000_000 }),
    );
    for (const who of ['mori.kensetsu', 'yamazaki.kensetsu', 'shimizu.kensetsu', 'tanaka.kikaku', 'fukuchocho', 'admin'])
      expect(await sees(u[who], a.id)).toBe(200);
    for (const who of ['kato.zeimu', 'hayashi.rinsei']) expect(await sees(u[who], a.id)).toBe(404);
    // Acting on it, or on a random id, reveals nothing.
    expect((await api.act(u['kato.zeimu'], a, 'approve')).status).toBe(404);
    expect((await api.act(u['kato.zeimu'], { id: '00000000-0000-4000-8000-000000000000', version: 1 }, 'approve')).status).toBe(404);
    expect((await api.act(u['kato.zeimu'], { id: 'not-a-uuid', version: 1 }, 'approve')).status).toBe(404);
    // Someone on the route whose turn it is not: 403.
    expect((await api.act(u['fukuchocho'], a, 'approve')).status).toBe(403);
    const search = await t.request('GET', `/api/approvals/search?q=${encodeURIComponent('ほげ')}`, { token: u['kato.zeimu'].token });
    expect(search.body.total).toBe(0);
    const mine = await t.request('GET', `/api/approvals/search?q=${encodeURIComponent('ほげ')}`, { token: u['shimizu.kensetsu'].token });
    expect(mine.body.total).toBe(1);
    // Who acted keeps seeing it after moving to another department; a colleague who moves away loses it.
    a = await api.ok(u['shimizu.kensetsu'], a, 'approve');
    const [{ id: zeimu }] = await t.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'zeimu'`);
    await t.query(`UPDATE users SET department_id = $1 WHERE username IN ('shimizu.kensetsu', 'yamazaki.kensetsu')`, [zeimu]);
    expect(await sees(await t.login('yamazaki.kensetsu'), a.id)).toBe(404);
    const moved = await t.login('shimizu.kensetsu');
    expect(await sees(moved, a.id)).toBe(200);
  });

  it('bad input of any shape is a 4xx and changes nothing', async () => {
    const drafter = u['mori.kensetsu'];
    const type = await api.type(drafter, 'keiyaku');
    for (const json of [
      {},
      { typeId: type.id, title: '', body: 'x' },
      { typeId: type.id, title: 'x', body: 'x', amount: -1 },
      { typeId: type.id, title: 'x', body: 'x', amount: 1.5 },
      { typeId: type.id, title: 'x', body: 'x', amount: null, important: 'yes' },
      { typeId: 'nope', title: 'x', body: 'x' },
      { typeId: '00000000-0000-4000-8000-000000000000', title: 'x', body: 'x' },
      { typeId: type.id, title: 'x', body: 'x', extraStages: [{ label: 'x', mode: 'all', approverIds: [] }] },
      { typeId: type.id, title: 'x', body: 'x', sourceMessageId: 'not-a-message' },
    ]) {
      const res = await t.request('POST', '/api/approvals', { token: drafter.token, json });
      expect([res.status, json]).toEqual([400, json]);
    }
    const a = await api.submit(drafter, await api.draft(drafter, 'ippan'));
    for (const json of [
      { action: 'approve' },
      { action: 'fly', version: a.version },
      { action: 'send_back', version: a.version, toStage: 'x' },
      { version: a.version },
    ]) {
      const res = await t.request('POST', `/api/approvals/${a.id}/actions`, { token: u['yamazaki.kensetsu'].token, json });
      expect(res.status).toBe(400);
    }
    expect((await api.get(drafter, a.id)).body.version).toBe(a.version);
  });

  it('処理済: an approver lists what they approved or sent back, newest first, paged; the drafter steps are not in it', async () => {
    const drafter = u['mori.kensetsu'];
    const acted = (who: SignedIn, query = '') =>
      t.request<{ total: number; items: { approval: { id: string }; lastAction: string; actedAt: string }[] }>(
        'GET',
        `/api/approvals/inbox/acted${query}`,
        { token: who.token },
      );
    const first = await api.submit(drafter, await api.draft(drafter, 'ippan', { title: '処理済の確認 一' }));
    const [approverId] = ApprovalsClient.waiting(first);
    const [{ username }] = await t.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [approverId]);
    const approver = await t.login(username);
    const before = (await acted(approver)).body.total;
    const approved = await api.ok(approver, first, 'approve');
    // When the first approver's 専決 decides it, their last act on it is the decision.
    const firstAct = approved.status === 'decided' ? 'decide' : 'approve';
    const second = await api.submit(drafter, await api.draft(drafter, 'ippan', { title: '処理済の確認 二' }));
    await api.ok(approver, second, 'send_back', { comment: '添付資料を付けてください' });

    const page = await acted(approver);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(before + 2);
    const mine = page.body.items.filter((i) => [first.id, second.id].includes(i.approval.id));
    expect(mine.map((i) => [i.approval.id, i.lastAction])).toEqual([
      [second.id, 'send_back'],
      [first.id, firstAct],
    ]);
    const times = page.body.items.map((i) => i.actedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await acted(approver, '?limit=1')).body.items.map((i) => i.approval.id)).toEqual([second.id]);
    expect((await acted(approver, '?limit=1&offset=1')).body.items.map((i) => i.approval.id)).toEqual([first.id]);
    // The drafter's own steps (起案, 提出) are not 処理済.
    const drafterPage = (await acted(drafter)).body;
    expect(drafterPage.items.some((i) => [first.id, second.id].includes(i.approval.id))).toBe(false);
    for (const query of ['?limit=0', '?limit=201', '?offset=-1', '?limit=abc', '?offset=1.5'])
      expect([query, (await acted(approver, query)).status]).toEqual([query, 400]);
  });
});
