import { hostileCorpus } from '../fixtures/hostile/hostile-corpus';
import { createChannel } from '../chat/chat-helpers';
import { createMeeting } from '../meetings/support/meetings-client';
import { TestServer, type SignedIn } from '../support/test-server';
import { corpusTable, measured, uploadCorpus, type CorpusRow, type MemoryFigures } from './hostile-files-support';

/**
 * Issue 13, "PDFs that exhaust the server": the hostile corpus (test/fixtures/hostile, ≥ 30 files) uploaded once
 * to the meeting document route and the chat attachment route. Every answer is a 201 or a 4xx (never a 5xx, never
 * a crash); a refusal stores nothing; an accepted meeting document's pages draw or fail with a remembered 422; the
 * process's memory stays bounded. The repetition: test/campaigns/hostile-files.campaign-spec.ts. Chromium opening
 * the accepted ones: test/browser/hostile-files.browser-spec.ts.
 */
describe('hostile files: the corpus, once', () => {
  let t: TestServer;
  let organiser: SignedIn;
  let rows: CorpusRow[] = [];
  let memory: MemoryFigures;

  beforeAll(async () => {
    t = await TestServer.start();
    organiser = await t.login('sato.somu');
    const meetingId = (await createMeeting(t, organiser, [])).id;
    const channelId = (await createChannel(t, organiser, 'public', [])).id;
    hostileCorpus();
    ({ result: rows, memory } = await measured(() => uploadCorpus(t, organiser, { meetingId, channelId })));
    console.log(`hostile corpus: ${hostileCorpus().length} files\n${corpusTable(rows)}\nmemory: ${JSON.stringify(memory)}`);
  }, 900_000);
  afterAll(() => t?.close());

  it('holds at least 30 files of every kind the issue names', () => {
    const corpus = hostileCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((f) => f.category))).toEqual(
      new Set(['script', 'font', 'xref', 'bomb', 'size', 'encrypted', 'polyglot', 'damaged', 'image']),
    );
  });

  it('answers every upload with a 201 or a 4xx, as the corpus expects, and never a 5xx', () => {
    const unexpected = rows.filter(
      (r) =>
        r.status >= 500 ||
        (r.expected === 'accepted' && r.status !== 201) ||
        (r.expected === 'refused' && !(r.status >= 400 && r.status < 500)),
    );
    expect(unexpected).toEqual([]);
    expect(rows.every((r) => r.status === 201 || (r.status >= 400 && r.status < 500))).toBe(true);
  });

  it('names the limit a PDF broke in its 422', () => {
    const corpus = new Map(hostileCorpus().map((f) => [f.name, f]));
    const wrong = rows
      .filter((r) => r.route === 'meeting' && corpus.get(r.name)?.reason)
      .filter((r) => r.status !== 422 || !r.message.endsWith(`(${corpus.get(r.name)!.reason})`))
      .map((r) => `${r.name}: ${r.status} ${r.message}`);
    expect(wrong).toEqual([]);
  });

  it('stores nothing it refuses, and at most one file (content-addressed) and one document for what it accepts', () => {
    const refused = rows.filter((r) => r.status !== 201);
    expect(refused.filter((r) => r.storedFiles !== 0 || r.storedDocuments !== 0)).toEqual([]);
    const accepted = rows.filter((r) => r.status === 201);
    expect(accepted.filter((r) => r.storedFiles > 1 || r.storedDocuments !== (r.route === 'meeting' ? 1 : 0))).toEqual([]);
  });

  it('draws the pages of what a meeting accepts, or answers a 422 it remembers', async () => {
    const pages = rows.filter((r) => r.route === 'meeting' && r.status === 201).flatMap((r) => r.pages);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((s) => s !== 200 && s !== 422)).toEqual([]);
    const failed = await t.query('SELECT count(*)::int AS n FROM meeting_document_page_failures');
    expect(failed[0].n).toBe(pages.filter((s) => s === 422).length);
  });

  it('keeps the process alive and its memory bounded', async () => {
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    // The pdf.js threads live in this process: two renderers and a reader, each capped (PDF_LIMITS).
    expect(memory.rssPeakMb - memory.rssBeforeMb).toBeLessThan(2048);
    expect(memory.heapAfterMb - memory.heapBeforeMb).toBeLessThan(256);
  });
});
