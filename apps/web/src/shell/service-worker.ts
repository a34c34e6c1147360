/**
 * Yakuba's service worker, hand-written (no library: a shell cache, a navigation fallback and notifications are a
 * page of code). Vite's `yakubaServiceWorker` plugin (vite.config.mts) compiles this file to /sw.js and replaces
 * the build placeholder below with the build's id and file list.
 *
 * - Precaches the app shell (index.html, the entry and feature chunks, styles, manifest, icons) of this build in a
 *   cache named after the build; other hashed files (fonts, pdf.js) are cached when first fetched.
 * - Navigations go to the network (index.html is `no-cache`: a new release is seen at once) and fall back to the
 *   cached shell offline, so the installed app opens without a network and shows what the browser still holds
 *   (the chat outbox, the remembered user).
 * - Never touches /api, /socket.io or /pdfjs: data is never served from a cache here.
 * - A new build installs beside the old one and waits; the page offers 「更新」 and posts `yakuba:skip-waiting`; the
 *   old build's cache is deleted when the new one takes over.
 * - Shows pushes (Web Push, libs/push) and opens the app at the notification's page when one is clicked.
 */

// Types of the worker's scope (the web client's TypeScript has the DOM library, not the webworker one).
interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
/** The Static Routing API (Chromium 123+): requests matching a rule never reach the fetch handler. */
interface SwInstallEvent extends SwExtendableEvent {
  addRoutes?(rules: { condition: { urlPattern: string }; source: 'network' }[]): Promise<void>;
}
interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface SwPushEvent extends SwExtendableEvent {
  readonly data: { json(): unknown; text(): string } | null;
}
interface SwNotificationEvent extends SwExtendableEvent {
  readonly notification: Notification;
}
interface SwMessageEvent extends SwExtendableEvent {
  readonly data: unknown;
}
interface SwWindowClient {
  readonly url: string;
  readonly focused: boolean;
  focus(): Promise<SwWindowClient>;
  postMessage(message: unknown): void;
}
interface SwScope {
  readonly registration: ServiceWorkerRegistration;
  readonly location: Location;
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<SwWindowClient[]>;
    openWindow(url: string): Promise<SwWindowClient | null>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install', listener: (event: SwInstallEvent) => void): void;
  addEventListener(type: 'activate', listener: (event: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
  addEventListener(type: 'push', listener: (event: SwPushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: SwNotificationEvent) => void): void;
  addEventListener(type: 'message', listener: (event: SwMessageEvent) => void): void;
}

declare const __YAKUBA_BUILD__: { id: string; precache: string[] };

const worker = self as unknown as SwScope;
const BUILD = __YAKUBA_BUILD__;
const CACHE_PREFIX = 'yakuba-shell-';
const CACHE = `${CACHE_PREFIX}${BUILD.id}`;
const SHELL = '/index.html';
/** Data and live connections: always the network, never a cache (and the browser's own handling, untouched). */
const NEVER = ['/api/', '/socket.io/', '/pdfjs/'];

/**
 * Straight to the network, without waking the worker: data and live connections, and the web fonts. The meeting
 * room's 18 alias faces take each Noto subset from the page's memory cache once the page's own face has loaded it
 * (features/meetings/japanese-pdf-fonts.ts); a font answered by the worker is not reused that way and would be
 * fetched again (test/browser/meeting-assets.browser-spec.ts). Browsers without static routing use the fetch handler.
 */
const NETWORK_ROUTES = ['/api/*', '/socket.io/*', '/pdfjs/*', '/assets/*.woff2', '/assets/*.woff'];

worker.addEventListener('install', (event) => {
  if (event.addRoutes)
    event.waitUntil(event.addRoutes(NETWORK_ROUTES.map((urlPattern) => ({ condition: { urlPattern }, source: 'network' as const }))).catch(() => undefined));
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: from the server, not from an HTTP cache that may still hold the previous build's index.html.
      .then((cache) => cache.addAll(BUILD.precache.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      // No clients.claim(): the page open at the first install stays uncontrolled until its next load, so nothing
      // changes under a session (a page taken over midway asked for the meeting room's fonts twice).
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

worker.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'yakuba:skip-waiting') void worker.skipWaiting();
});

async function shellResponse(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(SHELL, { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
}

async function assetResponse(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed files never change: keep them for this build (fonts, pdf.js's chunk, a feature not precached).
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) await cache.put(request, response.clone());
  return response;
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || NEVER.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (/\.woff2?$/.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(shellResponse(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || BUILD.precache.includes(url.pathname)) event.respondWith(assetResponse(request));
});

interface PushData {
  title?: unknown;
  body?: unknown;
  tag?: unknown;
  path?: unknown;
  urgent?: unknown;
}

worker.addEventListener('push', (event) => {
  let data: PushData;
  try {
    data = (event.data?.json() ?? {}) as PushData;
  } catch {
    data = { body: event.data?.text() };
  }
  const urgent = data.urgent === true;
  const options: NotificationOptions & { renotify?: boolean } = {
    body: typeof data.body === 'string' ? data.body : '',
    tag: typeof data.tag === 'string' ? data.tag : undefined,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { path: typeof data.path === 'string' && data.path.startsWith('/') ? data.path : '/' },
  };
  if (urgent) Object.assign(options, { renotify: true, requireInteraction: true });
  event.waitUntil(worker.registration.showNotification(typeof data.title === 'string' ? data.title : 'Yakuba', options));
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const raw = (event.notification.data as { path?: unknown } | null)?.path;
  const path = typeof raw === 'string' && raw.startsWith('/') ? raw : '/';
  event.waitUntil(
    (async () => {
      const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => w.focused) ?? windows[0];
      if (open) {
        // The open app goes there through its router (shell/service-worker-client.ts), keeping its state.
        open.postMessage({ type: 'yakuba:navigate', path });
        await open.focus().catch(() => undefined);
        return;
      }
      await worker.clients.openWindow(path);
    })(),
  );
});

// A module (its names stay its own); the build drops this line: /sw.js is a classic script.
export {};
