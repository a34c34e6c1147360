import { TestServer, type SignedIn } from '../support/test-server';
import { createMeeting, uploadPdf } from './support/meetings-client';
import { encryptedPdf, JAPANESE_PAGES, japaneseNonEmbeddedFontPdf, ordinaryPdf, pdfWithJavaScript } from './support/pdf-fixtures';

describe('meeting documents: PDF upload', () => {
  let t: TestServer;
  let organiser: SignedIn;
  let member: SignedIn;
  let meetingId: string;
  const documentCount = async () =>
    (await t.query('SELECT count(*)::int AS n FROM meeting_documents WHERE meeting_id = $1', [meetingId]))[0].n;

  beforeAll(async () => {
    t = await TestServer.start({ UPLOAD_MAX_MB: '1' });
    organiser = await t.login('sato.somu');
    member = await t.login('suzuki.somu');
    meetingId = (await createMeeting(t, organiser, [member])).id;
  });
  afterAll(() => t.close());

  it('accepts a real PDF and records its pages (201 { id, pageCount })', async () => {
    const res = await uploadPdf(t, organiser, meetingId, await ordinaryPdf(4, 'Budget'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), pageCount: 4, version: 1, title: 'paper' });
    expect(res.body.pageSizes).toEqual(Array(4).fill({ width: 595, height: 842 }));
    const pages = await t.query('SELECT page, text FROM meeting_document_pages WHERE document_id = $1 ORDER BY page', [res.body.id]);
    expect(pages.map((p) => p.text)).toEqual(['Budget page 1', 'Budget page 2', 'Budget page 3', 'Budget page 4']);
  });

  it('extracts the text of a Japanese PDF whose font is not embedded', async () => {
    const res = await uploadPdf(t, organiser, meetingId, japaneseNonEmbeddedFontPdf(), { title: '庁議資料' });
    expect(res.status).toBe(201);
    expect(res.body.pageCount).toBe(3);
    expect(res.body.text).toEqual(JAPANESE_PAGES);
    const search = await t.request('GET', `/api/meetings/${meetingId}/search?q=${encodeURIComponent('電子決裁')}`, { token: member.token });
    expect(search.body.results).toEqual([expect.objectContaining({ documentId: res.body.id, page: 2, title: '庁議資料' })]);
  });

  it('refuses a renamed non-PDF with 415', async () => {
    const before = await documentCount();
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
    const res = await uploadPdf(t, organiser, meetingId, zip, {}, 'looks-like.pdf');
    expect(res.status).toBe(415);
    // The contract's body, and the refusal's name for the web client's sentence (test/platform/error-reasons).
    expect(res.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: expect.any(String), reason: 'not_pdf' });
    expect(await documentCount()).toBe(before);
  });

  it('refuses a file over UPLOAD_MAX_MB with 413', async () => {
    const before = await documentCount();
    const big = Buffer.concat([await ordinaryPdf(1), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const res = await uploadPdf(t, organiser, meetingId, big);
    expect(res.status).toBe(413);
    expect(await documentCount()).toBe(before);
  });

  it('refuses truncated, corrupt and encrypted PDFs with 422', async () => {
    const before = await documentCount();
    const whole = await ordinaryPdf(3);
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x41), Buffer.from('\n%%EOF\n')]);
    for (const bytes of [truncated, garbage, encryptedPdf()]) {
      const res = await uploadPdf(t, organiser, meetingId, bytes);
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('Unprocessable Entity');
    }
    expect((await uploadPdf(t, organiser, meetingId, encryptedPdf())).body.message).toMatch(/encrypted/);
    expect(await documentCount()).toBe(before);
  });

  it('accepts a PDF with JavaScript actions without running anything', async () => {
    const res = await uploadPdf(t, organiser, meetingId, pdfWithJavaScript());
    expect(res.status).toBe(201);
    expect(res.body.pageCount).toBe(1);
    expect(res.body.text).toEqual(['Agenda with scripts']);
    expect((globalThis as { __pdfScriptRan?: boolean }).__pdfScriptRan).toBeUndefined();
    const health = await t.request('GET', '/api/health');
    expect(health.status).toBe(200);
  });

  it('lets only the organiser or presenter upload, and never a non-participant', async () => {
    const pdf = await ordinaryPdf(1);
    expect((await uploadPdf(t, member, meetingId, pdf)).status).toBe(403);
    const outsider = await t.login('tanaka.kikaku');
    expect((await uploadPdf(t, outsider, meetingId, pdf)).status).toBe(404);
    const missing = await t.request('POST', `/api/meetings/${meetingId}/documents`, { token: organiser.token, body: new FormData() });
    expect(missing.status).toBe(400);
  });

  it('keeps the earlier version when a document is replaced', async () => {
    const first = await uploadPdf(t, organiser, meetingId, await ordinaryPdf(2, 'v1'), { title: '予算案' });
    const second = await uploadPdf(
      t,
      organiser,
      meetingId,
      await ordinaryPdf(3, 'v2'),
      {},
      'x.pdf',
      `/api/meetings/${meetingId}/documents/${first.body.id}/versions`,
    );
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, seriesId: first.body.seriesId, pageCount: 3, title: 'x', current: true });
    const detail = await t.request('GET', `/api/meetings/${meetingId}`, { token: member.token });
    const series = detail.body.documents.filter((d: { seriesId: string }) => d.seriesId === first.body.seriesId);
    expect(series.map((d: { version: number; current: boolean }) => [d.version, d.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    const old = await t.request('GET', `/api/meetings/${meetingId}/documents/${first.body.id}/view`, { token: member.token });
    expect(old.status).toBe(200);
    expect(old.headers.get('content-type')).toBe('application/pdf');
  });

  it('keeps drafts from participants and confidential files from their download', async () => {
    const draft = await uploadPdf(t, organiser, meetingId, await ordinaryPdf(1), { draft: 'true' });
    expect((await t.request('GET', `/api/meetings/${meetingId}/documents/${draft.body.id}/view`, { token: member.token })).status).toBe(
      404,
    );
    expect(
      (await t.request('POST', `/api/meetings/${meetingId}/documents/${draft.body.id}/publish`, { token: organiser.token })).status,
    ).toBe(200);
    expect((await t.request('GET', `/api/meetings/${meetingId}/documents/${draft.body.id}/view`, { token: member.token })).status).toBe(
      200,
    );
    const secret = await uploadPdf(t, organiser, meetingId, await ordinaryPdf(1), { confidential: 'true' });
    expect((await t.request('GET', `/api/meetings/${meetingId}/documents/${secret.body.id}/file`, { token: member.token })).status).toBe(
      403,
    );
    const typedIn = await t.request('GET', `/api/meetings/${meetingId}/documents/${secret.body.id}/view`, { token: member.token });
    expect(typedIn.status).toBe(403);
    // Not even to the viewer: participants see a confidential paper as page images (page-images.e2e-spec.ts).
    const asViewer = await t.request('GET', `/api/meetings/${meetingId}/documents/${secret.body.id}/view`, {
      token: member.token,
      headers: { 'x-yakuba-viewer': '1' },
    });
    expect(asViewer.status).toBe(403);
    const viewed = await t.request('GET', `/api/meetings/${meetingId}/documents/${secret.body.id}/view`, { token: organiser.token });
    expect(viewed.status).toBe(200);
    expect(viewed.headers.get('cache-control')).toBe('private, no-store');
    expect((await t.request('GET', `/api/meetings/${meetingId}/documents/${secret.body.id}/file`, { token: organiser.token })).status).toBe(
      200,
    );
  });

  it('reads several uploads at once (two at a time, the rest wait their turn)', async () => {
    const files = await Promise.all([1, 2, 3, 4, 5].map((n) => ordinaryPdf(n, `batch${n}`)));
    const results = await Promise.all(files.map((bytes) => uploadPdf(t, organiser, meetingId, bytes)));
    expect(results.map((r) => [r.status, r.body.pageCount])).toEqual([1, 2, 3, 4, 5].map((n) => [201, n]));
  });
});
