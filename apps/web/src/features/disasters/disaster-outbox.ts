import type { DisasterRollCallPayload } from '@yakuba/contracts';
import { newClientMsgId } from '../chat/outbox';

/**
 * What the browser owes the server for disasters, kept like chat's outbox (localStorage, per user) until the server
 * acknowledges it: receipts (delivered, opened), 確認しました, and roll-call answers. Each entry carries an id that
 * the server uses as an idempotency key (clientAckId, clientAnswerId), so a resend after a lost ack counts once.
 */
export type OutboxEntry =
  | { kind: 'delivered'; id: string; messageIds: string[] }
  | { kind: 'opened'; id: string; messageId: string }
  | { kind: 'ack'; id: string; messageId: string; disasterId: string; at: string }
  | { kind: 'roll-call'; id: string; payload: DisasterRollCallPayload; at: string; failed?: string };

export class DisasterOutbox {
  private readonly key: string;
  private items: OutboxEntry[];

  constructor(userId: string) {
    this.key = `yakuba.disasters.outbox.${userId}`;
    try {
      const raw = localStorage.getItem(this.key);
      this.items = raw ? (JSON.parse(raw) as OutboxEntry[]) : [];
    } catch {
      this.items = [];
    }
  }

  all(): OutboxEntry[] {
    return this.items;
  }

  /** Adds an entry; a newer roll-call answer for the same disaster replaces the one still waiting. */
  add(entry: OutboxEntry): void {
    const rest =
      entry.kind === 'roll-call'
        ? this.items.filter((i) => !(i.kind === 'roll-call' && i.payload.disasterId === entry.payload.disasterId))
        : this.items;
    this.items = [...rest, entry];
    this.save();
  }

  remove(id: string): void {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.id !== id);
    if (this.items.length !== before) this.save();
  }

  markFailed(id: string, code: string): void {
    this.items = this.items.map((i) => (i.id === id && i.kind === 'roll-call' ? { ...i, failed: code } : i));
    this.save();
  }

  acknowledged(messageId: string): boolean {
    return this.items.some((i) => i.kind === 'ack' && i.messageId === messageId);
  }

  private save(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items));
    } catch {
      /* storage full or disabled: the entry stays in memory until acknowledged */
    }
  }
}

export const newEntryId = newClientMsgId;
