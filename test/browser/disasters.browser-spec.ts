import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestServer } from '../support/test-server';
import { eventually } from '../disasters/support/disaster-fixtures';
import { PHONE, SCREENSHOT_DIR, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

/**
 * Before any page script: every browser notification shown and every tone the alert chime starts are recorded in
 * `window.__alerts` (the real Notification and the service worker's showNotification still run; the permission is
 * granted on the context); `window.__hidden` sets what `document.hidden` answers.
 */
const ALERT_SPY = `(() => {
  const alerts = { notifications: [], tones: 0 };
  window.__alerts = alerts;
  const Real = window.Notification;
  if (Real) {
    function Spy(title, options) {
      alerts.notifications.push({ title, body: options && options.body, tag: options && options.tag, renotify: !!(options && options.renotify) });
      try { return new Real(title, options); } catch { return {}; }
    }
    Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
    Spy.requestPermission = (...args) => Real.requestPermission(...args);
    window.Notification = Spy;
  }
  // Notifications shown through the service worker (shell/service-worker-client.ts) are counted the same way.
  if (window.ServiceWorkerRegistration) {
    const show = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      alerts.notifications.push({ title, body: options && options.body, tag: options && options.tag, renotify: !!(options && options.renotify) });
      return show.call(this, title, options).catch(() => undefined);
    };
  }
  // window.__hidden = true makes the page report itself hidden (as a tab in the background does).
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__hidden === true });
  if (window.AudioScheduledSourceNode) {
    const start = AudioScheduledSourceNode.prototype.start;
    AudioScheduledSourceNode.prototype.start = function (...args) { alerts.tones++; return start.apply(this, args); };
  }
})();`;

type Alerts = { notifications: { title: string; body: string; tag: string; renotify: boolean }[]; tones: number };
const alertsOf = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: Alerts }).__alerts);

/** The number shown by a test id, once it reads `expected` (the boards update live: no reload in between). */
async function waitText(page: Page, testId: string, expected: RegExp): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: expected }).first().waitFor({ timeout: 30_000 });
}

async function cookieOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/**
 * The drill's title says nothing of a drill on purpose: whatever labels it as one (the badge, 【訓練】) comes from the
 * drill flag, not from the words the officer typed.
 */
const TITLE = '地震対応（震度6弱想定）';

