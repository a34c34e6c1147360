/** Web Push (libs/push): the server's switch, each device's subscription, and what a push carries to the service worker. */

/** `GET /api/push/config`: off by default (inside LGWAN no browser push service is reachable). */
export interface PushConfigView {
  enabled: boolean;
  /** The VAPID public key (base64url) for `pushManager.subscribe({ applicationServerKey })`; null when off. */
  publicKey: string | null;
}

/** One device's subscription, as `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionInput {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

export interface PushSubscriptionView {
  id: string;
  /** The push service's host (fcm.googleapis.com, …): never the whole endpoint, which is a capability. */
  endpointHost: string;
  userAgent: string | null;
  createdAt: string;
  lastSuccessAt: string | null;
}

/** The JSON a push carries, decrypted by the browser and shown by the service worker. */
export interface PushPayload {
  title: string;
  body: string;
  /** Notifications with one tag replace each other (the message id: an in-page one and a push do not show twice). */
  tag: string;
  /** Where a click opens the app. */
  path: string;
  urgent: boolean;
}
