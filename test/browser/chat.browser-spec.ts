import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestServer } from '../support/test-server';
import { SCREENSHOT_DIR, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

/** Messages with exactly this text shown in the channel list (sent ones, not pending copies). */
async function countShown(page: Page, text: string): Promise<number> {
  return page.getByTestId('chat-message').filter({ hasText: text }).count();
}

async function waitShownOnce(page: Page, text: string): Promise<void> {
  await page.getByTestId('chat-message').filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
  expect(await countShown(page, text)).toBe(1);
}

describe('chat in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let channelId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    const [sato, suzuki] = [await server.login('sato.somu'), await server.login('suzuki.somu')];
    const res = await server.request('POST', '/api/chat/channels', {
      token: sato.token,
      json: { name: '台風対応チーム', type: 'private', memberIds: [suzuki.user.id] },
    });
    channelId = res.body.id;
  });
  afterAll(async () => {
    await closeBrowser();
    await server.close();
  });

  it('two people chat; one goes offline, sends, comes back: both see every message exactly once', async () => {
    const a = await signIn(browser, server, 'sato.somu');
    const b = await signIn(browser, server, 'suzuki.somu');
    for (const p of [a.page, b.page]) {
      await p.goto(`${server.url}/chat/${channelId}`);
      await p.getByRole('heading', { name: /台風対応チーム/ }).waitFor();
    }
    await a.page.getByTestId('chat-composer').fill('@suzuki.somu さん、**台風**の準備をお願いします');
    await a.page.getByTestId('chat-composer').press('Enter');
    await waitShownOnce(b.page, '台風の準備をお願いします');
    await b.page.locator('.chat-mention[data-me]').first().waitFor();

    await b.context.setOffline(true);
    await b.page.getByTestId('chat-composer').fill('オフライン中に送信します');
    await b.page.getByTestId('chat-composer').press('Enter');
    await b.page.getByTestId('chat-message-pending').filter({ hasText: 'オフライン中に送信します' }).waitFor();
    await a.page.getByTestId('chat-composer').fill('安否確認: 総務課は全員無事です');
    await a.page.getByTestId('chat-composer').press('Enter');
    await waitShownOnce(a.page, '安否確認: 総務課は全員無事です');
    await b.page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-offline-pending.png') });

    await b.context.setOffline(false);
    for (const p of [a.page, b.page]) {
      await waitShownOnce(p, 'オフライン中に送信します');
      await waitShownOnce(p, '安否確認: 総務課は全員無事です');
      expect(await countShown(p, '台風の準備をお願いします')).toBe(1);
    }
    await b.page.getByTestId('chat-message-pending').waitFor({ state: 'detached' });
    // The order is the server's (seq) order in both windows.
    const order = async (p: Page) =>
      (await p.getByTestId('chat-message').allTextContents()).map((x) =>
        x.includes('オフライン') ? 'b' : x.includes('安否') ? 'a2' : x.includes('台風') ? 'a1' : '?',
      );
    expect(await order(a.page)).toEqual(await order(b.page));
    // Raw HTML in a message is shown as text, never rendered.
    await a.page.getByTestId('chat-composer').fill('<img src=x onerror="document.title=1"> と入力しました');
    await a.page.getByTestId('chat-composer').press('Enter');
    await waitShownOnce(b.page, 'と入力しました');
    expect(await b.page.locator('.chat-body img').count()).toBe(0);
    await a.page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-desktop.png') });
    // The message survives in storage only until acknowledged: nothing left in the outbox.
    const outbox = `Object.keys(localStorage).filter((k) => k.startsWith('yakuba.chat.outbox')).map((k) => JSON.parse(localStorage.getItem(k) ?? '[]').length)`;
    expect(await b.page.evaluate(outbox)).toEqual([0]);
    await a.context.close();
    await b.context.close();
  });

  it('replies in a thread and attaches an image with a progress bar', async () => {
    const a = await signIn(browser, server, 'sato.somu');
    const b = await signIn(browser, server, 'suzuki.somu');
    for (const p of [a.page, b.page]) await p.goto(`${server.url}/chat/${channelId}`);
    const root = a.page.getByTestId('chat-message').filter({ hasText: '安否確認: 総務課は全員無事です' });
    await root.hover();
    await root.getByRole('button', { name: '返信' }).click();
    const thread = a.page.getByRole('complementary', { name: 'スレッド' });
    await thread.getByRole('textbox').fill('企画課も全員無事です');
    await thread.getByRole('textbox').press('Enter');
    await b.page.getByRole('button', { name: /1件の返信/ }).waitFor();
    // The reply stays in the thread, not in the channel list.
    expect(await countShown(b.page, '企画課も全員無事です')).toBe(0);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
    await a.page.locator('.chat-main input[type=file]').setInputFiles({ name: '被害状況.png', mimeType: 'image/png', buffer: png });
    await a.page.locator('.chat-main .chat-chip').filter({ hasText: '被害状況.png' }).waitFor();
    await a.page.locator('.chat-main').getByTestId('chat-composer').fill('被害状況の写真です');
    await a.page.locator('.chat-main').getByTestId('chat-composer').press('Enter');
    await b.page.getByTestId('chat-message').filter({ hasText: '被害状況の写真です' }).locator('img[alt="被害状況.png"]').waitFor();
    await a.page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-thread.png') });
    await a.context.close();
    await b.context.close();
  });

  it('searches Japanese words and is usable on a tablet in portrait', async () => {
    const { context, page } = await signIn(browser, server, 'sato.somu', TABLET_PORTRAIT);
    await page.goto(`${server.url}/chat/search`);
    await page.getByTestId('chat-search-input').fill('災害');
    await page.getByTestId('chat-search-input').press('Enter');
    await page.getByTestId('chat-search-result').first().waitFor();
    expect(await page.locator('.chat-search-results mark').first().textContent()).toBe('災害');
    await page.goto(`${server.url}/chat/${channelId}`);
    await page.getByTestId('chat-composer').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-tablet-portrait.png') });
    await context.close();
  });
});
