import { hostileCorpus, type HostileFile } from '../fixtures/hostile/hostile-corpus';
import { createChannel } from '../chat/chat-helpers';
import { createMeeting, uploadPdf } from '../meetings/support/meetings-client';
import { ordinaryPdf } from '../meetings/support/pdf-fixtures';
import { measured, uploadCorpus, type CorpusRow } from '../security/hostile-files-support';
import { TestServer, type SignedIn } from '../support/test-server';
import { FULL, pastDeadline, report, size } from './support/campaign';

/**
 * The hostile-file campaign (issue 13): the corpus uploaded by several staff at once, over and over, while a
 * participant of another meeting keeps turning the pages of an ordinary paper drawn on the server. Small inside
 * `npm test` (the bombs and a few scripts, once, two uploaders side by side: test/security/hostile-files.e2e-spec.ts already sends
 * the whole corpus once); full under `npm run test:campaigns` (CAMPAIGN=full: the whole corpus × 5, four
 * uploaders). Counts, memory and the ordinary pages' answers go to test-results/campaigns/hostile-files.json.
 */
const REPETITIONS = size(1, 5);
const UPLOADERS = FULL ? ['sato.somu', 'suzuki.somu', 'tanaka.kikaku', 'admin'] : ['sato.somu', 'suzuki.somu'];

describe('hostile files campaign: many uploaders, many times, while a meeting turns pages', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await TestServer.start();
  }, 300_000);
  afterAll(() => t?.close());

  it('answers every upload with a 201 or a 4xx and keeps drawing another meeting’s pages', async () => {
    const corpus = hostileCorpus();
    const files: HostileFile[] = FULL
      ? corpus
      : [...corpus.filter((f) => f.category === 'bomb'), ...corpus.filter((f) => f.category === 'script').slice(0, 3)];
    const uploaders: { who: SignedIn; meetingId: string; channelId: string }[] = [];
    for (const username of UPLOADERS) {
      const who = await t.login(username);
      uploaders.push({ who, meetingId: (await createMeeting(t, who, [])).id, channelId: (await createChannel(t, who, 'public', [])).id });
    }
    const viewer = await t.login('takahashi.somu');
    const host = await t.login('ito.kikaku');
    const quietMeeting = (await createMeeting(t, host, [viewer])).id;
    const paper = await uploadPdf(t, host, quietMeeting, await ordinaryPdf(8, 'Quiet'), { title: '別の会議', confidential: 'true' });
    expect(paper.status).toBe(201);

    let done = false;
    const quietAnswers: number[] = [];
    const turnPages = async () => {
      for (let n = 0; !done; n++) {
        const res = await t.request(
          'GET',
          `/api/meetings/${quietMeeting}/documents/${paper.body.id}/pages/${(n % 8) + 1}.png?width=${800 + (n % 5) * 200}`,
          {
            token: viewer.token,
          },
        );
        quietAnswers.push(res.status);
      }
    };

    const documents = async () => Number((await t.query('SELECT count(*)::int AS n FROM meeting_documents'))[0].n);
    const documentsBefore = await documents();
    const started = Date.now();
    let repetitionsStarted = 0;
    const { result: rows, memory } = await measured(async () => {
      const pages = turnPages();
      const all: CorpusRow[] = [];
      // Under a time limit (CAMPAIGN_UNTIL) no upload starts past it; the report says how many ran of how many.
      const walk = async (u: (typeof uploaders)[number]) => {
        const rows: CorpusRow[] = [];
        for (const file of files) {
          if (pastDeadline()) break;
          rows.push(...(await uploadCorpus(t, u.who, u, [file])));
        }
        return rows;
      };
      for (let r = 0; r < REPETITIONS && !pastDeadline(); r++) {
        const rounds = await Promise.all(uploaders.map(walk));
        all.push(...rounds.flat());
        repetitionsStarted += 1;
        if (FULL) process.stdout.write(`[campaign hostile-files] ${new Date().toISOString().slice(11, 19)} repetition ${r + 1}/${REPETITIONS}: ${all.length} uploads\n`);
      }
      done = true;
      await pages;
      return all;
    });

    const statuses: Record<string, number> = {};
    for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    const figures = {
      files: files.length,
      repetitionsStarted,
      plannedRepetitions: REPETITIONS,
      uploaders: UPLOADERS.length,
      uploads: rows.length,
      plannedUploads: files.length * 2 * UPLOADERS.length * REPETITIONS,
      statuses,
      serverErrors: rows.filter((r) => r.status >= 500).length,
      pageImages: rows.flatMap((r) => r.pages).length,
      quietPages: quietAnswers.length,
      quietPagesNot200: quietAnswers.filter((s) => s !== 200).length,
      slowestUploadMs: Math.max(...rows.map((r) => r.ms)),
      seconds: Math.round((Date.now() - started) / 1000),
      memory,
    };
    report('hostile-files', figures);

    expect(figures.serverErrors).toBe(0);
    expect(rows.filter((r) => r.status !== 201 && !(r.status >= 400 && r.status < 500))).toEqual([]);
    expect(rows.filter((r) => r.expected === 'refused' && r.status === 201)).toEqual([]);
    // Uploads ran side by side, so stored documents are counted for the whole campaign: one per meeting 201, no more.
    expect((await documents()) - documentsBefore).toBe(rows.filter((r) => r.route === 'meeting' && r.status === 201).length);
    expect(quietAnswers.length).toBeGreaterThan(0);
    expect(figures.quietPagesNot200).toBe(0);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    expect(memory.rssPeakMb - memory.rssBeforeMb).toBeLessThan(2048);
  }, 3_600_000);
});
