import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApprovalView, DocumentTypeView, InboxCounts, RoutePreviewView } from '@yakuba/contracts';
import { TestServer, type SignedIn } from '../support/test-server';
import { DESKTOP, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

const DRAFTER = 'takahashi.somu';
/** The menu badge shows this number (none at all for 0). */
const badgeShows = (page: Page, n: number) =>
  n === 0
    ? page.getByTestId('approvals-badge').waitFor({ state: 'detached', timeout: 15000 })
    : page
        .getByTestId('approvals-badge')
        .filter({ hasText: new RegExp(`^${n}$`) })
        .waitFor({ timeout: 15000 });

describe('電子決裁 in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let drafterApi: SignedIn;
  let usernames: Map<string, string>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    drafterApi = await server.login(DRAFTER);
    const admin = await server.login('admin');
    const users = await server.request<{ id: string; username: string }[]>('GET', '/api/users', { cookie: admin.cookie });
    usernames = new Map(users.body.map((u) => [u.id, u.username]));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await closeBrowser?.();
    await server.close();
  });

  const open = async (username: string, viewport = TABLET_LANDSCAPE) => {
    const session = await signIn(browser, server, username, viewport);
    contexts.push(session.context);
    session.page.on('dialog', (d) => void d.accept());
    return session.page;
  };
  /** Later approvers: the session cookie of an API sign-in, straight onto their page (the sign-in page is tested above). */
  const openWithSession = async (username: string, viewport = DESKTOP) => {
    const signed = await server.login(username);
    const [name, value] = [signed.cookie.slice(0, signed.cookie.indexOf('=')), signed.cookie.slice(signed.cookie.indexOf('=') + 1)];
    const context = await browser.newContext({ viewport, locale: 'ja-JP' });
    contexts.push(context);
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    return page;
  };
  const approval = async (id: string) =>
    (await server.request<ApprovalView>('GET', `/api/approvals/${id}`, { cookie: drafterApi.cookie })).body;

  it('drafts and submits on a tablet, the approver sees the badge go up live and approves, the final approver decides, the drafter opens the decided PDF', async () => {
    // A type without an amount, and who its route reaches first (the preview the drafting screen shows too).
    const types = (await server.request<DocumentTypeView[]>('GET', '/api/approvals/types', { cookie: drafterApi.cookie })).body;
    const type = types.find((x) => !x.hasAmount && x.active) ?? types[0]!;
    const preview = (
      await server.request<RoutePreviewView>('POST', '/api/approvals/route-preview', {
        cookie: drafterApi.cookie,
        json: { typeId: type.id },
      })
    ).body;
    const firstStage = preview.route.find((s) => !s.afterDecision && s.approvers.length > 0)!;
    const firstApprover = usernames.get(firstStage.approvers[0]!.userId)!;

    // The first approver waits on the inbox; the badge shows what already waited.
    const approverPage = await open(firstApprover, TABLET_LANDSCAPE);
    await approverPage.goto(`${server.url}/approvals`);
    await approverPage.getByRole('tablist').waitFor();
    await approverPage.waitForLoadState('networkidle');
    const counts = await server.request<InboxCounts>('GET', '/api/approvals/inbox/counts', {
      cookie: (await server.login(firstApprover)).cookie,
    });
    const before = counts.body.waiting + counts.body.reviews;
    await badgeShows(approverPage, before);

    // The drafter writes the draft on a portrait tablet: the route resolves before submitting.
    const drafter = await open(DRAFTER, TABLET_PORTRAIT);
    // On a portrait tablet the menu is a drawer.
    await drafter.getByRole('button', { name: 'メニュー' }).click();
    await drafter.getByRole('navigation', { name: 'main' }).getByRole('link', { name: /決裁/ }).click();
    await drafter.getByTestId('new-draft').click();
    await drafter.getByTestId('draft-type').selectOption(type.id);
    await drafter.getByTestId('draft-title').fill('庁用車の更新について（画面テスト）');
    await drafter
      .getByTestId('draft-body')
      .fill('老朽化した庁用車1台を更新したいので、伺います。\n\n1 更新する車両　公用車3号\n2 理由　走行距離20万km超');
    await drafter.getByTestId('route-decider').waitFor();
    await drafter.getByTestId('route').locator('li').first().waitFor();
    expect(await drafter.getByTestId('route').locator('li').count()).toBe(preview.route.length);
    const overflow = await drafter.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await drafter.screenshot({ path: join(SCREENSHOT_DIR, 'approvals-draft-portrait.png'), fullPage: true });
    await drafter.getByTestId('draft-submit').click();
    await drafter.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
    const id = drafter.url().split('/').pop()!;
    await drafter.locator('[data-testid="approval-page"][data-status="in_progress"]').waitFor();

    // Live: the approver's badge goes up without a reload and the draft is in 未決.
    await badgeShows(approverPage, before + 1);
    const row = approverPage.locator(`[data-testid="approval-row"][data-id="${id}"]`);
    await row.waitFor();
    await approverPage.screenshot({ path: join(SCREENSHOT_DIR, 'approvals-inbox-landscape.png') });
    await row.getByRole('link').click();
    await approverPage.getByTestId('seal-box').waitFor();
    await approverPage.getByTestId('action-approve').click();
    await approverPage.getByTestId('action-confirm').click();
    await approverPage.getByRole('status').filter({ hasText: '処理しました' }).waitFor();
    await approverPage.locator('[data-testid="seal-cell"][data-state="approved"] svg').first().waitFor();
    await approverPage.screenshot({ path: join(SCREENSHOT_DIR, 'approvals-detail-landscape.png'), fullPage: true });

    // Everyone after them on the route approves in turn, each in their own browser; the last one decides.
    const pages = new Map<string, Page>([[firstApprover, approverPage]]);
    for (let guard = 0; guard < 12; guard++) {
      const current = await approval(id);
      if (current.status !== 'in_progress') break;
      const active = current.route.find((s) => s.state === 'active')!;
      const waiting = active.approvers.find((a) => a.state === 'waiting')!;
      const username = usernames.get(waiting.userId)!;
      let page = pages.get(username);
      if (!page) pages.set(username, (page = await openWithSession(username, DESKTOP)));
      await page.goto(`${server.url}/approvals/${id}`);
      await page.locator(`[data-testid="approval-page"][data-version="${current.version}"]`).waitFor();
      await page.getByTestId('action-approve').click();
      await page.getByTestId('action-confirm').click();
      await page.getByRole('status').filter({ hasText: '処理しました' }).waitFor();
    }
    const decided = await approval(id);
    expect(decided.status).toBe('decided');
    expect(decided.documentNumber).toBeTruthy();

    // The drafter's open page follows on its own: decided, numbered, every seal in the 決裁欄; the PDF opens.
    await drafter.locator('[data-testid="approval-page"][data-status="decided"]').waitFor({ timeout: 15000 });
    await drafter.getByTestId('document-number').filter({ hasText: decided.documentNumber! }).waitFor();
    const approvedSeals = decided.route.flatMap((s) => s.approvers).filter((a) => a.state === 'approved').length;
    expect(await drafter.locator('[data-testid="seal-cell"][data-state="approved"] svg').count()).toBe(approvedSeals);
    await drafter.screenshot({ path: join(SCREENSHOT_DIR, 'approvals-decided-portrait.png'), fullPage: true });

    const pdfResponse = drafter.waitForResponse((r) => r.url().endsWith(`/api/approvals/${id}/pdf`));
    await drafter.getByTestId('open-decided-pdf').click();
    const res = await pdfResponse;
    expect(res.ok()).toBe(true);
    expect(res.headers()['content-type']).toContain('application/pdf');
    await drafter.locator('[data-testid="viewer-page"][data-page="1"][data-rendered="yes"]').waitFor({ timeout: 20000 });
    const head = await drafter.evaluate<string>(
      `fetch('/api/approvals/${id}/pdf').then((r) => r.arrayBuffer()).then((b) => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))`,
    );
    expect(head).toBe('%PDF-');
    await drafter.screenshot({ path: join(SCREENSHOT_DIR, 'approvals-pdf-portrait.png') });
  });

  it('answers a stale action with the conflict message and a reload (two approvers on one draft)', async () => {
    const types = (await server.request<DocumentTypeView[]>('GET', '/api/approvals/types', { cookie: drafterApi.cookie })).body;
    const type = types.find((x) => !x.hasAmount && x.active) ?? types[0]!;
    const created = await server.request<ApprovalView>('POST', '/api/approvals', {
      cookie: drafterApi.cookie,
      json: { typeId: type.id, title: '二重処理の確認', body: '先に処理した人が勝つこと。' },
    });
    const submitted = await server.request<ApprovalView>('POST', `/api/approvals/${created.body.id}/submit`, {
      cookie: drafterApi.cookie,
      json: { version: created.body.version },
    });
    const active = submitted.body.route.find((s) => s.state === 'active')!;
    const username = usernames.get(active.approvers.find((a) => a.state === 'waiting')!.userId)!;
    const page = await openWithSession(username, TABLET_PORTRAIT);
    await page.goto(`${server.url}/approvals/${created.body.id}`);
    // The dialog is open when the same person approves from another device.
    await page.getByTestId('action-approve').click();
    await page.getByTestId('action-confirm').waitFor();
    const other = await server.login(username);
    const first = await server.request('POST', `/api/approvals/${created.body.id}/actions`, {
      cookie: other.cookie,
      json: { action: 'approve', version: submitted.body.version },
    });
    expect(first.status).toBe(200);
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('conflict').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'approvals-conflict-portrait.png') });
    await page.getByRole('button', { name: '最新を読み込む' }).click();
    await page.locator(`[data-testid="approval-page"][data-version="${first.body.version}"]`).waitFor();
  });
});
