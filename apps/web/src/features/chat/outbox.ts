import type { PendingMessage } from './chat-types';

/**
 * What the browser owes the server, kept until the server acknowledges each item: in localStorage under `key`
 * (per user), so that it survives a reload and a network drop. Used by chat's outbox and the disasters outbox.
 */
export class StoredQueue<T> {
  protected items: T[];

  constructor(
    private readonly key: string,
    private readonly idOf: (item: T) => string,
  ) {
    try {
      const raw = localStorage.getItem(key);
      this.items = raw ? (JSON.parse(raw) as T[]) : [];
    } catch {
      this.items = [];
    }
  }

  all(): T[] {
    return this.items;
  }

  add(item: T): void {
    this.replace([...this.items, item]);
  }

  remove(id: string): void {
    const rest = this.items.filter((i) => this.idOf(i) !== id);
    if (rest.length !== this.items.length) this.replace(rest);
  }

  /** Changes one item in place (its position, and so its turn, is kept). */
  protected update(id: string, change: (item: T) => T): void {
    this.replace(this.items.map((i) => (this.idOf(i) === id ? change(i) : i)));
  }

  protected replace(items: T[]): void {
    this.items = items;
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items));
    } catch {
      /* storage full or disabled: the items stay in memory until acknowledged */
    }
  }
}

/**
 * Unsent messages survive a reload and a network drop: they live in localStorage (per user) until the server
 * acknowledges them, and are resent with the same clientMsgId, which the server never stores twice.
 */
export class Outbox extends StoredQueue<PendingMessage> {
  constructor(userId: string) {
    super(`yakuba.chat.outbox.${userId}`, (m) => m.clientMsgId);
  }

  markFailed(clientMsgId: string, reason: string): void {
    this.update(clientMsgId, (i) => ({ ...i, failed: reason }));
  }
}

export function newClientMsgId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
