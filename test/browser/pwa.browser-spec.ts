import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createChannel } from '../chat/chat-helpers';
import { nextEvent } from '../support/test-server';
import { PHONE, SCREENSHOT_DIR, TABLET_PORTRAIT, signIn, serverAndBrowser } from './support/browser';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/**
 * The worker installed by the first visit controls the next load (it does not take over a page midway): wait for it,
 * then reload.
 */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  await page.getByRole('navigation', { name: 'main' }).waitFor();
}

/** Fetches an image in the page and answers its status, type and decoded size (what a launcher would draw). */
async function loadImage(page: Page, src: string) {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { cache: 'no-store' });
    const blob = await res.blob();
    const bitmap = await createImageBitmap(blob);
    return { status: res.status, type: res.headers.get('content-type'), width: bitmap.width, height: bitmap.height };
  }, src);
}

/**
 * A Lighthouse-style installability check of the built client in Chromium: the manifest (name 役場, standalone, the
 * theme colour of global.css, icons 192/512/maskable that load), the service worker controlling the page, the shell
 * opening offline with the chat outbox's pending messages, and notifications shown through the worker.
 */
describe('installable app (PWA)', () => {
  const suite = serverAndBrowser();

  it('has a manifest with the required fields and icons that load', async () => {
    const { context, page } = await signIn(suite.browser, suite.server, 'kato.zeimu', TABLET_PORTRAIT);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const response = await page.request.get(`${suite.server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/application\/manifest\+json/);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
    expect(manifest).toMatchObject({ name: expect.stringContaining('役場'), short_name: '役場', start_url: '/', scope: '/', display: 'standalone', lang: 'ja' });
    // The theme colour is the app's own (global.css --primary), as the page's <meta name="theme-color"> says.
    const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--primary').trim());
    expect(manifest.theme_color).toBe(primary);
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(primary);
    expect(typeof manifest.background_color).toBe('string');

    const png = manifest.icons.filter((i) => i.type === 'image/png');
    for (const [size, purpose] of [[192, 'any'], [512, 'any'], [512, 'maskable']] as const) {
      const icon = png.find((i) => i.sizes === `${size}x${size}` && (i.purpose ?? 'any').split(' ').includes(purpose));
      expect([size, purpose, icon]).toEqual([size, purpose, expect.anything()]);
      expect(await loadImage(page, icon!.src)).toEqual({ status: 200, type: 'image/png', width: size, height: size });
    }
    const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect(await loadImage(page, touch!)).toEqual({ status: 200, type: 'image/png', width: 180, height: 180 });
    await context.close();
  });

  it('registers a service worker that controls the page, precaches the shell and never caches /api', async () => {
    const { context, page } = await signIn(suite.browser, suite.server, 'kato.zeimu', TABLET_PORTRAIT);
    await controlled(page);
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const names = await caches.keys();
      const urls = (await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname)))).flat();
      return { scope: new URL(registration.scope).pathname, script: new URL(registration.active!.scriptURL).pathname, names, urls };
    });
    expect(state).toMatchObject({ scope: '/', script: '/sw.js' });
    expect(state.names).toEqual([expect.stringMatching(/^yakuba-shell-[0-9a-f]{16}$/)]);
    expect(state.urls).toEqual(expect.arrayContaining(['/index.html', '/manifest.webmanifest', '/icons/icon-192.png']));
    expect(state.urls.some((u) => /^\/assets\/index-.*\.js$/.test(u))).toBe(true);
    // Data is never served from a cache: open a few screens that call the API, then look again.
    await page.goto(`${suite.server.url}/chat`);
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    const after = await page.evaluate(async () =>
      (await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname)))).flat(),
    );
    expect(after.filter((u) => u.startsWith('/api/') || u.startsWith('/socket.io/'))).toEqual([]);
    const sw = await page.request.get(`${suite.server.url}/sw.js`);
    expect(sw.headers()['cache-control']).toBe('no-cache');

    // Chromium's own verdict, as Lighthouse asks it: the manifest parses without errors and nothing stops installing
    // (a non-persistent test profile counts as incognito, which says nothing about the app).
    const cdp = await context.newCDPSession(page);
    const parsed = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
    expect([parsed.url, parsed.errors]).toEqual([`${suite.server.url}/manifest.webmanifest`, []]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    await context.close();
  });

  it('opens the app shell offline after a reload, with the chat messages waiting to be sent', async () => {
    const { context, page } = await signIn(suite.browser, suite.server, 'kato.zeimu', PHONE);
    await controlled(page);
    const kato = await suite.server.login('kato.zeimu');
    const channel = await createChannel(suite.server, kato, 'public', [], 'オフライン確認');
    await page.goto(`${suite.server.url}/chat/${channel.id}`);
    await page.getByRole('heading', { name: 'オフライン確認' }).waitFor();

    await context.setOffline(true);
    // A message written in the field without a network: chat's outbox holds it (features/chat/outbox.ts), as the
    // composer leaves it when no acknowledgement comes.
    const body = '電波の届かない現場から送ります';
    await page.evaluate(
      ({ userId, channelId, text }) =>
        localStorage.setItem(
          `yakuba.chat.outbox.${userId}`,
          JSON.stringify([{ channelId, clientMsgId: 'offline-1', body: text, createdAt: new Date().toISOString() }]),
        ),
      { userId: kato.user.id, channelId: channel.id, text: body },
    );
    await page.reload();
    // The shell came from the service worker: the navigation and the remembered user, not a browser error page.
    await page.getByRole('navigation', { name: 'main' }).waitFor({ timeout: 20_000 });
    const status = page.getByTestId('app-status');
    await status.getByText(/オフライン/).first().waitFor();
    await status.getByText(/未送信のメッセージ 1 件/).click();
    expect(await status.getByTestId('pending-message').allTextContents()).toEqual([body]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'pwa-offline-phone.png') });

    // Back online: the session is confirmed, the outbox is sent once, and the status line goes away.
    const watcher = await suite.server.socket({ token: kato.token });
    const delivered = nextEvent(watcher, 'chat:message', (p: { message: { body: string } }) => p.message.body === body, 30_000);
    await context.setOffline(false);
    await delivered;
    await status.waitFor({ state: 'detached', timeout: 30_000 });
    await context.close();
  });

  it('shows a mention through the service worker, and a click on it opens the app at that channel', async () => {
    const { context, page } = await signIn(suite.browser, suite.server, 'suzuki.somu', TABLET_PORTRAIT, async (c) => {
      await c.grantPermissions(['notifications'], { origin: suite.server.url });
    });
    await controlled(page);
    const sato = await suite.server.login('sato.somu');
    const suzuki = await suite.server.login('suzuki.somu');
    const channel = await createChannel(suite.server, sato, 'private', [suzuki], '通知の確認');
    await page.goto(`${suite.server.url}/chat`);
    // The channel is listed and the page's socket is connected: the mention will arrive live. (Waiting for 「再接続中」
    // to be hidden is not enough: on a tablet the banner may be out of view while the socket still connects.)
    await page.getByText('通知の確認').first().waitFor();
    await page.locator('section.chat-main[data-connected="true"]').waitFor();
    const socket = await suite.server.socket({ token: sato.token });
    const ack = await socket.timeout(5000).emitWithAck('chat:send', { channelId: channel.id, clientMsgId: `pwa-${Date.now()}`, body: '@suzuki.somu 確認をお願いします' });
    expect(ack.ok).toBe(true);
    // Polled in the page: no event tells a page that its worker showed a notification. (waitForFunction would not
    // do: it takes the predicate's promise itself for a truthy answer.)
    const shown = await page.evaluate(async (tag) => {
      const registration = await navigator.serviceWorker.ready;
      for (let tries = 0; tries < 60; tries++) {
        const [n] = await registration.getNotifications({ tag });
        if (n) return { title: n.title, body: n.body, data: n.data as unknown };
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return null;
    }, ack.message.id);
    expect(shown).toEqual({
      title: expect.stringContaining('通知の確認'),
      body: '@suzuki.somu 確認をお願いします',
      data: { path: `/chat/${channel.id}` },
    });
    // The worker's notificationclick, as the system would fire it: the open app goes to the channel.
    const [worker] = context.serviceWorkers();
    await worker.evaluate(async (tag) => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(e: Event): boolean };
      const [notification] = await scope.registration.getNotifications({ tag });
      const NotificationEventCtor = (self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent;
      scope.dispatchEvent(new NotificationEventCtor('notificationclick', { notification }));
    }, ack.message.id);
    await page.waitForURL(`${suite.server.url}/chat/${channel.id}`);
    await page.getByRole('heading', { name: '通知の確認' }).waitFor();
    await context.close();
  });
});
