import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDF_LIMITS, PageRenderer, PdfRefusal, type RenderEvent } from '@yakuba/platform';
import { buildPdf, onePage, stream, type PdfObject } from '../fixtures/hostile/pdf-builder';
import { createMeeting, uploadPdf } from '../meetings/support/meetings-client';
import { ordinaryPdf } from '../meetings/support/pdf-fixtures';
import { TestServer, type SignedIn } from '../support/test-server';

/** Pages that each take a renderer a while, yet stay within the limits (accepted at upload). */
function heavyPdf(pages: number): Buffer {
  const content = deflateSync(Buffer.from('0 0 m 595 842 l S 595 0 m 0 842 l S '.repeat(3_000), 'latin1'));
  const objects: PdfObject[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
  objects.push(`<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${pages + 3} 0 R >>`);
  objects.push(stream('/Filter /FlateDecode', content));
  return buildPdf(objects);
}

/**
 * Issue 13: the render pool under a hostile document. One user's document whose pages keep the renderers busy
 * cannot make another meeting's page wait behind it (fair turns, per-document and per-user caps: asserted on the
 * pool's events, not on timings); a page that failed is remembered and answered at once; a thread past its limit is
 * replaced and the next page draws.
 */
describe('hostile files: the render pool', () => {
  let t: TestServer;
  let organiser: SignedIn;
  let member: SignedIn;
  let meetingId: string;
  let renderer: PageRenderer;
  const events: RenderEvent[] = [];
  const page = (who: SignedIn, documentId: string, n: number, width = 1200) =>
    t.request('GET', `/api/meetings/${meetingId}/documents/${documentId}/pages/${n}.png?width=${width}`, { token: who.token });

  beforeAll(async () => {
    t = await TestServer.start();
    organiser = await t.login('sato.somu');
    member = await t.login('suzuki.somu');
    meetingId = (await createMeeting(t, organiser, [member])).id;
    renderer = t.server.app.get(PageRenderer);
    renderer.observe((event) => events.push(event));
  });
  afterAll(() => t?.close());

  it("draws another meeting's page at once while a heavy document has the pool's other thread and a queue of pages", async () => {
    const heavy = await uploadPdf(t, organiser, meetingId, heavyPdf(6), { title: '重い資料' });
    expect(heavy.status).toBe(201);
    const other = await uploadPdf(t, organiser, meetingId, await ordinaryPdf(1, 'Other'), { title: '別会議の資料' });
    expect(other.status).toBe(201);
    events.length = 0;
    const queuedHeavy = new Promise<void>((resolve) => {
      const stop = renderer.observe(() => {
        if (events.filter((e) => e.document === heavy.body.id && e.type === 'queued').length === 6) {
          stop();
          resolve();
        }
      });
    });
    const hog = [1, 2, 3, 4, 5, 6].map((n) => page(organiser, heavy.body.id, n, 1600));
    await queuedHeavy;
    const answer = await page(member, other.body.id, 1);
    expect(answer.status).toBe(200);
    const statuses = (await Promise.all(hog)).map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 422)).toBe(true);

    const otherQueued = events.findIndex((e) => e.document === other.body.id && e.type === 'queued');
    const otherStarted = events.findIndex((e) => e.document === other.body.id && e.type === 'started');
    // The heavy document still had pages waiting when the other page was asked for...
    const before = events.slice(0, otherQueued).filter((e) => e.document === heavy.body.id);
    expect(before.filter((e) => e.type === 'queued').length - before.filter((e) => e.type === 'started').length).toBeGreaterThanOrEqual(2);
    // ...and yet no page started between the other page's arrival and its start: it did not wait its turn behind them.
    expect(events.slice(otherQueued + 1, otherStarted).filter((e) => e.type === 'started')).toEqual([]);
    // The heavy document never held more than one of the two threads.
    let running = 0;
    let most = 0;
    for (const e of events.filter((x) => x.document === heavy.body.id)) {
      if (e.type === 'started') most = Math.max(most, ++running);
      if (e.type === 'drawn' || e.type === 'failed') running--;
    }
    expect(most).toBe(1);
  }, 300_000);

  it('remembers a page that failed to draw and answers it at once with a 422, without a renderer', async () => {
    const doc = await uploadPdf(t, organiser, meetingId, await ordinaryPdf(2, 'Stored'), { title: '以前の資料' });
    expect(doc.status).toBe(201);
    // The stored file is replaced under the server, as with a paper stored before these limits existed: its second
    // page is now beyond the largest page box.
    const [{ file_key: key }] = await t.query('SELECT file_key FROM meeting_documents WHERE id = $1', [doc.body.id]);
    const changed = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 900000 900000] /Contents 5 0 R >>',
      stream('', '0 0 m 100 100 l S'),
    ]);
    await writeFile(join(t.dataDir, 'files', key.slice(0, 2), key), changed);

    const first = await page(member, doc.body.id, 2);
    expect(first.status).toBe(422);
    expect(first.body.message).toMatch(/\(pdf_page_too_large\)$/);
    expect(await t.query('SELECT page, reason FROM meeting_document_page_failures WHERE document_id = $1', [doc.body.id])).toEqual([
      { page: 2, reason: 'pdf_page_too_large' },
    ]);
    const seen = events.length;
    for (const who of [member, organiser, member]) {
      const again = await page(who, doc.body.id, 2, 800);
      expect(again.status).toBe(422);
      expect(again.body.message).toContain('pdf_page_too_large');
    }
    expect(events.slice(seen)).toEqual([]);
    expect((await page(member, doc.body.id, 1)).status).toBe(200);
  }, 120_000);
});

describe('hostile files: a renderer thread past its limits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdf-limits-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const write = async (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };
  const flood = () =>
    onePage(Buffer.from(`BT /F1 9 Tf 20 800 Td ${'(Hello world, many words here) Tj 0 -1 Td '.repeat(40_000)} ET`, 'latin1'));

  it.each([
    ['CPU time', { renderTimeoutMs: 300 }, 'pdf_too_slow'],
    ['heap', { renderHeapMb: 4 }, 'pdf_too_much_memory'],
  ] as const)(
    'is stopped past its %s, and a new thread draws the next page',
    async (_, limits, reason) => {
      const renderer = new PageRenderer({ ...PDF_LIMITS, ...limits });
      const seen: RenderEvent[] = [];
      renderer.observe((e) => seen.push(e));
      try {
        const hostile = await write(`flood-${reason}.pdf`, flood());
        const failure = await renderer
          .render('flood', { path: hostile, page: 1, width: 2000, watermark: null }, { requester: 'a', document: 'flood' })
          .then(
            () => null,
            (error: unknown) => error,
          );
        expect(failure).toBeInstanceOf(PdfRefusal);
        expect((failure as PdfRefusal).reason).toBe(reason);
        if (reason === 'pdf_too_slow') {
          // The next page (a trial render, which has its own budget) is drawn by a new thread.
          await renderer.trial(onePage('BT /F1 12 Tf 60 760 Td (plain) Tj ET'), 1, 400, { requester: 'b', document: 'plain' });
          expect(seen.map((e) => `${e.document}:${e.type}`)).toEqual([
            'flood:queued',
            'flood:started',
            'flood:failed',
            'plain:queued',
            'plain:started',
            'plain:drawn',
          ]);
        }
      } finally {
        await renderer.onModuleDestroy();
      }
    },
    120_000,
  );
});
