import type { DamageReportInput, DisasterRollCallPayload } from '@yakuba/contracts';
import { newClientMsgId, StoredQueue } from '../chat/outbox';

/**
 * What the browser owes the server for disasters, kept like chat's outbox (the same StoredQueue: localStorage, per
 * user) until the server acknowledges it: receipts (delivered, opened), 確認しました, roll-call answers, duty
 * responses and damage reports (their photos wait in IndexedDB, photo-store.ts). Each entry carries an id that the
 * server uses as an idempotency key (clientAckId, clientAnswerId, clientReportId); a duty response is idempotent by
 * its content (the same answer again changes nothing), so a resend after a lost answer counts once.
 */
export type OutboxEntry =
  | { kind: 'delivered'; id: string; messageIds: string[] }
  | { kind: 'opened'; id: string; messageId: string }
  | { kind: 'ack'; id: string; messageId: string; disasterId: string; at: string }
  | { kind: 'roll-call'; id: string; payload: DisasterRollCallPayload; at: string; failed?: string }
  | { kind: 'duty'; id: string; disasterId: string; dutyId: string; state: 'confirmed' | 'unavailable'; at: string; failed?: string }
  | { kind: 'damage'; id: string; disasterId: string; input: DamageReportInput; photos: number; at: string; failed?: string };

export class DisasterOutbox extends StoredQueue<OutboxEntry> {
  constructor(userId: string) {
    super(`yakuba.disasters.outbox.${userId}`, (e) => e.id);
  }

  /** Adds an entry; a newer roll-call answer (for the same disaster) or duty response replaces the one still waiting. */
  override add(entry: OutboxEntry): void {
    const rest =
      entry.kind === 'roll-call'
        ? this.items.filter((i) => !(i.kind === 'roll-call' && i.payload.disasterId === entry.payload.disasterId))
        : entry.kind === 'duty'
          ? this.items.filter((i) => !(i.kind === 'duty' && i.dutyId === entry.dutyId))
          : this.items;
    this.replace([...rest, entry]);
  }

  markFailed(id: string, code: string): void {
    this.update(id, (i) => (i.kind === 'roll-call' || i.kind === 'duty' || i.kind === 'damage' ? { ...i, failed: code } : i));
  }

  acknowledged(messageId: string): boolean {
    return this.items.some((i) => i.kind === 'ack' && i.messageId === messageId);
  }
}

export const newEntryId = newClientMsgId;
