import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { RealtimeService } from '@yakuba/platform';
import type { ChannelChange, ChannelView, ChatServerEvents, MessageView, PresenceStatus } from '@yakuba/contracts';
import { rows } from './chat-views';

export const channelRoom = (channelId: string) => `chat:${channelId}`;

/**
 * Turns what the chat services committed into socket emits. Messages, updates and read cursors go to the
 * `user:<id>` rooms of the channel's members at the time of the commit: those rooms are joined at the handshake,
 * so a socket that connected a moment ago misses nothing, and a removed member gets nothing more. Channel rooms
 * (`chat:<id>`, joined after a membership check) carry ephemeral events such as typing.
 */
@Injectable()
export class ChatNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('chat');
  private readonly subscriptions: Subscription[] = [];
  /** userId → socketId → the status that socket reports (tabs and devices). */
  private readonly presence = new Map<string, Map<string, 'online' | 'away'>>();

  constructor(
    private readonly realtime: RealtimeService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.realtime.connected.subscribe(({ socket, user }) => {
        this.setSocketPresence(user.id, socket.id, 'online');
        void this.joinChannelRooms(user.id, socket.id);
      }),
      this.realtime.disconnected.subscribe(({ socket, user }) => this.setSocketPresence(user.id, socket.id, null)),
    );
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((s) => s.unsubscribe());
  }

  private async joinChannelRooms(userId: string, socketId: string): Promise<void> {
    try {
      const mine = await rows<{ channel_id: string }>(this.db.manager, 'SELECT channel_id FROM chat_members WHERE user_id = $1', [userId]);
      const socket = this.realtime.io.sockets.sockets.get(socketId);
      if (socket && mine.length) await socket.join(mine.map((r) => channelRoom(r.channel_id)));
    } catch (error) {
      this.logger.warn(`could not join channel rooms: ${String(error)}`);
    }
  }

  message(memberIds: string[], message: MessageView): void {
    this.realtime.toUsers(memberIds, 'chat:message', { message } satisfies ChatServerEvents['chat:message']);
  }

  update(memberIds: string[], message: MessageView): void {
    this.realtime.toUsers(memberIds, 'chat:update', { message } satisfies ChatServerEvents['chat:update']);
  }

  read(memberIds: string[], payload: ChatServerEvents['chat:read']): void {
    this.realtime.toUsers(memberIds, 'chat:read', payload);
  }

  typing(channelId: string, payload: ChatServerEvents['chat:typing'], exceptSocketId: string): void {
    this.realtime.toRoom(channelRoom(channelId), 'chat:typing', payload, exceptSocketId);
  }

  /** Someone joined (or was invited): all their sockets join the room and learn of the channel. */
  joined(userIds: string[], channelId: string, views: Map<string, ChannelView>): void {
    for (const userId of userIds) {
      this.realtime.joinUser(userId, channelRoom(channelId));
      const view = views.get(userId);
      if (view) this.realtime.toUser(userId, 'chat:channel', { channel: view } satisfies ChatServerEvents['chat:channel']);
    }
  }

  /** Someone left or was removed: their sockets leave the room at once and hear nothing more of it. */
  left(userIds: string[], channelId: string): void {
    for (const userId of userIds) {
      this.realtime.leaveUser(userId, channelRoom(channelId));
      this.realtime.toUser(userId, 'chat:removed', { channelId } satisfies ChatServerEvents['chat:removed']);
    }
  }

  channelChanged(memberIds: string[], channel: ChannelChange): void {
    this.realtime.toUsers(memberIds, 'chat:channel-updated', { channel } satisfies ChatServerEvents['chat:channel-updated']);
  }

  setSocketPresence(userId: string, socketId: string, status: 'online' | 'away' | null): void {
    const before = this.statusOf(userId);
    const sockets = this.presence.get(userId) ?? new Map<string, 'online' | 'away'>();
    if (status) sockets.set(socketId, status);
    else sockets.delete(socketId);
    if (sockets.size) this.presence.set(userId, sockets);
    else this.presence.delete(userId);
    const after = this.statusOf(userId);
    // Everyone sees everyone's presence in a town hall's directory: one broadcast per change, not per socket.
    if (before !== after) {
      try {
        this.realtime.io.emit('chat:presence', { userId, status: after } satisfies ChatServerEvents['chat:presence']);
      } catch {
        /* server not attached yet (start-up) */
      }
    }
  }

  statusOf(userId: string): PresenceStatus {
    const sockets = this.presence.get(userId);
    if (!sockets || sockets.size === 0) return 'offline';
    return [...sockets.values()].includes('online') ? 'online' : 'away';
  }

  allPresence(): Record<string, PresenceStatus> {
    const result: Record<string, PresenceStatus> = {};
    for (const userId of this.presence.keys()) result[userId] = this.statusOf(userId);
    return result;
  }
}
