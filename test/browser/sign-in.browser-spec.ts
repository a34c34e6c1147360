import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, TestServer } from '../support/test-server';
import { DESKTOP, SCREENSHOT_DIR, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

const codeFor = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

/** The sign-in steps in a real browser: the forced password change, enrolling an authenticator, and the code step. */
describe('municipal sign-in in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  beforeAll(async () => {
    server = await TestServer.start({ PASSWORD_CHANGE_AT_FIRST_SIGN_IN: 'true' });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  async function passwordStep(page: Page, username: string, password: string) {
    await page.goto(server.url);
    await page.getByLabel('ユーザー名').fill(username);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'サインイン' }).click();
  }

  it('makes a new account choose its own password before showing anything else', async () => {
    const admin = await server.login('admin');
    const [dept] = await server.query(`SELECT id FROM departments LIMIT 1`);
    const created = await server.request('POST', '/api/users', {
      token: admin.token,
      json: { username: 'first.day', displayName: '初日 花子', password: 'Given-By-Admin-1', departmentId: dept.id },
    });
    expect(created.status).toBe(201);
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['tablet', TABLET_PORTRAIT],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: 'ja-JP' });
      const page = await context.newPage();
      await passwordStep(page, 'first.day', name === 'desktop' ? 'Given-By-Admin-1' : 'My-Own-Secret-22');
      if (name === 'tablet') {
        // Changed on the desktop already: straight in.
        await page.getByRole('navigation', { name: 'main' }).waitFor();
        await context.close();
        continue;
      }
      const screen = page.getByTestId('forced-password-change');
      await screen.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'main' }).count()).toBe(0);
      await screen.getByLabel('現在のパスワード').fill('Given-By-Admin-1');
      await screen.getByLabel('新しいパスワード', { exact: true }).fill('short');
      await screen.getByLabel('新しいパスワード（確認）').fill('short');
      await screen.getByRole('button', { name: 'パスワードを変更' }).click();
      await screen.getByRole('alert').filter({ hasText: 'パスワードの条件を満たしていません' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in-forced-change.png') });
      await screen.getByLabel('新しいパスワード', { exact: true }).fill('My-Own-Secret-22');
      await screen.getByLabel('新しいパスワード（確認）').fill('My-Own-Secret-22');
      await screen.getByRole('button', { name: 'パスワードを変更' }).click();
      await page.getByRole('heading', { name: /ようこそ/ }).waitFor();
      expect(await server.query(`SELECT must_change_password FROM users WHERE username = 'first.day'`)).toEqual([{ must_change_password: false }]);
      await context.close();
    }
  });

  it('enrols an authenticator on the account page and then signs in with its code', async () => {
    const { context, page } = await signIn(browser, server, 'suzuki.somu');
    await page.goto(`${server.url}/profile`);
    await page.getByRole('button', { name: '認証アプリを登録' }).click();
    await page.getByRole('img', { name: '認証アプリ用のQRコード' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'account-totp-enrol.png'), fullPage: true });
    await page.getByLabel('アプリに表示された6桁のコード').fill(codeFor(secret));
    await page.getByRole('button', { name: '登録を完了' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.getByRole('heading', { name: '回復コード' }).waitFor();
    expect(await codes.getByRole('listitem').count()).toBe(10);
    await codes.getByRole('button', { name: '控えました' }).click();
    await page.getByText('登録済み').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'account-page.png'), fullPage: true });
    await context.close();

    const fresh = await browser.newContext({ viewport: DESKTOP, locale: 'ja-JP' });
    const signInPage = await fresh.newPage();
    await passwordStep(signInPage, 'suzuki.somu', DEMO_PASSWORD);
    const step = signInPage.getByTestId('totp-step');
    await step.getByRole('heading', { name: '確認コード' }).waitFor();
    await step.getByLabel('確認コード').fill('000000');
    await step.getByRole('button', { name: '確認' }).click();
    await step.getByRole('alert').filter({ hasText: 'コードが違います' }).waitFor();
    await signInPage.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in-totp.png') });
    await step.getByLabel('確認コード').fill(codeFor(secret, 1));
    await step.getByRole('button', { name: '確認' }).click();
    await signInPage.getByRole('navigation', { name: 'main' }).waitFor();
    await fresh.close();
  });

  it('shows administrators the security settings and every session, and ends one', async () => {
    const other = await signIn(browser, server, 'kato.zeimu');
    const { context, page } = await signIn(browser, server, 'admin');
    await page.goto(`${server.url}/admin/security`);
    const sessionForm = page.getByRole('form', { name: 'セッションの有効期限' });
    await sessionForm.getByLabel('無操作でのタイムアウト（分）').fill('20');
    await sessionForm.getByRole('button', { name: '保存' }).click();
    await page.getByRole('form', { name: 'セッションの有効期限' }).getByLabel('無操作でのタイムアウト（分）').and(page.locator('[value="20"]')).waitFor();
    await page.getByRole('form', { name: 'LDAP / Active Directory' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-security.png'), fullPage: true });
    expect((await server.query(`SELECT settings->'session' AS s FROM security_settings`))[0].s).toMatchObject({ idleTimeoutSeconds: 1200 });

    await page.goto(`${server.url}/admin/sessions`);
    const row = page.getByRole('row').filter({ hasText: 'kato.zeimu' });
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '終了' }).click();
    await page.getByRole('status').filter({ hasText: 'セッションを終了しました' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-sessions.png'), fullPage: true });
    // The other person's open page goes back to the sign-in page at once (session:revoked on its socket).
    await other.page.getByRole('button', { name: 'サインイン' }).waitFor();
    expect(await server.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'kato.zeimu') AND revoked_at IS NULL`)).toEqual([{ n: 0 }]);
    await other.context.close();
    await context.close();
  });
});
