import { join } from 'node:path';
import { DESKTOP, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, signIn, serverAndBrowser } from './support/browser';

describe('web shell in a real browser', () => {
  const suite = serverAndBrowser();

  it('refuses a wrong password on the sign-in page', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await page.getByLabel('ユーザー名').fill('admin');
    await page.getByLabel('パスワード').fill('wrong-password');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('alert').filter({ hasText: 'ユーザー名またはパスワードが違います' }).waitFor();
    await context.close();
  });

  it('signs in, shows the navigation, switches to English and back', async () => {
    const { context, page } = await signIn(suite.browser, suite.server, 'admin');
    const nav = page.getByRole('navigation', { name: 'main' });
    for (const label of ['チャット', '会議', '決裁', 'アンケート', '管理']) await nav.getByRole('link', { name: label }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'shell-desktop-ja.png') });
    await page.getByTestId('language-switch').click();
    for (const label of ['Chat', 'Meetings', 'Approvals', 'Surveys', 'Admin']) await nav.getByRole('link', { name: label }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'shell-desktop-en.png') });
    await page.getByTestId('language-switch').click();
    await nav.getByRole('link', { name: 'チャット' }).waitFor();
    await context.close();
  });

  it('lets an administrator create a user and lists the staff', async () => {
    const { context, page } = await signIn(suite.browser, suite.server, 'admin');
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '管理' }).click();
    await page.getByRole('cell', { name: /佐藤 健一/ }).waitFor();
    await page.getByRole('button', { name: '職員を追加' }).click();
    const form = page.getByRole('form', { name: '職員を追加' });
    await form.getByLabel('ユーザー名').fill('browser.user');
    await form.getByLabel('氏名').fill('画面 太郎');
    await form.getByLabel('初期パスワード').fill('browser-pass-1');
    await form.getByRole('button', { name: '追加' }).click();
    await page.getByRole('cell', { name: /画面 太郎/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-users.png'), fullPage: true });
    const users = await suite.server.query(`SELECT display_name FROM users WHERE username = 'browser.user'`);
    expect(users).toEqual([{ display_name: '画面 太郎' }]);
    await context.close();
  });

  it('hides the admin menu from staff and fits a tablet in both orientations', async () => {
    for (const [name, viewport] of [
      ['landscape', TABLET_LANDSCAPE],
      ['portrait', TABLET_PORTRAIT],
    ] as const) {
      const { context, page } = await signIn(suite.browser, suite.server, 'suzuki.somu', viewport);
      // The personal home page (test/browser/home.browser-spec.ts); the KPI tiles are the administrators'.
      await page.getByRole('heading', { name: /ようこそ/ }).waitFor();
      await page.getByTestId('home-meetings').getByTestId('home-meeting').first().waitFor();
      expect(await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '管理' }).count()).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `shell-tablet-${name}.png`) });
      await context.close();
    }
  });

  it('shows administrators who is delayed at sign-in and releases them, and filters and exports the audit log', async () => {
    for (let i = 0; i < 6; i++) await suite.server.request('POST', '/api/auth/login', { json: { username: 'kato.zeimu', password: 'guess' } });
    const { context, page } = await signIn(suite.browser, suite.server, 'admin');
    await page.goto(`${suite.server.url}/admin/sign-in`);
    const table = page.getByRole('table', { name: 'サインイン制限' });
    const row = table.getByRole('row').filter({ hasText: 'kato.zeimu' });
    await row.waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-sign-in-delays.png') });
    await row.getByRole('button', { name: '解除' }).click();
    await page.getByRole('status').filter({ hasText: '解除しました' }).waitFor();
    const [{ n }] = await suite.server.query(
      `SELECT count(*)::int AS n FROM login_attempts WHERE username = 'kato.zeimu' AND NOT succeeded AND cleared_at IS NULL`,
    );
    expect(n).toBe(0);

    await page.goto(`${suite.server.url}/admin/audit`);
    // By kind of action (サインイン・パスワード: the `auth.` actions), each named in Japanese.
    await page.getByRole('combobox', { name: '操作の種類' }).selectOption('auth.');
    await page.getByRole('cell', { name: 'サインイン制限の解除' }).waitFor();
    await page.getByRole('cell', { name: '管理 太郎' }).first().waitFor();
    const href = await page.getByRole('link', { name: 'CSV出力（UTF-8）' }).getAttribute('href');
    expect(href).toBe('/api/audit/export.csv?action=auth.&encoding=utf-8');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv).toContain('auth.throttle_cleared');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-audit-filtered.png') });
    await context.close();
  });
});
