/**
 * The page's side of the service worker (src/shell/service-worker.ts, built to /sw.js): registration, a new build
 * waiting to take over (the shell offers 「更新」 instead of swapping code under an open form), notifications shown
 * through the worker, and the worker's "open this page" after a notification click.
 */

type Listener = () => void;
const listeners = new Set<Listener>();
let waiting: ServiceWorker | null = null;

export const updateState = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** A new build's worker is installed and waits for this page's go-ahead. */
  ready: (): boolean => waiting !== null,
};

function setWaiting(worker: ServiceWorker | null): void {
  waiting = worker;
  listeners.forEach((l) => l());
}

/** Registers /sw.js in a built client (the dev server has no worker: Vite serves modules as they change). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const hadController = navigator.serviceWorker.controller !== null;
  // The new build took over (after 「更新」): load it. Never on the first install (it controls the next load only).
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController || reloading) return;
    reloading = true;
    window.location.reload();
  });
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((registration) => {
        if (registration.waiting && navigator.serviceWorker.controller) setWaiting(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed' && navigator.serviceWorker.controller) setWaiting(installing);
          });
        });
        // A long-open tab (a tablet left on the meeting room) still learns of a new build.
        setInterval(() => void registration.update().catch(() => undefined), 30 * 60_000);
      })
      .catch(() => undefined);
  });
}

/** Lets the waiting build take over; `controllerchange` then reloads the page. */
export function applyUpdate(): void {
  waiting?.postMessage({ type: 'yakuba:skip-waiting' });
}

/** The worker asks the page to open a path (a notification was clicked): the router goes there without a reload. */
export function onWorkerNavigate(navigate: (path: string) => void): () => void {
  if (!('serviceWorker' in navigator)) return () => undefined;
  const handler = (event: MessageEvent) => {
    const data = event.data as { type?: string; path?: unknown } | null;
    if (data?.type === 'yakuba:navigate' && typeof data.path === 'string' && data.path.startsWith('/')) navigate(data.path);
  };
  navigator.serviceWorker.addEventListener('message', handler);
  return () => navigator.serviceWorker.removeEventListener('message', handler);
}

/**
 * A notification while the app is open, shown by the service worker (registration.showNotification): it stays in
 * the system's list, works where `new Notification` is refused (Chrome on Android), and a click focuses the app at
 * `path`. Without a worker (the dev server), the page's own Notification. The tag is the message id: a push for
 * the same message replaces it instead of showing twice.
 */
export function showAppNotification(title: string, body: string, tag: string, path: string, options: { urgent?: boolean } = {}): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  // `renotify` is in the Notifications standard and in Chromium, not in TypeScript's DOM types.
  const init: NotificationOptions & { renotify?: boolean } = { body: body.slice(0, 140), tag, icon: '/icons/icon-192.png', data: { path } };
  if (options.urgent) Object.assign(init, { renotify: true, requireInteraction: true });
  const fallback = () => {
    const n = new Notification(title, init);
    n.onclick = () => {
      window.focus();
      window.location.assign(path);
    };
  };
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return fallback();
  void navigator.serviceWorker.ready.then((registration) => registration.showNotification(title, init)).catch(fallback);
}
