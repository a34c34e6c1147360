import type { PendingMessage } from './chat-types';

/**
 * Unsent messages survive a reload and a network drop: they live in localStorage (per user) until the server
 * acknowledges them, and are resent with the same clientMsgId, which the server never stores twice.
 */
export class Outbox {
  private readonly key: string;
  private items: PendingMessage[];

  constructor(userId: string) {
    this.key = `yakuba.chat.outbox.${userId}`;
    try {
      const raw = localStorage.getItem(this.key);
      this.items = raw ? (JSON.parse(raw) as PendingMessage[]) : [];
    } catch {
      this.items = [];
    }
  }

  all(): PendingMessage[] {
    return this.items;
  }

  add(item: PendingMessage): void {
    this.items = [...this.items, item];
    this.save();
  }

  remove(clientMsgId: string): void {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.clientMsgId !== clientMsgId);
    if (this.items.length !== before) this.save();
  }

  markFailed(clientMsgId: string, reason: string): void {
    this.items = this.items.map((i) => (i.clientMsgId === clientMsgId ? { ...i, failed: reason } : i));
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items));
    } catch {
      /* storage full or disabled: the message stays in memory until acknowledged */
    }
  }
}

export function newClientMsgId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
