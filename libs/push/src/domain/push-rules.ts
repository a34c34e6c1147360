/**
 * Web Push rules, pure: which push services the server may post to, what a valid subscription is, who is pushed for
 * a chat message, and what the push says.
 */

/**
 * The browsers' own push services (Chrome/Edge on Android and desktop, Firefox, Edge on Windows, Safari). The server
 * posts to a subscription's endpoint URL, which the browser chose but a user could forge: only these hosts (or those
 * of WEB_PUSH_ALLOWED_HOSTS) are accepted, so a subscription cannot make the server post into the town hall's network.
 */
export const DEFAULT_PUSH_HOSTS = ['fcm.googleapis.com', 'android.googleapis.com', '.push.services.mozilla.com', '.notify.windows.com', '.push.apple.com'];

/** `host` is one of `allowed`: equal, or under an entry that starts with a dot (`.push.apple.com`). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('.') ? h.endsWith(e) && h.length > e.length : h === e;
  });
}

export interface SubscriptionFields {
  endpoint: string;
  p256dh: string;
  auth: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+=*$/;

function base64urlBytes(value: string): Uint8Array | undefined {
  if (!BASE64URL.test(value)) return undefined;
  const clean = value.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (clean.length % 4 === 1) return undefined;
  const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Why a subscription is refused (a field name and a reason, for the 400's message), or null. The endpoint is an
 * https URL on an allowed host without credentials; p256dh an uncompressed P-256 point (65 bytes, 0x04 first);
 * auth 16 bytes (RFC 8291).
 */
export function subscriptionProblem(s: SubscriptionFields, allowedHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(s.endpoint);
  } catch {
    return 'endpoint: must be a URL';
  }
  if (url.protocol !== 'https:') return 'endpoint: must be an https URL';
  if (url.username || url.password) return 'endpoint: must not carry credentials';
  if (!hostAllowed(url.hostname, allowedHosts)) return `endpoint: ${url.hostname} is not an allowed push service`;
  const key = base64urlBytes(s.p256dh);
  if (!key || key.length !== 65 || key[0] !== 4) return 'keys.p256dh: must be an uncompressed P-256 public key (base64url)';
  const auth = base64urlBytes(s.auth);
  if (!auth || auth.length !== 16) return 'keys.auth: must be 16 bytes (base64url)';
  return null;
}

export interface PostedMessage {
  authorId: string;
  urgent?: boolean;
  deletedAt?: string;
  mentions: { userIds: string[] };
}

/**
 * Who gets a push for a new message: everyone in the channel but the author for an urgent (disaster) message, the
 * people it @mentions by name otherwise (members only: a mention never reaches outside the channel). Broadcast
 * mentions (@channel, @here) are not pushed: a phone buzzing for each would soon be switched off.
 */
export function pushRecipients(message: PostedMessage, memberIds: readonly string[], systemId: string): string[] {
  if (message.deletedAt) return [];
  const members = new Set(memberIds);
  members.delete(message.authorId);
  members.delete(systemId);
  if (message.urgent) return [...members];
  return [...new Set(message.mentions.userIds)].filter((id) => members.has(id));
}

const MAX_BODY = 140;

/** Markdown marks out, one line, at most 140 characters: a lock screen shows a line or two. */
export function pushBodyText(markdown: string): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MAX_BODY ? `${plain.slice(0, MAX_BODY - 1)}…` : plain;
}

/** The notification's title: 【緊急】 and the channel for an urgent message, else the author and the channel. */
export function pushTitle(input: { urgent: boolean; authorName: string; channelName: string | null }): string {
  if (input.urgent) return `【緊急】${input.channelName ?? ''}`.trim();
  return input.channelName ? `${input.authorName} — ${input.channelName}` : input.authorName;
}
