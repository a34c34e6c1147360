import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, TestServer, type SignedIn } from '../support/test-server';
import { DESKTOP, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

/**
 * The personal home page on the demo data: unread mentions and channels, today's meetings, approvals waiting for me
 * and open surveys, each linking to its page; kind words for an empty block; during a drill, the disaster with my
 * roll-call status; the KPI tiles for administrators only.
 */
describe('the personal home page', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let sato: SignedIn;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    sato = await server.login('sato.somu');
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  it('shows what waits for 総務課長: mentions and unread channels, today’s meeting, approvals and surveys, each linked', async () => {
    // What the APIs say waits for him (the demo organisation), to compare with what the page shows.
    const channels: { id: string; unread: number; mentions: number; joined: boolean; archived: boolean }[] = (
      await server.request('GET', '/api/chat/channels', { token: sato.token })
    ).body;
    const unread = channels.filter((c) => c.joined && !c.archived && c.unread > 0);
    const mentions = unread.reduce((n, c) => n + c.mentions, 0);
    expect(mentions).toBeGreaterThan(0); // the demo's @sato.somu in 防災
    const inbox = (await server.request('GET', '/api/approvals/inbox', { token: sato.token })).body;
    const waiting: { id: string; title: string }[] = [...inbox.waiting, ...inbox.reviews];
    expect(waiting.length).toBeGreaterThan(0);
    const surveys: { id: string; title: string; answered: boolean }[] = (
      await server.request('GET', '/api/surveys/mine', { token: sato.token })
    ).body;
    const open = surveys.filter((s) => !s.answered);
    expect(open.length).toBeGreaterThan(0);

    const { context, page } = await signIn(browser, server, 'sato.somu', DESKTOP);
    const chat = page.getByTestId('home-chat');
    await chat
      .getByTestId('home-mentions')
      .filter({ hasText: `あなた宛てのメンション ${mentions}件` })
      .waitFor();
    await chat.getByText(`未読のあるチャンネル ${unread.length}件`).waitFor();
    expect(await chat.getByTestId('home-channel').count()).toBe(Math.min(5, unread.length));

    const meetings = page.getByTestId('home-meetings');
    const weekly = meetings.getByTestId('home-meeting').filter({ hasText: '総務課 定例ミーティング' });
    await weekly.waitFor();
    expect(await weekly.locator('time').textContent()).toBe('16:00–16:30');

    const approvals = page.getByTestId('home-approvals');
    await approvals.getByTestId('home-approval').first().waitFor();
    expect(await approvals.getByTestId('home-approval').count()).toBe(Math.min(5, waiting.length));
    await approvals.getByTestId('home-approval').filter({ hasText: waiting[0].title }).waitFor();

    const surveysBlock = page.getByTestId('home-surveys');
    await surveysBlock.getByTestId('home-survey').filter({ hasText: open[0].title }).waitFor();

    // No disaster today: no disaster block. 総務課長 is no administrator: no KPI tiles.
    expect(await page.getByTestId('home-disaster').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'DX推進の指標' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home-desktop.png'), fullPage: true });
    for (const [name, viewport] of [
      ['tablet-landscape', TABLET_LANDSCAPE],
      ['tablet-portrait', TABLET_PORTRAIT],
    ] as const) {
      await page.setViewportSize(viewport);
      // The menu slides away below the desktop width: the picture is taken once it has.
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      // Every block stays within the screen's width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `home-${name}.png`), fullPage: true });
    }

    // Each block opens its page: the mentioned channel, the approval, the survey, the meeting.
    const firstChannel = unread.sort((a, b) => b.mentions - a.mentions || b.unread - a.unread)[0];
    await chat.getByTestId('home-channel').first().click();
    await page.waitForURL(`**/chat/${firstChannel.id}`);
    await page.goBack();
    await approvals.getByTestId('home-approval').filter({ hasText: waiting[0].title }).click();
    await page.waitForURL(`**/approvals/${waiting[0].id}`);
    await page.goBack();
    await surveysBlock.getByTestId('home-survey').filter({ hasText: open[0].title }).click();
    await page.waitForURL(`**/surveys/${open[0].id}`);
    await page.goBack();
    await weekly.click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await context.close();
  });

  it('says kindly that an empty block has nothing, and shows the KPI tiles to an administrator', async () => {
    const admin = await server.login('admin');
    const [dept] = await server.query(`SELECT id FROM departments WHERE code <> '' ORDER BY sort_order DESC LIMIT 1`);
    const created = await server.request('POST', '/api/users', {
      token: admin.token,
      json: {
        username: 'new.face',
        displayName: '新人 一郎',
        password: DEMO_PASSWORD,
        departmentId: dept.id,
        roles: ['staff', 'admin'],
      },
    });
    expect(created.status).toBe(201);
    const { context, page } = await signIn(browser, server, 'new.face', DESKTOP);
    await page.getByTestId('home-meetings').getByTestId('home-empty').filter({ hasText: '今日の会議はありません。' }).waitFor();
    await page
      .getByTestId('home-approvals')
      .getByTestId('home-empty')
      .filter({ hasText: 'いま決裁を待っている案件はありません。' })
      .waitFor();
    await page
      .getByTestId('home-surveys')
      .getByTestId('home-empty')
      .filter({ hasText: '回答を待っているアンケートはありません。' })
      .waitFor();
    // The next meeting he is invited to is none of today's: no line for it. The KPI tiles: he is an administrator.
    await page.getByRole('heading', { name: 'DX推進の指標' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home-empty.png'), fullPage: true });
    await context.close();
  });

  it('shows a drill with my roll-call status and a button to answer, live', async () => {
    const { context, page } = await signIn(browser, server, 'suzuki.somu', TABLET_LANDSCAPE);
    await page.getByTestId('home-chat').waitFor();
    const declared = await server.request('POST', '/api/disasters', {
      token: sato.token,
      json: { title: '総合防災訓練（地震）', kind: 'earthquake', level: 3, drill: true },
    });
    expect(declared.status).toBe(201);
    const block = page.getByTestId('home-disaster');
    await block.filter({ hasText: '総合防災訓練（地震）' }).waitFor();
    expect(await block.getAttribute('data-answered')).toBe('false');
    await block.getByText('まだ安否を回答していません。').waitFor();
    await block.getByText('訓練', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home-drill.png'), fullPage: true });
    await block.getByTestId('home-answer-roll-call').click();
    await page.waitForURL(`**/disasters/${declared.body.id}/roll-call`);

    const suzuki = await server.login('suzuki.somu');
    const answer = await server.request('PUT', `/api/disasters/${declared.body.id}/roll-call`, {
      token: suzuki.token,
      json: { safety: 'safe', attendance: 'available' },
    });
    expect(answer.status).toBe(200);
    await page.goto(server.url);
    await block.filter({ hasText: '安否を回答済み：無事・参集可' }).waitFor();
    expect(await block.getAttribute('data-answered')).toBe('true');
    await block.getByRole('link', { name: '回答を変更する' }).waitFor();

    // Closed: the block goes.
    expect((await server.request('POST', `/api/disasters/${declared.body.id}/close`, { token: sato.token })).status).toBe(200);
    await block.waitFor({ state: 'detached' });
    await context.close();
  });
});
