import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, TestServer } from '../../support/test-server';

export const DESKTOP = { width: 1366, height: 850 };
export const TABLET_LANDSCAPE = { width: 1280, height: 800 };
export const TABLET_PORTRAIT = { width: 800, height: 1280 };
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/**
 * The system Chromium, headless, with the flags this closed network needs (no background calls home). Playwright
 * gives every launch a fresh, empty profile of its own (it refuses --user-data-dir).
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * A fresh browser context (its own cookies) signed in through the real sign-in page. `prepare` runs on the context
 * before its page opens (permissions, init scripts, a fake clock).
 */
export async function signIn(
  browser: Browser,
  server: TestServer,
  username: string,
  viewport = DESKTOP,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'ja-JP', hasTouch: viewport.width < 1300 && viewport.height > 700 && viewport !== DESKTOP });
  await prepare?.(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel(/ユーザー名|Username/).fill(username);
  await page.getByLabel(/パスワード|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(サインイン|Sign in)$/ }).click();
  await page.getByRole('navigation', { name: 'main' }).waitFor();
  return { context, page };
}

/**
 * The demo server and the system Chromium for one describe block: started before its first test, closed after its
 * last. Read `suite.server` and `suite.browser` inside the tests (they exist once beforeAll has run).
 */
export function serverAndBrowser(env?: Record<string, string>): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let launched: { browser: Browser; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    server = await TestServer.start(env);
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!launched) throw new Error('the browser starts in beforeAll');
      return launched.browser;
    },
  };
}
