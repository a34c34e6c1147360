import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subscription } from 'rxjs';
import type { ChatPresencePayload, ChatTypingPayload, PresenceMap, PresenceStatus } from '@yakuba/contracts';
import { DomainEvents, RealtimeService, RedisConnection, type SocketCaller } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { combinePresence, type ConnectedStatus } from './domain/presence';
import { HEARTBEAT_MS, LocalPresenceStore, RedisPresenceStore, type PresenceStore } from './presence-store';

/**
 * Who is here and who is typing. A user's status combines their sockets (tabs and devices, on any node): online if
 * any socket is online, away if all are away, offline with no socket (domain/presence.ts). This node knows its own
 * sockets; the union over nodes is in the PresenceStore (a map for one process, Redis with REDIS_URL). A change of
 * the combined status, and every typing signal, is published for ChatNotifier to relay. Typing is never stored.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('presence');
  /** userId → socketId → the status that socket (held by this node) reports. */
  private readonly sockets = new Map<string, Map<string, ConnectedStatus>>();
  private readonly subscription = new Subscription();
  private readonly store: PresenceStore;
  private heartbeatTimer?: NodeJS.Timeout;

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
    private readonly channels: ChannelAccessService,
    redis: RedisConnection,
  ) {
    this.store = redis.client ? new RedisPresenceStore(redis.client, randomUUID()) : new LocalPresenceStore();
  }

  async onModuleInit(): Promise<void> {
    this.subscription.add(this.realtime.connected.subscribe(({ socket, user }) => this.setSocketStatus(user.id, socket.id, 'online')));
    this.subscription.add(this.realtime.disconnected.subscribe(({ socket, user }) => this.setSocketStatus(user.id, socket.id, null)));
    // Before the first socket: this node counts (its users' statuses are read) only once it has said it is alive.
    await this.beat();
    if (!this.realtime.clustered) return;
    this.heartbeatTimer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.subscription.unsubscribe();
    await this.store.leave().catch(() => undefined);
  }

  /** `chat:presence`: sets the calling socket's status (tab hidden → away) and answers everyone's. */
  async report({ user, socketId }: SocketCaller, { status }: ChatPresencePayload): Promise<{ presence: PresenceMap }> {
    this.setSocketStatus(user.id, socketId, status);
    return { presence: await this.all() };
  }

  /** `chat:typing`: members only; relayed to the channel's other sockets (on every node), not stored. */
  async typing({ user, socketId }: SocketCaller, { channelId, threadRootId }: ChatTypingPayload): Promise<object> {
    await this.channels.access(user, channelId, 'member');
    this.events.publish('chat.typing', {
      typing: { channelId, userId: user.id, ...(threadRootId ? { threadRootId } : {}) },
      exceptSocketId: socketId,
    });
    return {};
  }

  /**
   * Everyone connected to any node (absent = offline). While Redis is away, the users of this node only: a read
   * answers at once, partial, rather than waiting for Redis (writes wait in the client's queue and are sent when
   * it is back).
   */
  all(): Promise<PresenceMap> {
    if (this.store.reachable) return this.store.all();
    const own: PresenceMap = {};
    for (const userId of this.sockets.keys()) own[userId] = this.nodeStatus(userId);
    return Promise.resolve(own);
  }

  private nodeStatus(userId: string): PresenceStatus {
    return combinePresence(this.sockets.get(userId)?.values() ?? []);
  }

  /**
   * Changes of one user on this node reach the store in the order they happen (one connection, commands in order),
   * and their answers come back in that order: the published changes follow one another as they happened.
   */
  private setSocketStatus(userId: string, socketId: string, status: ConnectedStatus | null): void {
    const before = this.nodeStatus(userId);
    const sockets = this.sockets.get(userId) ?? new Map<string, ConnectedStatus>();
    if (status) sockets.set(socketId, status);
    else sockets.delete(socketId);
    if (sockets.size) this.sockets.set(userId, sockets);
    else this.sockets.delete(userId);
    const after = this.nodeStatus(userId);
    if (before !== after) this.write(userId, after);
  }

  private write(userId: string, status: PresenceStatus): void {
    this.store
      .set(userId, status === 'offline' ? null : status)
      .then((change) => {
        if (change.before !== change.after) this.events.publish('chat.presence-changed', { userId, status: change.after });
      })
      .catch((error: unknown) => this.logger.warn(`presence of ${userId} not shared: ${String(error)}`));
  }

  private async beat(): Promise<void> {
    try {
      const { rejoined, changes } = await this.store.heartbeat();
      for (const [userId, status] of changes) this.events.publish('chat.presence-changed', { userId, status });
      // Taken out while Redis was away: this node's users are written again.
      if (rejoined) for (const userId of this.sockets.keys()) this.write(userId, this.nodeStatus(userId));
    } catch (error) {
      this.logger.warn(`presence heartbeat failed: ${String(error)}`);
    }
  }
}
