import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { emitAck, TestServer, type SignedIn } from '../support/test-server';
import { DESKTOP, SCREENSHOT_DIR, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

/**
 * Search that finds and the chat details of issue #14 in a real browser: a result deep in history opens at its
 * message, highlighted; Enter and Escape in an edit; the bundled emoji picker; 既読 with who has not read yet;
 * department mentions offered; important channels apart; the composer's placeholder on a tablet.
 */
const DEEP_SEQ = 30;
const TOTAL = 260;

/**
 * A message's action (shown on hover). The list measures its rows as they draw, which can move a row from under the
 * pointer: hover again until the action shows.
 */
async function messageAction(message: Locator, name: string): Promise<Locator> {
  const button = message.getByRole('button', { name, exact: true });
  for (let attempt = 0; ; attempt++) {
    await message.scrollIntoViewIfNeeded();
    await message.hover();
    try {
      await button.waitFor({ state: 'visible', timeout: 3000 });
      return button;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

async function openChannel(page: Page, server: TestServer, channelId: string, name: RegExp): Promise<void> {
  await page.goto(`${server.url}/chat/${channelId}`);
  await page.getByRole('heading', { name }).waitFor();
}

describe('chat: search click-through and details in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let channelId: string;
  const u: Record<string, SignedIn> = {};
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    for (const name of ['sato.somu', 'suzuki.somu', 'takahashi.somu', 'tanaka.kikaku', 'ito.kikaku'])
      u[name.split('.')[0]] = await server.login(name);
    const res = await server.request('POST', '/api/chat/channels', {
      token: u.sato.token,
      json: { name: '防災担当者会議', type: 'private', memberIds: [u.suzuki.user.id, u.takahashi.user.id, u.tanaka.user.id, u.ito.user.id] },
    });
    channelId = res.body.id;
    const posters = Object.values(u);
    for (let i = 1; i <= TOTAL; i++) {
      const body = i === DEEP_SEQ ? '防災無線の更新時期は来年度の予算要求に合わせます' : `定例の連絡 ${i}`;
      const sent = await server.request('POST', `/api/chat/channels/${channelId}/messages`, {
        token: posters[i % posters.length].token,
        json: { body },
      });
      expect(sent.body.message.seq).toBe(i);
    }
  }, 180_000);
  afterAll(async () => {
    await closeBrowser();
    await server.close();
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['tablet', TABLET_PORTRAIT],
  ] as const) {
    it(`opens a search result ${TOTAL - DEEP_SEQ} messages deep at its message, highlighted, with history around it (${label})`, async () => {
      const { context, page } = await signIn(browser, server, 'suzuki.somu', viewport);
      await page.goto(`${server.url}/chat/search`);
      await page.getByTestId('chat-search-input').fill('防災無線');
      await page.getByTestId('chat-search-input').press('Enter');
      const result = page.getByTestId('chat-search-result');
      await result.first().waitFor();
      expect(await result.count()).toBe(1);
      // The query is in the address: back from the message returns to these results.
      expect(new URL(page.url()).searchParams.get('q')).toBe('防災無線');
      await result.first().getByRole('link').click();
      const target = page.locator(`[data-testid="chat-message"][data-seq="${DEEP_SEQ}"]`);
      await target.waitFor();
      expect(new URL(page.url()).searchParams.get('at')).toBe(String(DEEP_SEQ));
      expect(await target.getAttribute('data-highlighted')).toBe('true');
      await expect(target.isVisible()).resolves.toBe(true);
      // History on both sides of it, and not the latest (a window of older history).
      await page.locator(`[data-testid="chat-message"][data-seq="${DEEP_SEQ - 3}"]`).waitFor();
      await page.locator(`[data-testid="chat-message"][data-seq="${DEEP_SEQ + 3}"]`).waitFor();
      expect(await page.locator(`[data-testid="chat-message"][data-seq="${TOTAL}"]`).count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `chat-search-jump-${label}.png`) });
      // The highlight fades; the jump button leads to the latest messages.
      await page.locator(`[data-testid="chat-message"][data-seq="${DEEP_SEQ}"]:not([data-highlighted])`).waitFor({ timeout: 10_000 });
      await page.getByTestId('chat-jump-latest').click();
      await page.locator(`[data-testid="chat-message"][data-seq="${TOTAL}"]`).waitFor();
      await page.goBack();
      await page.getByTestId('chat-search-result').first().waitFor();
      expect(await page.getByTestId('chat-search-input').inputValue()).toBe('防災無線');
      await context.close();
    });
  }

  it('Enter saves an edit and Escape cancels it, as when composing', async () => {
    const socket = await server.socket({ token: u.sato.token });
    const sent = await emitAck(socket, 'chat:send', { channelId, clientMsgId: `edit-${Date.now()}`, body: '会議は15時からです' });
    socket.disconnect();
    const { context, page } = await signIn(browser, server, 'sato.somu');
    await openChannel(page, server, channelId, /防災担当者会議/);
    const message = page.locator(`[data-testid="chat-message"][data-seq="${sent.message.seq}"]`);
    await (await messageAction(message, '編集')).click();
    const editor = message.getByTestId('chat-edit');
    await editor.fill('会議は16時からです（取り消す）');
    await editor.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect((await message.locator('.chat-body').textContent())?.trim()).toBe('会議は15時からです');
    await (await messageAction(message, '編集')).click();
    await editor.fill('会議は16時からです');
    await editor.press('Enter');
    await editor.waitFor({ state: 'detached' });
    await message.getByText('（編集済み）').waitFor();
    expect((await message.locator('.chat-body').textContent())?.trim()).toBe('会議は16時からです');
    await context.close();
  });

  it('offers bundled emoji in the composer and for reactions, recent first, drawn from our own server', async () => {
    const { context, page } = await signIn(browser, server, 'tanaka.kikaku');
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await openChannel(page, server, channelId, /防災担当者会議/);
    await page.getByTestId('composer-emoji').click();
    const picker = page.getByTestId('emoji-picker');
    await picker.waitFor();
    expect(await picker.locator('button[data-emoji]').count()).toBeGreaterThan(150);
    const party = picker.locator('[data-testid="emoji-frequent"] ~ section button[data-emoji="🎉"]');
    await party.click();
    await picker.waitFor({ state: 'detached' });
    const composer = page.getByTestId('chat-composer');
    await composer.pressSequentially('準備完了です');
    expect(await composer.inputValue()).toBe('🎉準備完了です');
    await composer.press('Enter');
    const mine = page.getByTestId('chat-message').filter({ hasText: '準備完了です' });
    await mine.waitFor();
    // In the message too the emoji is the bundled picture, not the device's font.
    await mine.locator('.chat-body img[alt="🎉"]').waitFor();
    // React through the picker's search (Japanese names): Enter takes the first match.
    await (await messageAction(mine, 'リアクションを追加')).click();
    await picker.getByRole('searchbox').fill('拍手');
    await picker.getByRole('searchbox').press('Enter');
    const reaction = mine.locator('[data-testid="chat-reaction"][data-emoji="👏"]');
    await reaction.waitFor();
    const img = reaction.locator('img');
    expect(await img.getAttribute('alt')).toBe('👏');
    const src = await img.evaluate((el: HTMLImageElement) => el.src);
    expect(src.startsWith(`${server.url}/assets/`)).toBe(true);
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    // Recent and frequent first: the emoji just used lead the picker.
    await page.getByTestId('composer-emoji').click();
    const frequent = await picker.locator('[data-testid="emoji-frequent"] button[data-emoji]').evaluateAll((els) => els.map((e) => e.getAttribute('data-emoji')));
    expect(frequent.slice(0, 2).sort()).toEqual(['🎉', '👏'].sort());
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-emoji-picker.png') });
    await picker.getByRole('searchbox').press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('lists who has read a message and who has not yet (既読 and 未読)', async () => {
    const socket = await server.socket({ token: u.sato.token });
    const sent = await emitAck(socket, 'chat:send', { channelId, clientMsgId: `read-${Date.now()}`, body: '明日の訓練の集合場所は正面玄関です' });
    socket.disconnect();
    const reader = await server.socket({ token: u.suzuki.token });
    expect((await emitAck(reader, 'chat:read', { channelId, seq: sent.message.seq })).ok).toBe(true);
    reader.disconnect();
    const { context, page } = await signIn(browser, server, 'sato.somu', TABLET_PORTRAIT);
    await openChannel(page, server, channelId, /防災担当者会議/);
    const message = page.locator(`[data-testid="chat-message"][data-seq="${sent.message.seq}"]`);
    await message.getByTestId('chat-read-count').click();
    await message.getByTestId('chat-readers').waitFor();
    expect(await message.getByTestId('chat-readers-read').textContent()).toContain('鈴木 花子');
    const unread = (await message.getByTestId('chat-readers-unread').textContent()) ?? '';
    for (const name of ['高橋 翔', '田中 誠', '伊藤 美咲']) expect(unread).toContain(name);
    expect(unread).not.toContain('鈴木 花子');
    expect(unread).not.toContain('佐藤 健一');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-readers-tablet.png') });
    await context.close();
  });

  it('offers a department in @ completion, sets important channels apart and fits the placeholder on a tablet', async () => {
    const declared = await server.request('POST', '/api/disasters', {
      token: u.sato.token,
      json: { title: '大雨警報に伴う警戒体制（訓練）', kind: 'heavy_rain', level: 2, drill: true },
    });
    expect(declared.status).toBe(201);
    const { context, page } = await signIn(browser, server, 'ito.kikaku', { width: 800, height: 1280 });
    // /chat in portrait opens with the channel list drawn over the left of the page, and the hint beside it.
    await page.goto(`${server.url}/chat`);
    const hint = page.getByText('チャンネルを選んでください');
    await hint.waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="chat-important-channels"]')?.getBoundingClientRect().left ?? -1) >= 0);
    const { hintLeft, listRight } = await hint.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return { hintLeft: range.getBoundingClientRect().left, listRight: el.ownerDocument.querySelector('[data-testid="chat-important-channels"]')!.closest('aside')!.getBoundingClientRect().right };
    });
    expect(hintLeft).toBeGreaterThanOrEqual(listRight);
    await openChannel(page, server, channelId, /防災担当者会議/);
    const composer = page.getByTestId('chat-composer');
    // The placeholder is on one line and whole in the composer's width.
    const fits = await composer.evaluate((el: HTMLTextAreaElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: ctx.measureText(el.placeholder).width, room };
    });
    expect(fits.text).toBeLessThanOrEqual(fits.room);
    await composer.pressSequentially('@総務');
    const option = page.getByRole('option').filter({ has: page.getByTestId('mention-department') });
    await option.first().waitFor();
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('@総務課 ');
    await composer.pressSequentially('の皆さん、訓練の件です');
    await composer.press('Enter');
    const sent = page.getByTestId('chat-message').filter({ hasText: '訓練の件です' });
    await sent.locator('.chat-mention[data-mention="総務課"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-tablet-800-composer.png') });
    // Important channels: the disaster's first, then 全庁連絡, apart from the others (the sidebar is a drawer here).
    await page.getByRole('button', { name: 'チャンネル', exact: true }).click();
    const important = page.getByTestId('chat-important-channels').getByTestId('chat-channel-link');
    await important.first().waitFor();
    expect(await important.first().getAttribute('data-importance')).toBe('disaster');
    expect(await important.first().textContent()).toContain('大雨警報');
    expect(await important.filter({ hasText: '全庁連絡' }).getAttribute('data-importance')).toBe('all-staff');
    // The drawer has slid in.
    await page.waitForFunction(() => (document.querySelector('[data-testid="chat-important-channels"]')?.getBoundingClientRect().left ?? -1) >= 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'chat-important-channels-tablet.png') });
    await context.close();
  });
});
