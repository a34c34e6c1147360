import {
  drillLabel,
  type ChatServerEvents,
  type DamageReportInput,
  type DamageReportView,
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
import { photoStore } from './photo-store';
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
type DamageEntry = Extract<OutboxEntry, { kind: 'damage' }>;
export type DamageOutcome = { sent: true; report: DamageReportView } | { sent: false; queued: true } | { sent: false; error: string };

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
    return this.outbox.all().filter((e) => e.kind === 'ack' || e.kind === 'roll-call' || e.kind === 'duty' || e.kind === 'damage');
  }

  waitingDamage(disasterId: string): DamageEntry[] {
    return this.outbox.all().filter((e): e is DamageEntry => e.kind === 'damage' && e.disasterId === disasterId);
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

  /**
   * A damage report with its photos: sent now if connected; else kept, its photos in IndexedDB, and sent when the
   * connection returns, filed once whatever the resends (its clientReportId is the entry's id). Refused when sent
   * at once (a photo of the wrong type): nothing is kept, the form shows why.
   */
  async reportDamage(
    disasterId: string,
    input: DamageReportInput,
    photos: File[],
    onProgress?: (fraction: number) => void,
  ): Promise<DamageOutcome> {
    const entry: DamageEntry = { kind: 'damage', id: newEntryId(), disasterId, input, photos: photos.length, at: new Date().toISOString() };
    entry.input = { ...input, clientReportId: entry.id };
    try {
      if (photos.length) await photoStore.put(entry.id, photos);
    } catch {
      // No IndexedDB (a locked-down browser): the report can only go now.
      return this.sendDamageNow(entry, photos, onProgress);
    }
    this.outbox.add(entry);
    this.changed();
    if (!this.socket.connected) return { sent: false, queued: true };
    const res = await this.deliverDamage(entry, photos, onProgress);
    if (res === 'queued') return { sent: false, queued: true };
    if (typeof res === 'string') {
      this.discard(entry.id);
      return { sent: false, error: res };
    }
    return { sent: true, report: res };
  }

  private async sendDamageNow(entry: DamageEntry, photos: File[], onProgress?: (fraction: number) => void): Promise<DamageOutcome> {
    try {
      return { sent: true, report: await disastersApi.reportDamage(entry.disasterId, entry.input, photos, onProgress) };
    } catch (error) {
      return { sent: false, error: error instanceof ApiError ? (error.body?.code ?? 'bad_request') : 'unavailable' };
    }
  }

  discard(id: string): void {
    const entry = this.outbox.all().find((e) => e.id === id);
    this.outbox.remove(id);
    if (entry?.kind === 'damage' && entry.photos) void photoStore.remove(id).catch(() => undefined);
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
    if (entry.kind === 'duty' || entry.kind === 'damage') {
      const res = entry.kind === 'duty' ? await this.deliverDuty(entry) : await this.deliverDamage(entry);
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

  /** Duty responses go over HTTP (the route is the contract's). */
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
      return this.failedOrQueued(entry.id, error);
    }
  }

  /**
   * After an HTTP send that threw: a 4xx other than 408/429 will not change by asking again (the entry is marked
   * failed, its code answered); anything else (offline, a server restarting) leaves it queued for the next flush.
   */
  private failedOrQueued(entryId: string, error: unknown): string {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
      const code = error.body?.code ?? 'bad_request';
      this.outbox.markFailed(entryId, code);
      this.changed();
      return code;
    }
    return 'queued';
  }

  /** A damage report over HTTP (multipart with its photos). */
  private async deliverDamage(
    entry: DamageEntry,
    photos?: File[],
    onProgress?: (fraction: number) => void,
  ): Promise<DamageReportView | 'queued' | string> {
    try {
      const files = photos ?? (entry.photos ? await photoStore.get(entry.id) : []);
      const report = await disastersApi.reportDamage(entry.disasterId, entry.input, files, onProgress);
      this.outbox.remove(entry.id);
      if (entry.photos) void photoStore.remove(entry.id).catch(() => undefined);
      void queryClient.invalidateQueries({ queryKey: disasterKeys.damage(entry.disasterId) });
      this.changed();
      return report;
    } catch (error) {
      return this.failedOrQueued(entry.id, error);
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
      const next = this.outbox.all().find((e) => !tried.has(e.id) && !('failed' in e && e.failed));
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
