import { createMeeting, uploadPdf } from '../meetings/support/meetings-client';
import { encryptedPdf } from '../meetings/support/pdf-fixtures';
import { TestServer, type SignedIn } from '../support/test-server';

/**
 * Named refusals carry a `reason` (and its `params`) beside the contract's three fields, so that the web client
 * shows a sentence in the reader's language; each still changes nothing. CSV import rows name their rule too.
 */
describe('named refusals', () => {
  let t: TestServer;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('names why a PDF upload was refused and stores nothing', async () => {
    const staff = await t.login('suzuki.somu');
    const meeting = await createMeeting(t, admin, [staff]);
    const encrypted = await uploadPdf(t, admin, meeting.id, encryptedPdf());
    expect(encrypted.status).toBe(422);
    expect(encrypted.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: expect.stringMatching(/encrypted/),
      reason: 'pdf_encrypted',
    });
    const notPdf = await uploadPdf(t, admin, meeting.id, new TextEncoder().encode('just text, not a PDF'));
    expect(notPdf.status).toBe(415);
    expect(notPdf.body).toMatchObject({ reason: 'not_pdf' });
    const truncated = await uploadPdf(t, admin, meeting.id, new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n'));
    expect(truncated.status).toBe(422);
    expect(truncated.body).toMatchObject({ reason: 'pdf_truncated' });
    expect((await t.query('SELECT count(*)::int AS n FROM meeting_documents WHERE meeting_id = $1', [meeting.id]))[0].n).toBe(0);
  });

  it('names the administrators’ refusals: a taken username, disabling yourself', async () => {
    const [dept] = await t.query(`SELECT id FROM departments LIMIT 1`);
    const taken = await t.request('POST', '/api/users', {
      token: admin.token,
      json: { username: 'suzuki.somu', displayName: '鈴木 二郎', password: 'long-password-1', departmentId: dept.id },
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ reason: 'username_taken', params: { username: 'suzuki.somu' } });
    const self = await t.request('PATCH', `/api/users/${admin.user.id}`, { token: admin.token, json: { active: false } });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ reason: 'own_account_disabled' });
    expect((await t.query('SELECT active FROM users WHERE id = $1', [admin.user.id]))[0].active).toBe(true);
  });

  it('names each refused CSV row’s rule and the file’s own problems', async () => {
    const csv =
      '\uFEFFusername,displayName,department,position,password\nfine.user,良い 行,総務課,主事,good-password-1\nx,,無い課,王様,x\nfine.user,重複 行,総務課,主事,good-password-2\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'staff.csv');
    const res = await t.request('POST', '/api/users/import', { token: admin.token, body: form });
    expect(res.status).toBe(200);
    expect(
      res.body.errors.map((e: { row: number; field: string; reason: string; value?: unknown }) => [
        e.row,
        e.field,
        e.reason,
        e.value ?? null,
      ]),
    ).toEqual([
      [3, 'username', 'invalid_username', 'x'],
      [3, 'displayName', 'display_name_invalid', null],
      [3, 'department', 'unknown_value', '無い課'],
      [3, 'position', 'unknown_value', '王様'],
      [3, 'password', 'password_too_short', expect.any(Number)],
      [4, 'username', 'duplicate', 2],
    ]);
    const noName = new FormData();
    noName.append('file', new Blob(['username,department\nsome.one,総務課\n'], { type: 'text/csv' }), 'staff.csv');
    const missing = await t.request('POST', '/api/users/import', { token: admin.token, body: noName });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ reason: 'csv_missing_column', params: { column: 'displayName' } });
  });

  it('keeps every other error body to the contract’s three fields', async () => {
    const res = await t.request('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', {
      token: admin.token,
      json: { active: false },
    });
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });
});
