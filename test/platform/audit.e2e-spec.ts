import { TestServer, type SignedIn } from '../support/test-server';

describe('audit log', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    await t.request('POST', '/api/auth/login', { json: { username: 'admin', password: 'wrong' } });
    await t.login('sato.somu');
  });
  afterAll(() => t.close());

  it('records sign-ins and failures, readable by administrators only', async () => {
    const log = await t.request('GET', '/api/audit?limit=50', { token: admin.token });
    expect(log.status).toBe(200);
    expect(log.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed']));
    const staff = await t.login('suzuki.somu');
    expect((await t.request('GET', '/api/audit', { token: staff.token })).status).toBe(403);
  });

  it('refuses updates and deletes at the database', async () => {
    await expect(t.query(`UPDATE audit_log SET action = 'x' WHERE id = 1`)).rejects.toThrow(/append-only/);
    await expect(t.query(`DELETE FROM audit_log WHERE id = 1`)).rejects.toThrow(/append-only/);
  });

  it('detects a changed entry and a deleted entry', async () => {
    expect((await t.request('GET', '/api/audit/verify', { token: admin.token })).body).toMatchObject({ valid: true });
    // Someone with superuser rights gets past the trigger and edits history.
    await t.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await t.query(`UPDATE audit_log SET data = '{"forged":true}' WHERE id = 2`);
    const changed = await t.request('GET', '/api/audit/verify', { token: admin.token });
    expect(changed.body).toMatchObject({ valid: false, brokenAtId: '2', reason: 'entry content was changed' });
    await t.query(`DELETE FROM audit_log WHERE id = 2`);
    const deleted = await t.request('GET', '/api/audit/verify', { token: admin.token });
    expect(deleted.body).toMatchObject({ valid: false, brokenAtId: '3' });
    await t.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
  });
});
