import type { PushConfigView, PushSubscriptionInput, PushSubscriptionView } from '@yakuba/contracts';
import { api } from '../api/client';

/** Web Push on this device (the account page's switch): the browser's subscription and the server's record of it. */
export const pushApi = {
  config: () => api<PushConfigView>('GET', '/api/push/config'),
  mine: () => api<PushSubscriptionView[]>('GET', '/api/push/subscriptions'),
  subscribe: (subscription: PushSubscriptionInput) => api<PushSubscriptionView>('POST', '/api/push/subscriptions', subscription),
  remove: (id: string) => api('DELETE', `/api/push/subscriptions/${encodeURIComponent(id)}`),
  test: () => api<{ sent: number; failed: number; removed: number }>('POST', '/api/push/test'),
};

/** The server's id of this device's subscription, per user (another account on a shared device has its own). */
const key = (userId: string) => `yakuba.push.${userId}`;

export function devicePushId(userId: string): string | null {
  try {
    return localStorage.getItem(key(userId));
  } catch {
    return null;
  }
}

export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Asks for permission, subscribes with the server's VAPID key and registers the subscription for this user. */
export async function enableDevicePush(userId: string, publicKey: string): Promise<PushSubscriptionView> {
  if ((await Notification.requestPermission()) !== 'granted') throw new Error('permission');
  const registration = await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) }));
  const saved = await pushApi.subscribe(subscription.toJSON() as PushSubscriptionInput);
  localStorage.setItem(key(userId), saved.id);
  return saved;
}

/** Forgets this device on the server and in the browser (switched off, or signing out of a shared device). */
export async function forgetDevicePush(userId: string): Promise<void> {
  const id = devicePushId(userId);
  if (!id) return;
  localStorage.removeItem(key(userId));
  await pushApi.remove(id).catch(() => undefined);
  const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
}
