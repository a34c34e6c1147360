import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { TestServer, type SignedIn } from '../support/test-server';
import { SCREENSHOT_DIR, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

/**
 * A page whose session ends under it says so on the sign-in page, with the reason, instead of 「再接続中」 for ever:
 * an administrator disabling the account while the page is open, and a session ended while the tablet was offline
 * (the socket's handshake is then refused when it comes back).
 */
describe('the signed-out page', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let admin: SignedIn;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    admin = await server.login('admin');
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  it('goes to the sign-in page saying the account was disabled when an administrator disables it', async () => {
    const { context, page } = await signIn(browser, server, 'yoshida.zeimu', TABLET_PORTRAIT);
    await page.goto(`${server.url}/chat`);
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    const [user] = await server.query<{ id: string }>(`SELECT id FROM users WHERE username = 'yoshida.zeimu'`);
    const res = await server.request('PATCH', `/api/users/${user.id}`, { token: admin.token, json: { active: false } });
    expect(res.status).toBe(200);

    const notice = page.getByTestId('signed-out');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-reason')).toBe('account_disabled');
    await notice.getByText('このアカウントは管理者によって無効にされました', { exact: false }).waitFor();
    await page.getByLabel('ユーザー名').waitFor();
    expect(await page.getByText('再接続中').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'signed-out-disabled-tablet.png') });
    // What was cached for the offline app is gone with the session.
    expect(await page.evaluate(() => localStorage.getItem('yakuba.session.user'))).toBeNull();
    await context.close();
  });

  it('says the session ended when it was ended while the tablet was offline, once the network is back', async () => {
    const { context, page } = await signIn(browser, server, 'inoue.nosei', TABLET_PORTRAIT);
    await page.goto(`${server.url}/chat`);
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    await context.setOffline(true);
    const [user] = await server.query<{ id: string }>(`SELECT id FROM users WHERE username = 'inoue.nosei'`);
    const sessions = await server.request('GET', '/api/auth/sessions', { token: admin.token });
    expect(sessions.status).toBe(200);
    const theirs = (sessions.body as { id: string; userId: string }[]).filter((s) => s.userId === user.id);
    expect(theirs.length).toBeGreaterThan(0);
    for (const s of theirs) {
      expect((await server.request('DELETE', `/api/auth/sessions/${s.id}`, { token: admin.token })).status).toBe(204);
    }
    await context.setOffline(false);

    const notice = page.getByTestId('signed-out');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.getAttribute('data-reason')).toBe('signed_out');
    await page.getByLabel('ユーザー名').waitFor();
    await context.close();
  });

  it('answers the reason only for the session the request carries', async () => {
    expect((await server.request('GET', '/api/auth/session-status')).body).toEqual({ status: 'none' });
    expect((await server.request('GET', '/api/auth/session-status', { token: 'x.y.z' })).body).toEqual({ status: 'none' });
    const live = await server.login('kato.zeimu');
    expect((await server.request('GET', '/api/auth/session-status', { token: live.token })).body).toEqual({ status: 'active' });
    await server.request('POST', '/api/auth/logout', { token: live.token });
    expect((await server.request('GET', '/api/auth/session-status', { token: live.token })).body).toEqual({ status: 'signed_out' });
  });
});
