import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, TestServer } from '../support/test-server';
import { DESKTOP, launchBrowser } from './support/browser';

/**
 * Dates and times are the town hall's (the server's TIME_ZONE, Asia/Tokyo by default) on a device whose clock is set
 * to another zone; 和暦, chosen on the account page, follows the account to another device.
 */
describe('time in the town’s time zone', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let channelId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    channelId = await nightMessage(server);
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server.close();
  });

  it('shows a message sent at 23:30 UTC as 8:30 the next day on browsers set to UTC and to New York', async () => {
    for (const timezoneId of ['UTC', 'America/New_York']) {
      const page = await signedInAt(browser, server, 'suzuki.somu', timezoneId, `/chat/${channelId}`);
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
      const stamp = page.locator(`time[datetime="${NIGHT}"]`);
      await stamp.waitFor({ timeout: 20000 });
      expect(await stamp.textContent()).toBe('2026/12/01 8:30');
      await page.locator('a[href="/profile"]').click();
      await page.getByTestId('time-zone').filter({ hasText: 'タイムゾーン：Asia/Tokyo' }).waitFor();
      await page.context().close();
    }
  });

  it('keeps 和暦 with the account: chosen on one device, shown on another', async () => {
    const page = await signedInAt(browser, server, 'suzuki.somu', 'UTC', `/chat/${channelId}`);
    const stamp = page.locator(`time[datetime="${NIGHT}"]`);
    await stamp.waitFor({ timeout: 20000 });
    expect(await stamp.textContent()).toBe('2026/12/01 8:30');
    await page.locator('a[href="/profile"]').click();
    await page.getByRole('combobox', { name: '日付の表記' }).selectOption('wareki');
    await page
      .getByTestId('date-example')
      .filter({ hasText: /令和\d+年\d+月\d+日/ })
      .waitFor();
    await page.getByText('このアカウントの設定として保存しました').waitFor();
    await page.goto(`${server.url}/chat/${channelId}`);
    await stamp.waitFor();
    expect(await stamp.textContent()).toBe('令和8年12月1日 8:30');
    await page.context().close();

    // Another device (a fresh browser profile, nothing in its storage), another zone: the account's 和暦.
    const tablet = await signedInAt(browser, server, 'suzuki.somu', 'America/New_York', `/chat/${channelId}`);
    const onTablet = tablet.locator(`time[datetime="${NIGHT}"]`);
    await onTablet.waitFor({ timeout: 20000 });
    expect(await onTablet.textContent()).toBe('令和8年12月1日 8:30');
    expect(await tablet.evaluate(() => localStorage.getItem('yakuba.dateStyle'))).toBeNull();
    await tablet.context().close();
  });

  it('shows the zone the server is configured with: TIME_ZONE=America/New_York gives New York’s clock', async () => {
    const newYork = await TestServer.start({ TIME_ZONE: 'America/New_York' });
    try {
      const id = await nightMessage(newYork);
      // A browser in Tokyo: still the organisation's clock, 18:30 on 30 November in New York.
      const page = await signedInAt(browser, newYork, 'suzuki.somu', 'Asia/Tokyo', `/chat/${id}`);
      const stamp = page.locator(`time[datetime="${NIGHT}"]`);
      await stamp.waitFor({ timeout: 20000 });
      expect(await stamp.textContent()).toBe('2026/11/30 18:30');
      await page.locator('a[href="/profile"]').click();
      await page.getByTestId('time-zone').filter({ hasText: 'タイムゾーン：America/New_York' }).waitFor();
      await page.context().close();
    } finally {
      await newYork.close();
    }
  });
});

const NIGHT = '2026-11-30T23:30:00.000Z';

/** A browser whose clock is set to `timezoneId`, signed in through the sign-in page of `path`. */
async function signedInAt(browser: Browser, server: TestServer, username: string, timezoneId: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ja-JP', timezoneId });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  return page;
}

/** A private channel of two with one message, sent at 23:30 UTC on 30 November 2026 (8:30 on 1 December in Tokyo). */
async function nightMessage(server: TestServer): Promise<string> {
  const sato = await server.login('sato.somu');
  const suzuki = await server.login('suzuki.somu');
  const channelId: string = (
    await server.request('POST', '/api/chat/channels', {
      token: sato.token,
      json: { name: '時刻の確認', type: 'private', memberIds: [suzuki.user.id] },
    })
  ).body.id;
  const socket = await server.socket({ token: sato.token });
  const ack = await socket.timeout(10000).emitWithAck('chat:send', { channelId, clientMsgId: 'tz-1', body: '夜の連絡です' });
  expect(ack.ok).toBe(true);
  await server.query(`UPDATE chat_messages SET created_at = $2 WHERE id = $1`, [ack.message.id, NIGHT]);
  return channelId;
}
