import type { Browser, Request } from 'playwright-core';
import { demoPaper } from '../../libs/meetings/src/seed/demo-papers';
import { uploadPdf } from '../meetings/support/meetings-client';
import { DEMO_PASSWORD, TestServer, type SignedIn } from '../support/test-server';
import { TABLET_LANDSCAPE, launchBrowser } from './support/browser';

const IMMUTABLE = 'public, max-age=31536000, immutable';

// Twelve pages of a demo-style paper (Japanese fonts named, not embedded: pdf.js needs its CMaps and our Noto faces).
const PAGES = [
  ['予算編成方針', '歳入の見通しと歳出の抑制について'],
  ['人口動態', '転入・転出と出生数の推移'],
  ['防災計画', '避難所の指定と備蓄品の更新'],
  ['道路維持', '町道の舗装補修と橋梁点検'],
  ['上下水道', '老朽管の更新計画と料金改定'],
  ['子育て支援', '保育所の定員と放課後児童クラブ'],
  ['高齢者福祉', '地域包括支援センターの体制'],
  ['観光振興', '温泉街の賑わい創出と宿泊者数'],
  ['農林業', '鳥獣被害対策と担い手の育成'],
  ['教育', '小中学校の統合と通学バス'],
  ['情報化', '電子申請の拡充と窓口の書かない化'],
  ['財政指標', '経常収支比率と実質公債費比率'],
].map(([heading, line]) => ({ heading, lines: [line, `${heading}の概要は別紙のとおり。`] }));

/** What one session asked for: every URL and how often, the responses' Cache-Control, in the order asked. */
function recordRequests(page: import('playwright-core').Page) {
  const asked = new Map<string, number>();
  const cacheControl = new Map<string, string>();
  const onRequest = (r: Request) => asked.set(r.url(), (asked.get(r.url()) ?? 0) + 1);
  page.on('request', onRequest);
  page.on('response', (r) => cacheControl.set(r.url(), r.headers()['cache-control'] ?? ''));
  return { asked, cacheControl };
}

describe('meeting room assets (pdf.js, fonts, the client) are fetched once per session and cached for good', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let presenter: SignedIn;
  let meetingId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    presenter = await server.login('sato.somu');
    // The demo 庁議 (sato.somu organises and presents), with a longer paper of the same make.
    const meetings = (await server.request('GET', '/api/meetings', { token: presenter.token })).body as { id: string; title: string }[];
    meetingId = meetings.find((m) => m.title.includes('庁議'))!.id;
    const upload = await uploadPdf(server, presenter, meetingId, await demoPaper('令和8年度 予算編成の概要', PAGES), { title: '予算編成の概要' });
    expect(upload.status).toBe(201);
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server.close();
  });

  it('opens a demo meeting room and turns ten pages with at most one request per asset, all immutable', async () => {
    const context = await browser.newContext({ viewport: TABLET_LANDSCAPE, locale: 'ja-JP', hasTouch: true });
    const page = await context.newPage();
    const { asked, cacheControl } = recordRequests(page);
    const sheet = (n: number) => page.locator(`[data-testid="viewer-page"][data-page="${n}"][data-rendered="yes"]`);

    // The room's address first: the sign-in form shows in its place, then the room (one page load in all).
    await page.goto(`${server.url}/meetings/${meetingId}/room`);
    await page.getByLabel('ユーザー名').fill('sato.somu');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await sheet(1).waitFor({ timeout: 20000 });
    await page.getByRole('combobox', { name: '資料' }).selectOption({ label: '予算編成の概要' });
    await page.locator('[data-testid="viewer-page"][data-page="1"][data-rendered="yes"]').waitFor({ timeout: 20000 });
    for (let n = 2; n <= 11; n++) {
      await page.getByTestId('next-page').click();
      await sheet(n).waitFor({ timeout: 15000 });
    }
    // The Japanese glyphs on each page were asked for before it was drawn: nothing is still on its way.
    await page.waitForLoadState('networkidle');

    const origin = server.url;
    const entries = [...asked].map(([url, count]) => ({ path: url.slice(origin.length), count }));
    const assets = entries.filter((e) => !e.path.startsWith('/api/') && !e.path.startsWith('/socket.io/') && e.path !== `/meetings/${meetingId}/room`);
    const repeated = assets.filter((e) => e.count > 1);
    expect(repeated).toEqual([]);
    // Hashed client files, pdf.js's worker and data (CMaps, standard fonts under the pdf.js version), the fonts.
    expect(assets.some((e) => e.path.startsWith('/assets/') && e.path.endsWith('.js'))).toBe(true);
    expect(assets.some((e) => /^\/assets\/noto-sans-jp-.*\.woff2$/.test(e.path))).toBe(true);
    expect(assets.some((e) => /^\/assets\/pdf\.worker[^/]*\.mjs$/.test(e.path))).toBe(true);
    expect(assets.some((e) => /^\/pdfjs\/\d+\.\d+\.\d+\/cmaps\/.+\.bcmap$/.test(e.path))).toBe(true);
    for (const e of assets.filter((a) => a.path.startsWith('/assets/') || a.path.startsWith('/pdfjs/'))) {
      expect({ path: e.path, cacheControl: cacheControl.get(`${origin}${e.path}`) }).toEqual({ path: e.path, cacheControl: IMMUTABLE });
    }
    // The page itself is asked again every time (a new release's index.html names new hashed files).
    expect(cacheControl.get(`${origin}/meetings/${meetingId}/room`)).toBe('no-cache');

    // Page turns ask the API for little: the paper once (its bytes, maybe in ranges), no request per page turn.
    const api = entries.filter((e) => e.path.startsWith('/api/'));
    const paperRequests = api.filter((e) => /\/documents\/[^/]+\/view/.test(e.path)).reduce((n, e) => n + e.count, 0);
    expect(paperRequests).toBeLessThanOrEqual(3);
    const apiTotal = api.reduce((n, e) => n + e.count, 0);
    expect(apiTotal).toBeLessThan(30);
    await context.close();
  });
});
