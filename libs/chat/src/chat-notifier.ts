import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { DomainEvents, RealtimeService } from '@yakuba/platform';
import { rows } from './chat-views';

export const channelRoom = (channelId: string) => `chat:${channelId}`;

/**
 * Turns what the chat services published (after commit, chat-events.ts) into socket emits; no chat service emits.
 * Messages, updates and read cursors go to the `user:<id>` rooms of the channel's members at the time of the commit:
 * those rooms are joined at the handshake, so a socket that connected a moment ago misses nothing, and a removed
 * member gets nothing more. Channel rooms (`chat:<id>`, joined after a membership check) carry ephemeral events
 * such as typing. DomainEvents is synchronous, so each emit leaves before the publishing service answers.
 */
@Injectable()
export class ChatNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('chat');
  private readonly subscription = new Subscription();

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    const on = this.events.on.bind(this.events);
    this.subscription.add(this.realtime.connected.subscribe(({ socket, user }) => void this.joinChannelRooms(user.id, socket.id)));
    this.subscription.add(
      on('chat.message-posted').subscribe(({ memberIds, message }) => this.realtime.toUsers(memberIds, 'chat:message', { message })),
    );
    this.subscription.add(
      on('chat.message-updated').subscribe(({ memberIds, message }) => this.realtime.toUsers(memberIds, 'chat:update', { message })),
    );
    this.subscription.add(
      on('chat.read-moved').subscribe(({ memberIds, receipt }) => this.realtime.toUsers(memberIds, 'chat:read', receipt)),
    );
    this.subscription.add(
      on('chat.typing').subscribe(({ typing, exceptSocketId }) =>
        this.realtime.toRoom(channelRoom(typing.channelId), 'chat:typing', typing, exceptSocketId),
      ),
    );
    // Everyone sees everyone's presence in a town hall's directory: one broadcast per change, not per socket.
    this.subscription.add(on('chat.presence-changed').subscribe((presence) => this.realtime.toAll('chat:presence', presence)));
    // Someone joined (or was invited): all their sockets join the room and learn of the channel.
    this.subscription.add(
      on('chat.members-joined').subscribe(({ channelId, userIds, views }) => {
        for (const userId of userIds) {
          this.realtime.joinUser(userId, channelRoom(channelId));
          const view = views.get(userId);
          if (view) this.realtime.toUser(userId, 'chat:channel', { channel: view });
        }
      }),
    );
    // Someone left or was removed: their sockets leave the room at once and hear nothing more of it.
    this.subscription.add(
      on('chat.members-left').subscribe(({ channelId, userIds }) => {
        for (const userId of userIds) {
          this.realtime.leaveUser(userId, channelRoom(channelId));
          this.realtime.toUser(userId, 'chat:removed', { channelId });
        }
      }),
    );
    this.subscription.add(
      on('chat.channel-changed').subscribe(({ memberIds, channel }) =>
        this.realtime.toUsers(memberIds, 'chat:channel-updated', { channel }),
      ),
    );
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  private async joinChannelRooms(userId: string, socketId: string): Promise<void> {
    try {
      const mine = await rows<{ channel_id: string }>(this.db.manager, 'SELECT channel_id FROM chat_members WHERE user_id = $1', [userId]);
      if (mine.length)
        this.realtime.joinSocket(
          socketId,
          mine.map((r) => channelRoom(r.channel_id)),
        );
    } catch (error) {
      this.logger.warn(`could not join channel rooms: ${String(error)}`);
    }
  }
}
