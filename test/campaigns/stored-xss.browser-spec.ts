import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DocumentTypeView } from '@yakuba/contracts';
import { ordinaryPdf } from '../meetings/support/pdf-fixtures';
import { DEMO_PASSWORD, emitAck, TestServer, type ApiResponse, type SignedIn } from '../support/test-server';
import { DESKTOP, launchBrowser } from '../browser/support/browser';
import { FULL, report } from './support/campaign';
import { SHORTEST_FIELD, SMALL_CORPUS_IDS, xssCorpus, type XssPayload } from './support/xss-payloads';

/**
 * Issue 13, stored XSS in real Chromium. Every payload of the corpus (6 in `npm run test:browser`, one of each most-exploited kind, all 133 under
 * CAMPAIGN=full) is written through the public API, by one user, into every user-controlled text of every context,
 * and every page that shows it is then opened by another user. An execution is seen three ways: the `__xss` binding
 * every payload calls, any dialog, and any request for `/xss-sentinel/…` or to `evil.invalid` (or a new window).
 * The readers' browsers ignore the Content-Security-Policy (`bypassCSP`), so the rendering alone must hold; and
 * each page's DOM is searched for injected markup that has not run yet: event-handler attributes, script, data:
 * and protocol-relative URLs, frames, objects, base and meta elements.
 */
const corpus = FULL ? xssCorpus() : xssCorpus().filter((p) => SMALL_CORPUS_IDS.includes(p.id));
/**
 * What a page shows of a payload when it shows it: its id, or, for the few that carry their id only base64-encoded
 * (an `atob` handler, a `data:` frame or link), that base64 text.
 */
const markers = new Map(
  corpus.map((p) => {
    const text = p.text(SHORTEST_FIELD);
    return [p.id, text.includes(p.id) ? p.id : (text.match(/[A-Za-z0-9+/]{16,}={0,2}/)?.[0] ?? p.id)];
  }),
);
/** Per step: the full corpus writes and opens about 11 times as much as the small one. */
const LIMIT = FULL ? 4 * 3_600_000 : 1_800_000;

interface Hit {
  how: string;
  detail: string;
  page: string;
}

