import type { Browser } from 'playwright-core';
import { Client } from 'pg';
import { DEMO_PASSWORD, TestServer } from '../support/test-server';
import { DESKTOP, launchBrowser } from './support/browser';

/** Dates and times are the town hall's (Asia/Tokyo) on a device whose clock is set to another zone. */
describe('time in the town’s time zone', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let channelId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    const sato = await server.login('sato.somu');
    const suzuki = await server.login('suzuki.somu');
    channelId = (
      await server.request('POST', '/api/chat/channels', { token: sato.token, json: { name: '時刻の確認', type: 'private', memberIds: [suzuki.user.id] } })
    ).body.id;
    const socket = await server.socket({ token: sato.token });
    const ack = await socket.timeout(10000).emitWithAck('chat:send', { channelId, clientMsgId: 'tz-1', body: '夜の連絡です' });
    expect(ack.ok).toBe(true);
    // Sent at 23:30 UTC on 30 November 2026: in Tokyo, 8:30 on 1 December.
    const db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    await db.query(`UPDATE chat_messages SET created_at = '2026-11-30T23:30:00Z' WHERE id = $1`, [ack.message.id]);
    await db.end();
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server.close();
  });

  it('shows a message sent at 23:30 UTC as 8:30 the next day on a browser set to UTC, and 和暦 once chosen', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'ja-JP', timezoneId: 'UTC' });
    const page = await context.newPage();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    await page.goto(`${server.url}/chat/${channelId}`);
    await page.getByLabel('ユーザー名').fill('suzuki.somu');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    const stamp = page.locator('time[datetime="2026-11-30T23:30:00.000Z"]');
    await stamp.waitFor({ timeout: 20000 });
    expect(await stamp.textContent()).toBe('2026/12/01 8:30');

    // 和暦, chosen on the account page, for this browser.
    await page.locator('a[href="/profile"]').click();
    await page.getByRole('combobox', { name: '日付の表記' }).selectOption('wareki');
    await page.getByTestId('date-example').filter({ hasText: /令和\d+年\d+月\d+日/ }).waitFor();
    await page.goto(`${server.url}/chat/${channelId}`);
    await stamp.waitFor();
    expect(await stamp.textContent()).toBe('令和8年12月1日 8:30');
    await context.close();
  });
});
