import { readCsv } from '@yakuba/platform';
import { TestServer, type SignedIn } from '../support/test-server';

describe('audit log filters and CSV export', () => {
  let t: TestServer;
  let admin: SignedIn;
  let tricky: SignedIn;
  const displayName = '=吉田, "𠮷"\n係長';
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    const [dept] = (await t.request('GET', '/api/departments', { token: admin.token })).body as { id: string }[];
    const created = await t.request('POST', '/api/users', {
      token: admin.token,
      json: { username: 'yoshida.test', displayName, password: 'long-password-1', departmentId: dept.id },
    });
    expect(created.status).toBe(201);
    tricky = await t.login('yoshida.test', 'long-password-1');
  });
  afterAll(() => t.close());

  const download = async (query: string, token = admin.token) => {
    const res = await fetch(`${t.url}/api/audit/export.csv${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('filters the list by actor, action prefix and time, and names the bad field', async () => {
    const mine = await t.request('GET', `/api/audit?actor=${tricky.user.id}&action=auth.`, { token: admin.token });
    expect(mine.status).toBe(200);
    expect(mine.body.map((e: { action: string; actorId: string }) => [e.action, e.actorId])).toEqual([['auth.login', tricky.user.id]]);
    expect((await t.request('GET', '/api/audit?from=2000-01-01&to=2000-01-02', { token: admin.token })).body).toEqual([]);
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['before=x', 'before'],
      ['actor=nobody', 'actor'],
      ['from=yesterday', 'from'],
      ['from=2026-04-02&to=2026-04-01', 'to'],
      ['action=' + 'x'.repeat(101), 'action'],
      ['unknown=1', 'unknown'],
    ]) {
      const res = await t.request('GET', `/api/audit?${query}`, { token: admin.token });
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.message).toMatch(new RegExp(`^${field}\\b`));
    }
  });

  it('exports UTF-8 CSV with a BOM that reads back, with formula cells neutralised, for administrators only', async () => {
    const { res, bytes } = await download(`?actor=${tricky.user.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?audit-log\.csv"?$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(bytes);
    expect(rows[0]).toEqual(['ID', '日時', '操作者ID', 'ユーザー名', '氏名', '操作', '対象の種類', '対象ID', 'IPアドレス', '詳細']);
    expect(rows.slice(1).map((r) => [r[2], r[3], r[4], r[5]])).toEqual([[tricky.user.id, 'yoshida.test', `'${displayName}`, 'auth.login']]);
    expect((await download('', tricky.token)).res.status).toBe(403);
  });

  it('exports Shift_JIS on request, with 〓 for what Shift_JIS lacks, and audits the export', async () => {
    // (The 403 above is itself audited as authz.refused: the export asks for the sign-ins only.)
    const { res, bytes } = await download(`?actor=${tricky.user.id}&action=auth.&encoding=shift_jis`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=shift_jis');
    const rows = readCsv(bytes, { encoding: 'shift_jis' });
    expect(rows[1][4]).toBe(`'=吉田, "〓"\n係長`);
    const exports = await t.request('GET', '/api/audit?action=audit.exported', { token: admin.token });
    expect(exports.body[0]).toMatchObject({
      actorId: admin.user.id,
      data: { encoding: 'shift_jis', entries: 1, filter: { actorId: tricky.user.id, action: 'auth.' } },
    });
    expect((await download('?encoding=latin1')).res.status).toBe(400);
  });
});