describe('stored XSS campaign in real Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let admin: SignedIn;
  let officer: SignedIn; // sato.somu: disaster officer, meeting organiser
  let reader: SignedIn; // suzuki.somu: plain staff
  let surveyAdmin: SignedIn; // ito.kikaku
  /** One account per payload, its display name the payload: they write the rest as well. */
  const hostile: SignedIn[] = [];
  const contexts = new Map<string, { context: BrowserContext; page: Page }>();
  const hits: Hit[] = [];
  const injections: Hit[] = [];
  const written: Record<string, { stored: number; refused: number }> = {};
  const pages: Record<string, number> = {};
  let shown = 0;
  let expected = 0;
  const started = Date.now();

  beforeAll(async () => {
    // A full run lasts about an hour, and some of its sign-ins wait for most of it: longer than the 30-minute idle timeout.
    server = await TestServer.start({ SESSION_IDLE_MINUTES: '240' });
    ({ browser, close: closeBrowser } = await launchBrowser());
    [admin, officer, reader, surveyAdmin] = await Promise.all(['admin', 'sato.somu', 'suzuki.somu', 'ito.kikaku'].map((u) => server.login(u)));
    const users = (await server.request<{ id: string; departmentId: string }[]>('GET', '/api/users', { token: admin.token })).body;
    const departmentId = users.find((u) => u.id === reader.user.id)!.departmentId;
    for (const p of corpus) {
      const username = `xss.${p.id}`;
      const res = await server.request('POST', '/api/users', {
        token: admin.token,
        json: { username, displayName: p.text(100), password: DEMO_PASSWORD, departmentId, roles: ['staff'] },
      });
      const refused = store('user display name', p, res);
      if (refused) {
        // The account still has to exist to write the rest: with the payload's id as its name.
        const again = await server.request('POST', '/api/users', { token: admin.token, json: { username, displayName: p.id, password: DEMO_PASSWORD, departmentId } });
        expect(again.status).toBe(201);
      }
      hostile.push(await server.login(username));
    }
  }, LIMIT);

  afterAll(async () => {
    for (const { context } of contexts.values()) await context.close().catch(() => undefined);
    await closeBrowser?.();
    await server?.close();
  });

  /**
   * A file name with a control character that FormData does not escape (it escapes only CR, LF and the quote; a form
   * feed goes out raw, as from a browser) makes the part's header malformed: the upload is refused whole with a 400
   * in the error shape, and nothing is stored.
   */
  const MALFORMED_FILE_NAME = /^Multipart: Malformed part header$/;

  /** Counts a write: stored (2xx), or refused (400) where the payload's NUL or lone surrogate may be refused. */
  function store(field: string, p: XssPayload, res: ApiResponse, tolerated?: RegExp): boolean {
    const count = (written[field] ??= { stored: 0, refused: 0 });
    if (res.status >= 200 && res.status < 300) {
      count.stored++;
      return false;
    }
    if (res.status === 400 && (p.mayBeRefused || tolerated?.test(String(res.body?.message)))) {
      count.refused++;
      return true;
    }
    throw new Error(`${field} ← ${p.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  function storeAck(field: string, p: XssPayload, ack: { ok: boolean; error?: { code: string } }): boolean {
    return store(field, p, { status: ack.ok ? 200 : ack.error?.code === 'bad_request' ? 400 : 500, body: ack, headers: new Headers() });
  }

  /** A reader's browser: its own cookies (an API sign-in's session), CSP bypassed, every way of executing watched. */
  async function as(who: SignedIn): Promise<Page> {
    const known = contexts.get(who.user.username);
    if (known) return known.page;
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'ja-JP', bypassCSP: true });
    const at = who.cookie.indexOf('=');
    await context.addCookies([{ name: who.cookie.slice(0, at), value: who.cookie.slice(at + 1), url: server.url }]);
    await context.exposeBinding('__xss', (source, id: unknown) => {
      hits.push({ how: 'script ran', detail: String(id), page: source.page.url() });
    });
    const page = await context.newPage();
    context.on('page', (p) => hits.push({ how: 'window opened', detail: p.url(), page: page.url() }));
    context.on('request', (r) => {
      const url = r.url();
      if (url.includes('xss-sentinel') || new URL(url).hostname.endsWith('evil.invalid')) hits.push({ how: 'request', detail: url, page: page.url() });
    });
    page.on('dialog', (d) => {
      hits.push({ how: `dialog ${d.type()}`, detail: d.message(), page: page.url() });
      void d.dismiss();
    });
    contexts.set(who.user.username, { context, page });
    return page;
  }

  /**
   * Opens a page as `who`, waits until it shows the first of `ids` (so the stored values are on screen), lets
   * `expand` open what is folded, gives anything injected a moment, then searches the DOM for injected markup.
   */
  async function visit(who: SignedIn, path: string, ids: string[], kind: string, expand?: (page: Page) => Promise<void>) {
    const page = await as(who);
    // A payload that was refused is stored as its bare id, so either its id or its marker counts as shown.
    const shownAs = ids.map((id) => [id, markers.get(id) ?? id]);
    await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    await page
      .waitForFunction((wanted) => wanted.some((both) => both.some((m) => document.body.innerHTML.includes(m))), shownAs, { timeout: 90_000 })
      .catch(async (error: unknown) => {
        // Name the page and what it shows instead, so a failure says where to look.
        const shown = (await page.evaluate(() => document.body.innerText).catch(() => '')).replace(/\s+/g, ' ').slice(0, 600);
        throw new Error(`${path} (${kind}) showed none of ${ids.slice(0, 3).join(', ')}…: ${String(error)}; the page shows: ${shown}`);
      });
    if (expand) await expand(page);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 250))));
    const found = await page.evaluate(findInjected);
    for (const f of found) injections.push({ how: 'injected markup', detail: f, page: path });
    const html = await page.evaluate(() => document.body.innerHTML);
    shown += shownAs.filter((both) => both.some((m) => html.includes(m))).length;
    expected += ids.length;
    pages[kind] = (pages[kind] ?? 0) + 1;
  }

  // A full run is long: after each context its figures so far go to the log, so a stopped run says how far it got.
  afterEach(() => {
    if (!FULL) return;
    const writes = Object.values(written).reduce((n, c) => n + c.stored + c.refused, 0);
    const opened = Object.values(pages).reduce((n, c) => n + c, 0);
    const so = { writes, pagesOpened: opened, payloadIdsShown: `${shown} of ${expected}`, executions: hits.length, injections: injections.length, seconds: Math.round((Date.now() - started) / 1000) };
    process.stdout.write(`[campaign stored-xss] ${new Date().toISOString().slice(11, 19)} after "${expect.getState().currentTestName}": ${JSON.stringify(so)}\n`);
  });

  it('sees an execution, a sentinel request, a dialog and injected markup when there are some (the watch works)', async () => {
    const page = await as(reader);
    await page.goto(`${server.url}/chat`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    await page.getByRole('navigation', { name: 'main' }).waitFor({ timeout: 90_000 });
    const before = hits.length;
    await page.evaluate(() => {
      document
        .getElementById('root')!
        .insertAdjacentHTML('beforeend', `<img src=x onerror="__xss('control')"><img src="/xss-sentinel/control.png"><a href="javascript:void 0">x</a>`);
      setTimeout(() => alert('control'), 0);
    });
    for (const started = Date.now(); hits.length - before < 3 && Date.now() - started < 20_000; ) await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    const seen = hits.splice(before).map((h) => h.how);
    expect(seen.sort()).toEqual(['dialog alert', 'request', 'script ran']);
    const injected = await page.evaluate(findInjected);
    expect(injected).toEqual([
      expect.stringContaining('img[onerror]'),
      expect.stringContaining('img[src] sentinel URL'),
      expect.stringContaining('a[href] script or data URL'),
    ]);
  }, 300_000);

  it('chat: channel names and topics, messages, edits, thread replies and attachment names, by their authors, read by a member', async () => {
    const pdf = await ordinaryPdf(1, 'Attachment');
    const channels: { id: string; p: XssPayload }[] = [];
    for (const [i, p] of corpus.entries()) {
      const author = hostile[i];
      const created = await server.request('POST', '/api/chat/channels', {
        token: officer.token,
        json: { name: p.text(80), topic: p.text(250), type: 'public', memberIds: [reader.user.id, author.user.id] },
      });
      let channelId: string;
      if (store('chat channel name + topic', p, created)) {
        channelId = (await server.request('POST', '/api/chat/channels', { token: officer.token, json: { name: p.id, type: 'public', memberIds: [reader.user.id, author.user.id] } })).body.id;
      } else channelId = created.body.id;
      channels.push({ id: channelId, p });
      const socket = await server.socket({ token: author.token });
      const send = (body: string, more: Record<string, unknown> = {}) => emitAck(socket, 'chat:send', { channelId, clientMsgId: randomUUID(), body, ...more });
      storeAck('chat message', p, await send(p.text(4000)));
      const root = await send(`${p.id} を編集します`);
      expect(root).toMatchObject({ ok: true });
      storeAck('chat message edit', p, await emitAck(socket, 'chat:edit', { messageId: root.message.id, body: p.text(4000) }));
      // A refused reply (a NUL) is sent again as the bare id, so that every channel has the thread its visit opens.
      if (storeAck('chat thread reply', p, await send(p.text(4000), { threadRootId: root.message.id })))
        expect(await send(p.id, { threadRootId: root.message.id })).toMatchObject({ ok: true });
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `${p.text(200)}.pdf`);
      const upload = await server.request('POST', `/api/chat/channels/${channelId}/attachments`, { token: author.token, body: form });
      if (!store('chat attachment file name', p, upload, MALFORMED_FILE_NAME)) expect(await send(p.id, { attachmentIds: [upload.body.id] })).toMatchObject({ ok: true });
      socket.disconnect();
    }
    for (const { id, p } of channels) {
      await visit(reader, `/chat/${id}`, [p.id], 'chat channel', async (page) => {
        await page.getByRole('button', { name: /件の返信|repl/ }).first().click();
        await page.getByRole('complementary', { name: /スレッド|Thread/ }).getByTestId('chat-message').first().waitFor();
      });
    }
    await visit(reader, `/chat/search?q=${encodeURIComponent('__xss')}`, corpus.map((p) => p.id), 'chat search');
  }, LIMIT);

  it('names: the hostile display names in the administrators’ user list, API token names in theirs', async () => {
    await visit(admin, '/admin', corpus.map((p) => p.id), 'admin users');
    for (const p of corpus) store('API token name', p, await server.request('POST', '/api/api-tokens', { token: admin.token, json: { name: p.text(100), scopes: ['disasters'] } }));
    await visit(admin, '/admin/api-tokens', corpus.map((p) => p.id), 'admin API tokens');
  }, LIMIT);

  it('meetings: titles, places, agenda, minutes, decisions, document titles and file names, and one’s own memos', async () => {
    const pdf = await ordinaryPdf(1, 'Paper');
    const meetings: { id: string; documentId: string; p: XssPayload }[] = [];
    for (const [i, p] of corpus.entries()) {
      const create = (title: string, place: string, agenda: string) =>
        server.request('POST', '/api/meetings', {
          token: officer.token,
          json: {
            title,
            place,
            startsAt: new Date(Date.now() + 86_400_000 + i * 60_000).toISOString(),
            participantIds: [reader.user.id, hostile[i].user.id],
            agenda: [{ title: agenda }],
          },
        });
      let created = await create(p.text(200), p.text(200), p.text(200));
      if (store('meeting title + place + agenda item', p, created)) created = await create(p.id, p.id, p.id);
      const meetingId = created.body.id as string;
      const itemId = created.body.agenda[0].id as string;
      store(
        'meeting minutes + decisions',
        p,
        await server.request('PUT', `/api/meetings/${meetingId}/agenda/${itemId}/minutes`, { token: officer.token, json: { minutes: p.text(20000), decisions: p.text(5000) } }),
      );
      const upload = (title: string, name: string) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name);
        form.append('title', title);
        form.append('agendaItemId', itemId);
        return server.request('POST', `/api/meetings/${meetingId}/documents`, { token: officer.token, body: form });
      };
      let doc = await upload(p.text(200), `${p.text(190)}.pdf`);
      if (store('meeting document title + file name', p, doc, MALFORMED_FILE_NAME)) doc = await upload(p.id, `${p.id}.pdf`);
      expect(doc.status).toBe(201);
      store(
        'meeting memo (own notes)',
        p,
        await server.request('PUT', `/api/meetings/${meetingId}/documents/${doc.body.id}/notes/1`, {
          token: reader.token,
          json: { strokes: [], memos: [{ x: 0.2, y: 0.2, text: p.text(2000) }] },
        }),
      );
      meetings.push({ id: meetingId, documentId: doc.body.id, p });
    }
    await visit(reader, '/meetings', corpus.map((p) => p.id), 'meeting list');
    const presenter = await server.socket({ token: officer.token });
    for (const m of meetings) {
      await visit(reader, `/meetings/${m.id}`, [m.p.id], 'meeting page');
      expect(await emitAck(presenter, 'meeting:join', { meetingId: m.id })).toMatchObject({ ok: true });
      expect(await emitAck(presenter, 'meeting:present', { meetingId: m.id, documentId: m.documentId, page: 1 })).toMatchObject({ ok: true });
      await visit(reader, `/meetings/${m.id}/room`, [m.p.id], 'meeting room');
    }
    presenter.disconnect();
  }, LIMIT);

  it('disasters: titles, situation reports, urgent messages, guest names, roll-call places and notes, damage places and notes', async () => {
    const disasters: { id: string; p: XssPayload }[] = [];
    for (const [i, p] of corpus.entries()) {
      let declared = await server.request('POST', '/api/disasters', { token: admin.token, json: { title: p.text(80), kind: 'heavy_rain', level: 3, drill: true } });
      // The title also names the disaster's channel (【訓練】title（kind）, at most 80 characters): longer ones are refused.
      if (store('disaster title', p, declared, /^name: 1 to 80 characters$/)) declared = await server.request('POST', '/api/disasters', { token: admin.token, json: { title: p.id, kind: 'heavy_rain', drill: true } });
      const id = declared.body.id as string;
      disasters.push({ id, p });
      store('disaster situation report', p, await server.request('PUT', `/api/disasters/${id}/situation`, { token: admin.token, json: { body: p.text(10000), version: 0 } }));
      store('disaster urgent message', p, await server.request('POST', `/api/disasters/${id}/urgent`, { token: admin.token, json: { body: p.text(4000) } }));
      store(
        'disaster guest name',
        p,
        await server.request('POST', `/api/disasters/${id}/guests`, {
          token: admin.token,
          json: { displayName: p.text(94), organisation: '県', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
        }),
      );
      store(
        'disaster guest organisation',
        p,
        await server.request('POST', `/api/disasters/${id}/guests`, {
          token: admin.token,
          json: { displayName: '医師', organisation: p.text(94), expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
        }),
      );
      store(
        'disaster roll-call place + note',
        p,
        await server.request('PUT', `/api/disasters/${id}/roll-call`, {
          token: hostile[i].token,
          json: { safety: 'injured', attendance: 'unavailable', location: p.text(200), note: p.text(1000) },
        }),
      );
      store(
        'disaster damage place + note',
        p,
        await server.request('POST', `/api/disasters/${id}/damage-reports`, {
          token: hostile[i].token,
          json: { place: p.text(200), category: 'road', severity: 2, note: p.text(2000) },
        }),
      );
      expect((await server.request('POST', `/api/disasters/${id}/close`, { token: admin.token, json: {} })).status).toBe(200);
    }
    for (const [i, p] of corpus.entries())
      store(
        'disaster duty title + place',
        p,
        await server.request('POST', '/api/disaster-duties', {
          token: admin.token,
          json: { level: 5, group: 'other', title: p.text(200), place: p.text(200), assigneeId: hostile[i].user.id },
        }),
      );
    await visit(officer, '/disasters', corpus.map((p) => p.id), 'disaster list');
    await visit(officer, '/disasters/roster', corpus.map((p) => p.id), 'disaster duty plan');
    for (const { id, p } of disasters) {
      for (const tab of ['', '/urgent', '/roll-call', '/damage', '/guests']) await visit(officer, `/disasters/${id}${tab}`, [p.id], `disaster ${tab || 'overview'}`);
    }
  }, LIMIT);

  it('approvals: titles, bodies, attachment titles and file names, comments, read by the approver', async () => {
    const types = (await server.request<DocumentTypeView[]>('GET', '/api/approvals/types', { token: admin.token })).body;
    const general = types.find((x) => !x.hasAmount && x.active)!;
    // An administrator defines a document type per payload (name, English name, description, stage labels).
    const typeFor = async (p: XssPayload): Promise<string> => {
      const { id: _id, version: _version, ...definition } = general;
      const define = (text: (max: number) => string) =>
        server.request('POST', '/api/approvals/types', {
          token: admin.token,
          json: { ...definition, code: `xss-${p.id}`, name: text(100), nameEn: text(100), description: text(2000), stages: general.stages.map((st) => ({ ...st, label: text(100) })) },
        });
      let res = await define((max) => p.text(max));
      if (store('approval document type name + description + stage labels', p, res)) res = await define(() => p.id);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const pdf = await ordinaryPdf(1, 'Attachment');
    const approvals: { id: string; p: XssPayload }[] = [];
    let approver: string | undefined;
    for (const p of corpus) {
      const typeId = await typeFor(p);
      let draft = await server.request('POST', '/api/approvals', { token: reader.token, json: { typeId, title: p.text(200), body: p.text(50000) } });
      if (store('approval title + body', p, draft)) draft = await server.request('POST', '/api/approvals', { token: reader.token, json: { typeId, title: p.id, body: p.id } });
      const id = draft.body.id as string;
      const upload = async (title: string, name: string) => {
        const { version } = (await server.request('GET', `/api/approvals/${id}`, { token: reader.token })).body as { version: number };
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name);
        form.append('title', title);
        form.append('version', String(version));
        return server.request('POST', `/api/approvals/${id}/attachments`, { token: reader.token, body: form });
      };
      if (store('approval attachment title + file name', p, await upload(p.text(200), `${p.text(190)}.pdf`), MALFORMED_FILE_NAME)) await upload(p.id, `${p.id}.pdf`);
      const current = (await server.request('GET', `/api/approvals/${id}`, { token: reader.token })).body;
      const submitted = await server.request('POST', `/api/approvals/${id}/submit`, { token: reader.token, json: { version: current.version } });
      expect(submitted.status).toBe(200);
      store(
        'approval comment',
        p,
        await server.request('POST', `/api/approvals/${id}/actions`, { token: reader.token, json: { action: 'comment', version: submitted.body.version, comment: p.text(2000) } }),
      );
      const stage = (submitted.body.route as { afterDecision?: boolean; approvers: { userId: string }[] }[]).find((s) => !s.afterDecision && s.approvers.length > 0)!;
      approver ??= stage.approvers[0].userId;
      approvals.push({ id, p });
    }
    const users = (await server.request<{ id: string; username: string }[]>('GET', '/api/users', { token: admin.token })).body;
    const first = await server.login(users.find((u) => u.id === approver)!.username);
    await visit(first, '/approvals', corpus.map((p) => p.id), 'approval inbox');
    for (const { id, p } of approvals) await visit(first, `/approvals/${id}`, [p.id], 'approval page');
  }, LIMIT);

  it('surveys: titles, descriptions, sections, questions, choices, matrix rows, read by a respondent; free-text answers read by the survey administrator', async () => {
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const surveys: { id: string; p: XssPayload }[] = [];
    const survey = (p: XssPayload | null, text: (max: number) => string) => ({
      title: text(200),
      description: text(4000),
      anonymous: false,
      audience: { all: true },
      closesAt,
      sections: [{ key: 's1', title: text(200), description: text(1000) }],
      questions: [
        { key: 'single', section: 's1', type: 'single', text: text(1000), description: text(2000), options: [text(200), 'はい'] },
        { key: 'multi', section: 's1', type: 'multi', text: text(1000), options: ['いいえ', text(200)] },
        { key: 'grid', section: 's1', type: 'matrix', text: text(1000), items: [{ key: 'row', text: text(300) }] },
        { key: 'free', section: 's1', type: 'text', text: p ? text(1000) : '自由記述' },
      ],
    });
    for (const p of corpus) {
      let created = await server.request('POST', '/api/surveys', { token: surveyAdmin.token, json: survey(p, (max) => p.text(max)) });
      if (store('survey title, description, section, question, choice and matrix row texts', p, created))
        created = await server.request('POST', '/api/surveys', { token: surveyAdmin.token, json: survey(p, () => p.id) });
      expect((await server.request('POST', `/api/surveys/${created.body.id}/open`, { token: surveyAdmin.token, json: {} })).status).toBe(200);
      surveys.push({ id: created.body.id, p });
    }
    // Free-text answers: everyone of the corpus answers one survey, whose results then show them all (k = 5 is met).
    const bulk = await server.request('POST', '/api/surveys', { token: surveyAdmin.token, json: { ...survey(null, () => '自由記述の調査'), title: '自由記述の調査' } });
    expect((await server.request('POST', `/api/surveys/${bulk.body.id}/open`, { token: surveyAdmin.token, json: {} })).status).toBe(200);
    for (const [i, p] of corpus.entries()) {
      const answer = (free: string) => server.request('POST', `/api/surveys/${bulk.body.id}/responses`, { token: hostile[i].token, json: { answers: { free } } });
      if (store('survey free-text answer', p, await answer(p.text(2000)))) await answer(p.id);
    }
    await visit(reader, '/surveys', corpus.map((p) => p.id), 'my surveys');
    for (const { id, p } of surveys) await visit(reader, `/surveys/${id}`, [p.id], 'survey form');
    await visit(surveyAdmin, '/surveys/manage', corpus.map((p) => p.id), 'survey management');
    await visit(surveyAdmin, `/surveys/manage/${surveys[0].id}/results`, [surveys[0].p.id], 'survey results');
    await visit(surveyAdmin, `/surveys/manage/${bulk.body.id}/results`, corpus.map((p) => p.id), 'survey results');
  }, LIMIT);

  it('ran none of them, anywhere', () => {
    const fields = Object.keys(written).length;
    const writes = Object.values(written).reduce((n, c) => n + c.stored + c.refused, 0);
    const opened = Object.values(pages).reduce((n, c) => n + c, 0);
    report('stored-xss', {
      payloads: corpus.length,
      fields,
      writes,
      written,
      pagesOpened: opened,
      pages,
      payloadIdsShown: `${shown} of ${expected}`,
      executions: hits.length,
      injections: injections.length,
      seconds: Math.round((Date.now() - started) / 1000),
      hits: hits.slice(0, 20),
      injected: injections.slice(0, 20),
    });
    expect(hits).toEqual([]);
    expect(injections).toEqual([]);
    expect(corpus.length).toBeGreaterThanOrEqual(FULL ? 100 : SMALL_CORPUS_IDS.length);
  });
});

/** Runs in the page: markup no rendering of ours makes, i.e. what an injected value would leave behind. */
function findInjected(): string[] {
  const found: string[] = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcset', 'to', 'values'];
  const root = document.getElementById('root') ?? document.body;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    // (Forms are ours too: a <form> counts only by a script URL in its action, below.)
    if (['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'meta', 'link', 'style', 'math', 'template', 'noscript', 'marquee'].includes(tag))
      found.push(`<${tag}> ${el.outerHTML.slice(0, 120)}`);
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      // eslint-disable-next-line no-control-regex
      const value = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}] ${a.value.slice(0, 80)}`);
      else if (name === 'srcdoc') found.push(`${tag}[srcdoc]`);
      else if (urlAttributes.includes(name)) {
        const bad =
          /^(javascript|vbscript|data):/.test(value) && !(tag === 'img' && value.startsWith('data:image/') && !value.startsWith('data:image/svg')) ? 'script or data URL'
          : value.startsWith('//') || value.startsWith('/\\') ? 'protocol-relative URL'
          : value.includes('xss-sentinel') && name !== 'href' ? 'sentinel URL'
          : value.includes('evil.invalid') && name !== 'href' ? 'foreign URL'
          : '';
        if (bad) found.push(`${tag}[${name}] ${bad}: ${a.value.slice(0, 80)}`);
      } else if (name === 'style' && /url\(|expression\(/i.test(a.value)) found.push(`${tag}[style] ${a.value.slice(0, 80)}`);
    }
  }
  return found;
}