/** One drill, followed step by step by an officer (総務課長) and a member of staff, both on 10-inch tablets. */
describe('a disaster drill on a tablet', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let officer: { context: BrowserContext; page: Page };
  let staff: { context: BrowserContext; page: Page };
  let disasterPath: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await officer?.context.close();
    await staff?.context.close();
    await closeBrowser();
    await server.close();
  });

  it('the officer declares a drill; the staff member sees the banner, marked as a drill, on the page they are on', async () => {
    officer = await signIn(browser, server, 'sato.somu', TABLET_PORTRAIT);
    staff = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    officer.page.on('dialog', (dialog) => void dialog.accept());
    await staff.page.goto(`${server.url}/meetings`);

    // Declare a drill.
    await officer.page.goto(`${server.url}/disasters`);
    await officer.page.getByTestId('declare-open').click();
    await officer.page.getByLabel('件名').fill(TITLE);
    await officer.page.getByText('地震', { exact: true }).click();
    await officer.page.getByLabel('配備レベル').selectOption('3');
    await officer.page.getByTestId('declare-drill').check();
    await officer.page.getByRole('button', { name: '訓練として宣言する' }).click();
    await officer.page.getByTestId('disaster-page').waitFor();
    disasterPath = new URL(officer.page.url()).pathname;

    // The staff member's page (any page) shows the banner, marked as a drill, without a reload.
    const banner = staff.page.getByTestId('disaster-banner').filter({ hasText: TITLE });
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.getAttribute('data-drill')).toBe('true');
    expect(await banner.textContent()).toContain('訓練実施中');
    await staff.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-banner-tablet.png') });
  });

  it('an urgent message covers the staff member’s page until 確認しました; the officer’s board shows opened, then acknowledged', async () => {
    // An urgent message: it covers the staff member's page until 確認しました.
    await officer.page.goto(`${server.url}${disasterPath}/urgent`);
    await officer.page.getByTestId('urgent-compose').fill('全職員は15時までに本庁舎2階の災害対策本部へ参集してください。');
    await officer.page.getByTestId('urgent-send').click();
    await officer.page.getByTestId('ack-board').waitFor();
    const overlay = staff.page.getByTestId('urgent-overlay');
    await overlay.waitFor({ timeout: 30_000 });
    expect(await overlay.textContent()).toContain('災害対策本部へ参集');
    // Marked as a drill though its title does not say so: the badge, and 【訓練】 before the title.
    expect(await overlay.getByTestId('drill-badge').textContent()).toBe('訓練');
    expect(await overlay.getByTestId('urgent-disaster').textContent()).toBe(`【訓練】${TITLE}`);
    // Opened, not yet acknowledged: shown apart on the officer's board.
    await waitText(officer.page, 'urgent-count-opened', /^1$/);
    await waitText(officer.page, 'urgent-count-acknowledged', /^0$/);
    await staff.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-urgent-overlay-tablet.png') });

    await staff.page.getByRole('button', { name: '確認しました' }).click();
    await overlay.waitFor({ state: 'detached' });
    await waitText(officer.page, 'urgent-count-acknowledged', /^1$/);
    await waitText(officer.page, 'urgent-count-opened', /^0$/);
    await officer.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-ack-board-tablet.png') });
  });

  it('the staff member answers the roll call in two taps and changes it; the officer’s tally follows live, counting them once', async () => {
    // The roll call: the officer's tally is open while the staff member answers in two taps.
    await officer.page.goto(`${server.url}${disasterPath}/roll-call`);
    await officer.page.getByTestId('roll-call-tally').waitFor();
    const before = (await officer.page.getByTestId('tally-answered').textContent()) ?? '';
    const [, answeredBefore, total] = /(\d+) \/ (\d+)/.exec(before) ?? [];
    await staff.page.getByTestId('disaster-banner').filter({ hasText: TITLE }).click();
    await staff.page.getByRole('link', { name: '安否・参集', exact: true }).click();
    await staff.page.getByTestId('roll-call-form').waitFor();
    await staff.page.getByTestId('safety-safe').click();
    await staff.page.getByTestId('attendance-available').click();
    await waitText(staff.page, 'roll-call-status', /回答済み/);
    await staff.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-roll-call-tablet.png') });

    await waitText(officer.page, 'tally-answered', new RegExp(`^${Number(answeredBefore) + 1} / ${total}$`));
    await waitText(officer.page, 'tally-safety-safe', new RegExp(`${Number(answeredBefore) + 1}$`));
    await officer.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-tally-tablet.png'), fullPage: true });

    // A second tap changes the answer; the tally counts the person once.
    await staff.page.getByTestId('attendance-arrived').click();
    await waitText(officer.page, 'tally-attendance-arrived', /1$/);
    await waitText(officer.page, 'tally-answered', new RegExp(`^${Number(answeredBefore) + 1} / ${total}$`));
  });
  it('an acknowledgement made offline waits in the outbox and is counted once when the connection returns', async () => {
    await officer.page.goto(`${server.url}${disasterPath}/urgent`);
    await officer.page.getByTestId('urgent-compose').fill('第2報: 避難所の開設準備を始めてください。');
    await officer.page.getByTestId('urgent-send').click();
    await officer.page.getByTestId('urgent-item').first().filter({ hasText: '第2報' }).waitFor();
    const overlay = staff.page.getByTestId('urgent-overlay').filter({ hasText: '第2報' });
    await overlay.waitFor({ timeout: 30_000 });
    await waitText(officer.page, 'urgent-count-opened', /^1$/);

    await staff.context.setOffline(true);
    await staff.page.getByRole('button', { name: '確認しました' }).click();
    await overlay.waitFor({ state: 'detached' });
    const waiting = `Object.keys(localStorage).filter((k) => k.startsWith('yakuba.disasters.outbox')).flatMap((k) => JSON.parse(localStorage.getItem(k) ?? '[]')).filter((e) => e.kind === 'ack').length`;
    expect(await staff.page.evaluate(waiting)).toBe(1);
    await staff.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-offline-ack-tablet.png') });
    expect(await officer.page.getByTestId('urgent-count-acknowledged').textContent()).toBe('0');

    await staff.context.setOffline(false);
    await waitText(officer.page, 'urgent-count-acknowledged', /^1$/);
    await waitText(officer.page, 'urgent-count-opened', /^0$/);
    await staff.page.waitForFunction(`${waiting} === 0`, undefined, { timeout: 30_000 });
    // Counted once, however often it was sent.
    const acks = await server.request('GET', `/api${disasterPath}/urgent`, { cookie: await cookieOf(officer.context) });
    const second = (acks.body as { body: string; counts: { acknowledged: number } }[]).find((m) => m.body.startsWith('第2報'));
    expect(second?.counts.acknowledged).toBe(1);
  });
  it('on a phone, a pending urgent message alerts again by itself every few minutes (chime, notification) until 確認しました', async () => {
    const disasterId = disasterPath.split('/').pop()!;
    const officerApi = await server.login('sato.somu');
    const phone = await signIn(browser, server, 'takahashi.somu', PHONE, async (context) => {
      await context.grantPermissions(['notifications'], { origin: server.url });
      await context.addInitScript(ALERT_SPY);
      await context.clock.install();
    });
    try {
      const { page } = phone;
      // The two earlier urgent messages wait for this person: 確認しました for each, oldest first.
      const overlay = page.getByTestId('urgent-overlay');
      await overlay.filter({ hasText: '災害対策本部へ参集' }).waitFor({ timeout: 30_000 });
      expect(await overlay.textContent()).toContain('ほかに未確認の緊急連絡が 1 件あります');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-urgent-overlay-phone.png') });
      await page.getByRole('button', { name: '確認しました' }).click();
      await overlay.filter({ hasText: '第2報' }).waitFor();
      await page.getByRole('button', { name: '確認しました' }).click();
      await overlay.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => Notification.permission)).toBe('granted');

      // The tab is in the background when the 第3報 arrives live: its first alert is a notification too.
      await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true));
      const sent = await server.request('POST', `/api/disasters/${disasterId}/urgent`, {
        token: officerApi.token,
        json: { body: '第3報: 河川の水位が上昇しています。' },
      });
      expect(sent.status).toBe(201);
      const messageId: string = sent.body.message.id;
      await overlay.filter({ hasText: '第3報' }).waitFor({ timeout: 30_000 });
      // The first alert chimes (the sign-in tap unlocked sound).
      await page.waitForFunction(() => (window as unknown as { __alerts: Alerts }).__alerts.tones > 0);
      await page.waitForFunction(
        (tag) => (window as unknown as { __alerts: Alerts }).__alerts.notifications.some((n) => n.tag === tag),
        `urgent-${messageId}`,
      );
      const first = await alertsOf(page);
      // Built in the browser from chat:message, it names the drill as a drill, as the server's view does.
      expect(first.notifications.find((n) => n.tag === `urgent-${messageId}`)?.title).toBe(`【緊急】【訓練】${TITLE}`);
      await page.evaluate(() => {
        (window as unknown as { __hidden: boolean }).__hidden = false;
        document.dispatchEvent(new Event('visibilitychange'));
      });

      // Two minutes on, nothing yet; past three minutes, the chime and a notification that alerts again.
      await page.clock.fastForward('02:00');
      expect(await alertsOf(page)).toEqual(first);
      await page.clock.fastForward('01:05');
      await page.waitForFunction((n) => (window as unknown as { __alerts: Alerts }).__alerts.notifications.length > n, first.notifications.length);
      const again = await alertsOf(page);
      expect(again.tones).toBeGreaterThan(first.tones);
      expect(again.notifications.at(-1)).toMatchObject({ tag: `urgent-${messageId}`, renotify: true });
      expect(again.notifications.at(-1)?.title).toContain(`【訓練】${TITLE}`);
      expect(again.notifications.at(-1)?.body).toContain('第3報');
      // And again three minutes later while it is still pending.
      await page.clock.fastForward('03:05');
      await page.waitForFunction((n) => (window as unknown as { __alerts: Alerts }).__alerts.notifications.length > n, again.notifications.length);
      expect((await alertsOf(page)).tones).toBeGreaterThan(again.tones);

      // 確認しました: no further alert, however long it waits. (The jumps above may have timed out socket.io's
      // heartbeat: the acknowledgement waits in the outbox until the socket is back, then it is sent.)
      await page.getByRole('button', { name: '確認しました' }).click();
      await overlay.waitFor({ state: 'detached' });
      await page.waitForFunction(
        () => !Object.keys(localStorage).some((k) => k.startsWith('yakuba.disasters.outbox') && localStorage.getItem(k)?.includes('"ack"')),
        undefined,
        { timeout: 60_000 },
      );
      const acknowledged = await alertsOf(page);
      for (let i = 0; i < 4; i++) await page.clock.fastForward('05:00');
      expect(await alertsOf(page)).toEqual(acknowledged);
      const me = await server.request('GET', '/api/auth/me', { cookie: await cookieOf(phone.context) });
      const acks = await server.request('GET', `/api/disasters/${disasterId}/urgent/${messageId}/acks`, { token: officerApi.token });
      expect(acks.body.acknowledged.map((a: { userId: string }) => a.userId)).toEqual([me.body.id]);
    } finally {
      await phone.context.close();
    }
  });

  it('on a phone, the roll call and every tab of the disaster page fit the screen', async () => {
    const phone = await signIn(browser, server, 'watanabe.kikaku', PHONE);
    try {
      const { page } = phone;
      for (const name of ['災害対策本部へ参集', '第2報', '第3報']) {
        await page.getByTestId('urgent-overlay').filter({ hasText: name }).waitFor({ timeout: 30_000 });
        await page.getByRole('button', { name: '確認しました' }).click();
      }
      await page.getByTestId('urgent-overlay').waitFor({ state: 'detached' });
      for (const tab of ['', '/chat', '/urgent', '/roll-call', '/roster', '/damage', '/record']) {
        await page.goto(`${server.url}${disasterPath}${tab}`);
        await page.getByTestId('disaster-page').waitFor();
        await page.waitForLoadState('networkidle');
        // Nothing wider than the phone: no sideways scrolling.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `disaster-phone${tab.replace('/', '-') || '-overview'}.png`), fullPage: true });
      }
      await page.goto(`${server.url}${disasterPath}/roll-call`);
      await page.getByTestId('roll-call-form').waitFor();
      await page.getByTestId('safety-safe').tap();
      await page.getByTestId('attendance-available').tap();
      await waitText(page, 'roll-call-status', /回答済み/);
    } finally {
      await phone.context.close();
    }
  });

  it('an arrival time given late in the evening that is past midnight is the next day’s, not one already gone', async () => {
    const disasterId = disasterPath.split('/').pop()!;
    const api = await server.login('kobayashi.chomin');
    // Acknowledged beforehand (over HTTP), so that no urgent message covers the form.
    for (const m of (await server.request('GET', '/api/disasters/urgent/mine', { token: api.token })).body as { messageId: string }[])
      await server.request('POST', `/api/disasters/${disasterId}/urgent/${m.messageId}/ack`, { token: api.token, json: {} });
    // The phone's clock reads 23:30 at the town hall today.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const lateEvening = new Date(`${today}T23:30:00+09:00`);
    const phone = await signIn(browser, server, 'kobayashi.chomin', PHONE, (context) => context.clock.setFixedTime(lateEvening));
    try {
      const { page } = phone;
      await page.goto(`${server.url}${disasterPath}/roll-call`);
      await page.getByTestId('roll-call-form').waitFor();
      await page.getByTestId('safety-safe').tap();
      await page.getByTestId('attendance-available').tap();
      await waitText(page, 'roll-call-status', /回答済み/);
      await page.getByLabel('到着予定時刻').fill('00:30');
      await page.getByRole('button', { name: '詳細を送信' }).tap();
      const mine = await eventually(
        async () => (await server.request('GET', `/api/disasters/${disasterId}/roll-call`, { token: api.token })).body.mine,
        (answer) => typeof answer?.eta === 'string',
      );
      // 00:30 the next morning: an hour ahead, not 23 hours ago.
      expect(mine.eta).toBe(new Date(lateEvening.getTime() + 3600_000).toISOString());
    } finally {
      await phone.context.close();
    }
  });

  it('staff @mention a guest in the disaster channel by name and organisation, marked ゲスト, and nowhere else', async () => {
    const disasterId = disasterPath.split('/').pop()!;
    const officerApi = await server.login('sato.somu');
    const invited = await server.request('POST', `/api/disasters/${disasterId}/guests`, {
      token: officerApi.token,
      json: { displayName: '山田 医師', organisation: 'DMAT 県立病院', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(invited.status).toBe(201);
    await officer.page.goto(`${server.url}${disasterPath}/chat`);
    const composer = officer.page.getByTestId('chat-composer');
    await composer.fill('@山田');
    const option = officer.page.getByRole('option').filter({ hasText: '山田 医師' });
    await option.waitFor();
    expect(await option.textContent()).toContain('DMAT 県立病院');
    expect(await option.textContent()).toContain(`@${invited.body.username}`);
    await option.getByTestId('mention-guest').waitFor();
    await officer.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-mention-guest-tablet.png') });
    await option.click();
    expect(await composer.inputValue()).toBe(`@${invited.body.username} `);
    await composer.fill('');

    // Another channel: the guest is not offered.
    const disaster = (await server.request('GET', `/api/disasters/${disasterId}`, { token: officerApi.token })).body;
    const channels = (await server.request('GET', '/api/chat/channels', { token: officerApi.token })).body as { id: string; joined: boolean }[];
    const other = channels.find((c) => c.joined && c.id !== disaster.channelId)!;
    await officer.page.goto(`${server.url}/chat/${other.id}`);
    await officer.page.getByTestId('chat-composer').fill('@山田');
    await officer.page.getByTestId('chat-composer').fill('@');
    await officer.page.getByRole('option').first().waitFor();
    expect(await officer.page.getByRole('option').allTextContents()).not.toContain(expect.stringContaining('山田 医師'));
    await officer.page.getByTestId('chat-composer').fill('@guest-');
    expect(await officer.page.getByRole('option').count()).toBe(0);

    // The guest, on a phone, is offered no blank name (staff usernames are not given to guests).
    // (The guest's layout has no main menu: signed in by hand, it waits for its disaster's chat.)
    const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', hasTouch: true });
    const guest = { context, page: await context.newPage() };
    try {
      await guest.page.goto(server.url);
      await guest.page.getByLabel(/ユーザー名|Username/).fill(invited.body.username);
      await guest.page.getByLabel(/パスワード|Password/).fill(invited.body.password);
      await guest.page.getByRole('button', { name: /^(サインイン|Sign in)$/ }).click();
      await guest.page.getByTestId('disaster-page').waitFor();
      // A guest's pages live under /guest.
      await guest.page.goto(`${server.url}/guest/chat`);
      await guest.page.getByTestId('chat-composer').fill('@');
      await guest.page.getByRole('option').first().waitFor();
      const offered = await guest.page.getByRole('option').allTextContents();
      expect(offered.every((text) => /@\S+/.test(text))).toBe(true);
      await guest.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-guest-chat-phone.png') });
    } finally {
      await guest.context.close();
    }
  });
});
