import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import type { ChatPresencePayload, ChatTypingPayload, PresenceMap, PresenceStatus } from '@yakuba/contracts';
import { DomainEvents, RealtimeService, type SocketCaller } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';

type SocketStatus = ChatPresencePayload['status'];

/**
 * Who is here and who is typing: ephemeral, held in this process only. A user's status combines their sockets
 * (tabs and devices): online if any socket is online, away if all are away, offline with no socket. A change of
 * that combined status, and every typing signal, is published for ChatNotifier to relay.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  /** userId → socketId → the status that socket reports. */
  private readonly sockets = new Map<string, Map<string, SocketStatus>>();
  private readonly subscription = new Subscription();

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
    private readonly channels: ChannelAccessService,
  ) {}

  onModuleInit(): void {
    this.subscription.add(this.realtime.connected.subscribe(({ socket, user }) => this.setSocketStatus(user.id, socket.id, 'online')));
    this.subscription.add(this.realtime.disconnected.subscribe(({ socket, user }) => this.setSocketStatus(user.id, socket.id, null)));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** `chat:presence`: sets the calling socket's status (tab hidden → away) and answers everyone's. */
  report({ user, socketId }: SocketCaller, { status }: ChatPresencePayload): { presence: PresenceMap } {
    this.setSocketStatus(user.id, socketId, status);
    return { presence: this.all() };
  }

  /** `chat:typing`: members only; relayed to the channel's other sockets, not stored. */
  async typing({ user, socketId }: SocketCaller, { channelId, threadRootId }: ChatTypingPayload): Promise<object> {
    await this.channels.access(user, channelId, 'member');
    this.events.publish('chat.typing', {
      typing: { channelId, userId: user.id, ...(threadRootId ? { threadRootId } : {}) },
      exceptSocketId: socketId,
    });
    return {};
  }

  statusOf(userId: string): PresenceStatus {
    const sockets = this.sockets.get(userId);
    if (!sockets || sockets.size === 0) return 'offline';
    return [...sockets.values()].includes('online') ? 'online' : 'away';
  }

  all(): PresenceMap {
    const result: PresenceMap = {};
    for (const userId of this.sockets.keys()) result[userId] = this.statusOf(userId);
    return result;
  }

  private setSocketStatus(userId: string, socketId: string, status: SocketStatus | null): void {
    const before = this.statusOf(userId);
    const sockets = this.sockets.get(userId) ?? new Map<string, SocketStatus>();
    if (status) sockets.set(socketId, status);
    else sockets.delete(socketId);
    if (sockets.size) this.sockets.set(userId, sockets);
    else this.sockets.delete(userId);
    const after = this.statusOf(userId);
    if (before !== after) this.events.publish('chat.presence-changed', { userId, status: after });
  }
}
