/**
 * Who draws next, when more pages are asked for than there are renderer threads. Requesters (users) take turns:
 * each turn starts the oldest page of the next requester in the round that may start, and that requester goes to
 * the back. Caps keep any one requester and any one document below the size of the pool, so a document whose
 * pages all take the full time limit, or a user asking for a hundred thumbnails, always leaves a thread for the
 * next meeting. Pure bookkeeping: the renderer (page-renderer.ts) calls take() whenever a thread is free.
 */
export interface QueueLimits {
  /** Pages drawn at once (threads in the pool). */
  slots: number;
  /** Pages of one requester drawn at once. */
  perRequester: number;
  /** Pages of one document drawn at once. */
  perDocument: number;
  /** Pages one requester may have waiting; more is refused (rate limited) instead of queued. */
  maxWaitingPerRequester: number;
}

export interface QueueTicket {
  requester: string;
  document: string;
}

export class FairQueue<T extends QueueTicket> {
  /** Requesters with waiting items, in the order of their next turn (a Map keeps insertion order). */
  private readonly waiting = new Map<string, T[]>();
  private readonly byRequester = new Map<string, number>();
  private readonly byDocument = new Map<string, number>();
  private runningCount = 0;

  constructor(readonly limits: QueueLimits) {}

  get running(): number {
    return this.runningCount;
  }

  get queued(): number {
    let n = 0;
    for (const items of this.waiting.values()) n += items.length;
    return n;
  }

  /** Adds an item at the end of its requester's line; false when that line is full. */
  push(item: T): boolean {
    const line = this.waiting.get(item.requester);
    if (line && line.length >= this.limits.maxWaitingPerRequester) return false;
    if (line) line.push(item);
    else this.waiting.set(item.requester, [item]);
    return true;
  }

  /** The next item that may start now (and counts it as running), or undefined. */
  take(): T | undefined {
    if (this.runningCount >= this.limits.slots) return undefined;
    for (const [requester, line] of this.waiting) {
      if ((this.byRequester.get(requester) ?? 0) >= this.limits.perRequester) continue;
      const index = line.findIndex((item) => (this.byDocument.get(item.document) ?? 0) < this.limits.perDocument);
      if (index < 0) continue;
      const [item] = line.splice(index, 1);
      // Served: to the back of the round.
      this.waiting.delete(requester);
      if (line.length) this.waiting.set(requester, line);
      this.count(item, 1);
      return item;
    }
    return undefined;
  }

  /** A running item finished (drawn, failed or stopped). */
  done(item: T): void {
    this.count(item, -1);
  }

  /** Takes a waiting item out of line (its caller gave up); false if it was not waiting. */
  remove(item: T): boolean {
    const line = this.waiting.get(item.requester);
    const index = line?.indexOf(item) ?? -1;
    if (!line || index < 0) return false;
    line.splice(index, 1);
    if (!line.length) this.waiting.delete(item.requester);
    return true;
  }

  private count(item: T, delta: number): void {
    this.runningCount += delta;
    for (const [map, key] of [
      [this.byRequester, item.requester],
      [this.byDocument, item.document],
    ] as const) {
      const n = (map.get(key) ?? 0) + delta;
      if (n > 0) map.set(key, n);
      else map.delete(key);
    }
  }
}

/** Caps for a pool of `slots` threads: one requester or one document may use all but one of them. */
export function fairLimits(slots: number, maxWaitingPerRequester = 64): QueueLimits {
  const share = Math.max(1, slots - 1);
  return { slots, perRequester: share, perDocument: share, maxWaitingPerRequester };
}
