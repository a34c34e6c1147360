import type { ServerToClientEvents } from '@yakuba/contracts';
import type { AppSocket } from '../api/socket';

/** A listener paired with its event, checked against the contract's map. */
type Listeners = ServerToClientEvents & { connect: () => void; disconnect: () => void };
export type SocketHandler = { [K in keyof Listeners]: [K, Listeners[K]] }[keyof Listeners];

/**
 * The frame of a browser store that lives on the socket (chat, disasters): a version and listeners for
 * useSyncExternalStore, the socket handlers attached on start and detached on stop, `connected`, a periodic tick, an
 * outbox flushed one run at a time, and "back online". Subclasses say what to listen to (`socketHandlers`), what to
 * do once connected (`afterConnect`), how to send what waits (`flushEntries`) and whether anything does (`hasWaiting`).
 */
export abstract class SocketStore {
  connected = false;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private flushing = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  protected constructor(
    protected readonly socket: AppSocket,
    private readonly tickMs: number,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  protected changed(): void {
    this.version++;
    this.listeners.forEach((l) => l());
  }

  /** The store's own socket events (connect and disconnect are the frame's). Each handler must be a stable reference. */
  protected abstract socketHandlers(): SocketHandler[];

  /** Just (re)connected: load what was missed, then flush. */
  protected abstract afterConnect(): void;

  /** Sends what waits, in order; called by `flush`, never twice at once. */
  protected abstract flushEntries(): Promise<void>;

  /** Something waits to be sent. */
  protected abstract hasWaiting(): boolean;

  /** Every tickMs while started: by default, resend what waits (an ack lost with the network is retried). */
  protected tick(): void {
    void this.flush();
  }

  /** Extra listeners and loads of a subclass, at start and stop. */
  protected onStart(): void {}
  protected onStop(): void {}

  private handlers(): SocketHandler[] {
    return [['connect', this.onConnect], ['disconnect', this.onDisconnect], ...this.socketHandlers()];
  }

  start(): void {
    for (const [event, handler] of this.handlers()) this.socket.on(event, handler);
    window.addEventListener('online', this.onOnline);
    this.timer = setInterval(this.onTick, this.tickMs);
    this.onStart();
    if (this.socket.connected) this.onConnect();
  }

  stop(): void {
    for (const [event, handler] of this.handlers()) this.socket.off(event, handler);
    window.removeEventListener('online', this.onOnline);
    clearInterval(this.timer);
    this.onStop();
  }

  async flush(): Promise<void> {
    if (this.flushing || !this.socket.connected) return;
    this.flushing = true;
    try {
      await this.flushEntries();
    } finally {
      this.flushing = false;
    }
  }

  private readonly onTick = () => this.tick();

  private readonly onConnect = () => {
    this.connected = true;
    this.changed();
    this.afterConnect();
  };

  private readonly onDisconnect = () => {
    this.connected = false;
    this.changed();
  };

  /**
   * Back online: a socket that lived through the outage may be dead without knowing it yet (no close frame), so
   * when something waits it is replaced at once instead of after the ping timeout; connect → load → flush.
   */
  private readonly onOnline = () => {
    if (this.hasWaiting() && this.socket.connected) {
      this.socket.disconnect();
      this.socket.connect();
    } else void this.flush();
  };
}
