import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestServer } from '../support/test-server';
import { SCREENSHOT_DIR, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

/** The number shown by a test id, once it reads `expected` (the boards update live: no reload in between). */
async function waitText(page: Page, testId: string, expected: RegExp): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: expected }).first().waitFor({ timeout: 30_000 });
}

async function cookieOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

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
    await officer.page.getByLabel('件名').fill('地震対応訓練（震度6弱想定）');
    await officer.page.getByText('地震', { exact: true }).click();
    await officer.page.getByLabel('配備レベル').selectOption('3');
    await officer.page.getByTestId('declare-drill').check();
    await officer.page.getByRole('button', { name: '訓練として宣言する' }).click();
    await officer.page.getByTestId('disaster-page').waitFor();
    disasterPath = new URL(officer.page.url()).pathname;

    // The staff member's page (any page) shows the banner, marked as a drill, without a reload.
    const banner = staff.page.getByTestId('disaster-banner').filter({ hasText: '地震対応訓練' });
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
    expect(await overlay.textContent()).toContain('訓練');
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
    await staff.page.getByTestId('disaster-banner').filter({ hasText: '地震対応訓練' }).click();
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
});
