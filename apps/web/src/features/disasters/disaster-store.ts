import {
  drillLabel,
  type ChatServerEvents,
  type DisasterDutyView,
  type DisasterRollCallPayload,
  type DisasterServerEvents,
  type DisasterView,
  type MyUrgentView,
  type RollCallAnswerView,
} from '@yakuba/contracts';
import type { AppSocket } from '../../api/socket';
import { SocketStore, type SocketHandler } from '../../shared/socket-store';
import { ApiError } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { translate } from '../../i18n/i18n';
import { showNotification } from '../chat/notifications';
import { playAlertSound } from './alert-sound';
import { DisasterOutbox, newEntryId, type OutboxEntry } from './disaster-outbox';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { disastersMessages } from './messages';

/** A pending urgent message alerts again (sound, notification) this long after its last alert. */
export const REALERT_MS = 3 * 60_000;
const TICK_MS = 15_000;
/** Answers that asking again will not change: the entry is dropped (an ack) or shown as failed (a roll-call answer). */
const NON_RETRYABLE = new Set(['bad_request', 'forbidden', 'not_found', 'conflict', 'too_large']);

type Ack<T> = { ok: true } & T;
type Failure = { ok: false; error: { code: string; message: string } };

export type RollCallOutcome = { sent: true; answer: RollCallAnswerView } | { sent: false; queued: true } | { sent: false; error: string };
export type DutyOutcome = { sent: true; duty: DisasterDutyView } | { sent: false; queued: true } | { sent: false; error: string };
type DutyEntry = Extract<OutboxEntry, { kind: 'duty' }>;

/**
 * The browser's side of urgent messages and offline answers, for the whole signed-in session (every page):
 * - keeps the urgent messages this person has not acknowledged (from `GET /disasters/urgent/mine` on every connect,
 *   then live from `chat:message` with `urgent` and `disaster:renotify`), for the overlay;
 * - sends the receipts (delivered when received, opened when shown) and 確認しました through an outbox that survives
 *   reloads and network loss, flushed on every (re)connect, each entry with its idempotency key;
 * - re-alerts a pending message every REALERT_MS by itself (sound through WebAudio, a browser notification where
 *   permitted).
 * Components read it through useDisasterStore() (useSyncExternalStore).
 */
export class DisasterStore extends SocketStore {
  readonly outbox: DisasterOutbox;
  readonly pending = new Map<string, MyUrgentView>();
  private readonly lastAlert = new Map<string, number>();
  private readonly openedSent = new Set<string>();

  constructor(
    readonly me: { id: string },
    socket: AppSocket,
  ) {
    super(socket, TICK_MS);
    this.outbox = new DisasterOutbox(me.id);
  }

  protected socketHandlers(): SocketHandler[] {
    return [
      ['chat:message', this.onMessage],
      ['disaster:renotify', this.onRenotify],
      ['disaster:closed', this.onClosed],
    ];
  }

  /* ---------- reading ---------- */

  /** Oldest first: the overlay shows the first. */
  queue(): MyUrgentView[] {
    return [...this.pending.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  waiting(): OutboxEntry[] {
    return this.outbox.all().filter((e) => e.kind === 'ack' || e.kind === 'roll-call' || e.kind === 'duty');
  }

  waitingDuty(dutyId: string): DutyEntry | undefined {
    return this.outbox.all().find((e): e is DutyEntry => e.kind === 'duty' && e.dutyId === dutyId);
  }

  waitingRollCall(disasterId: string): Extract<OutboxEntry, { kind: 'roll-call' }> | undefined {
    return this.outbox
      .all()
      .find((e): e is Extract<OutboxEntry, { kind: 'roll-call' }> => e.kind === 'roll-call' && e.payload.disasterId === disasterId);
  }

  /* ---------- writing ---------- */

  /** The overlay is showing this message to the person: the `opened` receipt, once. */
  markOpened(messageId: string): void {
    if (this.openedSent.has(messageId) || document.hidden) return;
    this.openedSent.add(messageId);
    const item = this.pending.get(messageId);
    if (item && (item.receipt.state === 'opened' || item.receipt.state === 'acknowledged')) return;
    this.outbox.add({ kind: 'opened', id: newEntryId(), messageId });
    void this.flush();
  }

  /** 確認しました: off the screen at once, sent now or when the connection returns (counted once either way). */
  acknowledge(messageId: string): void {
    const item = this.pending.get(messageId);
    if (!item) return;
    this.pending.delete(messageId);
    this.outbox.add({ kind: 'ack', id: newEntryId(), messageId, disasterId: item.disasterId, at: new Date().toISOString() });
    this.changed();
    void this.flush();
  }

  /** The caller's own roll-call answer: sent now if connected, else kept and sent on reconnect. */
  async answerRollCall(payload: Omit<DisasterRollCallPayload, 'clientAnswerId'>): Promise<RollCallOutcome> {
    const entry: OutboxEntry = {
      kind: 'roll-call',
      id: newEntryId(),
      payload: { ...payload, clientAnswerId: '' },
      at: new Date().toISOString(),
    };
    entry.payload.clientAnswerId = entry.id;
    this.outbox.add(entry);
    this.changed();
    if (!this.socket.connected) return { sent: false, queued: true };
    const res = await this.deliver(entry);
    if (res === 'queued') return { sent: false, queued: true };
    if (typeof res === 'string') return { sent: false, error: res };
    return res === true ? { sent: false, queued: true } : { sent: true, answer: res };
  }

  /** The holder's answer to a duty (確認 / 参集できない): sent now if connected, else kept and sent on reconnect. */
  async respondDuty(disasterId: string, dutyId: string, state: 'confirmed' | 'unavailable'): Promise<DutyOutcome> {
    const entry: DutyEntry = { kind: 'duty', id: newEntryId(), disasterId, dutyId, state, at: new Date().toISOString() };
    this.outbox.add(entry);
    this.changed();
    if (!this.socket.connected) return { sent: false, queued: true };
    const res = await this.deliverDuty(entry);
    if (res === 'queued') return { sent: false, queued: true };
    if (typeof res === 'string') return { sent: false, error: res };
    return { sent: true, duty: res };
  }

  discard(id: string): void {
    this.outbox.remove(id);
    this.changed();
  }

  /* ---------- sending ---------- */

  private async emit(event: string, payload: unknown): Promise<Ack<Record<string, unknown>> | Failure> {
    // socket.io cannot type a dynamic event name; each call below passes the contract's payload for its event.
    const socket = this.socket.timeout(10_000) as unknown as {
      emitWithAck(e: string, p: unknown): Promise<Ack<Record<string, unknown>> | Failure>;
    };
    return socket.emitWithAck(event, payload);
  }

  /** One entry: the stored answer when the server took it, 'queued' when it must wait, an error code otherwise. */
  private async deliver(entry: OutboxEntry): Promise<RollCallAnswerView | 'queued' | string | true> {
    if (!this.socket.connected) return 'queued';
    if (entry.kind === 'duty') {
      const res = await this.deliverDuty(entry);
      return typeof res === 'string' ? res : true;
    }
    try {
      const res =
        entry.kind === 'delivered'
          ? await this.emit('disaster:delivered', { messageIds: entry.messageIds })
          : entry.kind === 'opened'
            ? await this.emit('disaster:opened', { messageId: entry.messageId })
            : entry.kind === 'ack'
              ? await this.emit('disaster:ack', { messageId: entry.messageId, clientAckId: entry.id })
              : await this.emit('disaster:roll-call', entry.payload);
      if (res.ok) {
        this.outbox.remove(entry.id);
        this.changed();
        if (entry.kind === 'roll-call') {
          void queryClient.invalidateQueries({ queryKey: disasterKeys.rollCall(entry.payload.disasterId) });
          return res.answer as RollCallAnswerView;
        }
        return true;
      }
      if (NON_RETRYABLE.has(res.error.code)) {
        // A closed disaster (conflict) or a message gone: asking again changes nothing.
        if (entry.kind === 'roll-call') this.outbox.markFailed(entry.id, res.error.code);
        else this.outbox.remove(entry.id);
        this.changed();
        return res.error.code;
      }
      return 'queued';
    } catch {
      return 'queued'; // no answer in time: kept, resent with the same id
    }
  }

  /** Duty responses go over HTTP (the route is the contract's); a 4xx other than 408/429 will not change by asking again. */
  private async deliverDuty(entry: DutyEntry): Promise<DisasterDutyView | 'queued' | string> {
    try {
      const duty = await disastersApi.respondDuty(entry.disasterId, entry.dutyId, { state: entry.state });
      this.outbox.remove(entry.id);
      queryClient.setQueryData<DisasterDutyView[]>(disasterKeys.duties(entry.disasterId), (list) =>
        list?.map((d) => (d.id === duty.id ? duty : d)),
      );
      this.changed();
      return duty;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
        const code = error.body?.code ?? 'bad_request';
        this.outbox.markFailed(entry.id, code);
        this.changed();
        return code;
      }
      return 'queued'; // no answer (offline, a server restarting): kept, sent again on the next flush
    }
  }

  protected hasWaiting(): boolean {
    return this.outbox.all().length > 0;
  }

  protected async flushEntries(): Promise<void> {
    // Entries added while sending (an `opened` right after its `delivered`) go in the same run; one whose answer
    // did not come is left for the next flush (reconnect, back online, the periodic tick).
    const tried = new Set<string>();
    for (;;) {
      const next = this.outbox.all().find((e) => !tried.has(e.id) && !((e.kind === 'roll-call' || e.kind === 'duty') && e.failed));
      if (!next || !this.socket.connected) break;
      tried.add(next.id);
      await this.deliver(next);
    }
  }

  /* ---------- receiving ---------- */

  private async loadMine(): Promise<void> {
    const mine = await disastersApi.myUrgent();
    const fresh = new Map(mine.filter((m) => !this.outbox.acknowledged(m.messageId)).map((m) => [m.messageId, m]));
    for (const id of this.pending.keys()) if (!fresh.has(id)) this.pending.delete(id);
    for (const [id, item] of fresh) {
      const known = this.pending.has(id);
      this.pending.set(id, item);
      if (!known) this.alert(item, false);
    }
    const undelivered = mine.filter((m) => m.receipt.state === 'pending').map((m) => m.messageId);
    if (undelivered.length) this.outbox.add({ kind: 'delivered', id: newEntryId(), messageIds: undelivered });
    this.changed();
  }

  /** connect → my pending urgent messages → flush. */
  protected afterConnect(): void {
    void (async () => {
      await this.loadMine().catch(() => undefined);
      await this.flush();
    })();
  }

  private readonly onMessage = ({ message }: ChatServerEvents['chat:message']) => {
    if (!message.urgent || message.authorId === this.me.id || this.pending.has(message.id) || this.outbox.acknowledged(message.id)) return;
    const disaster = (queryClient.getQueryData<DisasterView[]>(disasterKeys.active) ?? []).find((d) => d.channelId === message.channelId);
    if (!disaster) {
      // Declared while this tab did not know it yet: the server's list has the title.
      void this.loadMine().then(() => this.flush());
      return;
    }
    const item: MyUrgentView = {
      disasterId: disaster.id,
      // Labelled as the server's own view of it (GET /disasters/urgent/mine) is: alerts of a drill say 訓練.
      disasterTitle: `${drillLabel(disaster.drill)}${disaster.title}`,
      drill: disaster.drill,
      channelId: message.channelId,
      messageId: message.id,
      seq: message.seq,
      body: message.body,
      createdAt: message.createdAt,
      receipt: {
        messageId: message.id,
        userId: this.me.id,
        state: 'pending',
        deliveredAt: null,
        openedAt: null,
        acknowledgedAt: null,
      },
    };
    this.pending.set(message.id, item);
    this.outbox.add({ kind: 'delivered', id: newEntryId(), messageIds: [message.id] });
    this.alert(item, false);
    this.changed();
    void this.flush();
  };

  private readonly onRenotify = ({ urgent }: DisasterServerEvents['disaster:renotify']) => {
    if (this.outbox.acknowledged(urgent.messageId)) return;
    this.pending.set(urgent.messageId, urgent);
    this.openedSent.delete(urgent.messageId);
    this.alert(urgent, true);
    this.changed();
  };

  private readonly onClosed = ({ disaster }: DisasterServerEvents['disaster:closed']) => {
    for (const [id, item] of this.pending) if (item.disasterId === disaster.id) this.pending.delete(id);
    this.changed();
  };

  /* ---------- alerting ---------- */

  private alert(item: MyUrgentView, renotified: boolean): void {
    this.lastAlert.set(item.messageId, Date.now());
    playAlertSound();
    if (document.hidden || !document.hasFocus() || renotified) {
      showNotification(
        translate(disastersMessages, 'notificationTitle', { title: item.disasterTitle }),
        item.body,
        `urgent-${item.messageId}`,
        `/disasters/${item.disasterId}`,
        { urgent: true },
      );
    }
  }

  /** Every TICK_MS: resend what waits; every REALERT_MS, a pending message asks again by itself. */
  protected override tick(): void {
    void this.flush();
    const now = Date.now();
    const due = this.queue().filter((item) => now - (this.lastAlert.get(item.messageId) ?? 0) >= REALERT_MS);
    if (!due.length) return;
    for (const item of due) this.lastAlert.set(item.messageId, now);
    this.alert(due[0], true);
    this.changed();
  }
}
