import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageView } from '@yakuba/contracts';
import { DomainEvents, isUuid, type ChannelMessageInput, type ChannelPort, type ManagedChannelInput } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { loadMessages, rows } from './chat-views';
import { checkChannelName } from './domain/message-rules';
import { MembershipService } from './membership.service';
import { MessageService } from './message.service';

/**
 * Chat's side of the channel port (libs/platform/src/notice/channel-port.ts): channels that another context runs
 * (a disaster's). Membership follows the rules the port states; messages take MessageService's one write path.
 */
@Injectable()
export class ChatChannelPortService implements ChannelPort {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
    private readonly membership: MembershipService,
    private readonly messagesService: MessageService,
    private readonly events: DomainEvents,
  ) {}

  async createAllStaffChannel(m: EntityManager, input: ManagedChannelInput): Promise<{ channelId: string; memberIds: string[] }> {
    const [channel] = await rows<{ id: string }>(
      m,
      `INSERT INTO chat_channels (type, name, topic, created_by, managed_by, all_staff, members_locked)
       VALUES ('private', $1, $2, $3, $4, true, true) RETURNING id`,
      [checkChannelName(input.name), (input.topic ?? '').slice(0, 250), input.createdBy, input.managedBy],
    );
    const members = await rows<{ user_id: string }>(
      m,
      `INSERT INTO chat_members (channel_id, user_id, role)
       SELECT $1, u.id, CASE WHEN u.id = $2 THEN 'owner' ELSE 'member' END FROM users u
        WHERE u.active AND NOT u.system AND u.guest_channel_id IS NULL
       RETURNING user_id`,
      [channel.id, input.createdBy],
    );
    return { channelId: channel.id, memberIds: members.map((r) => r.user_id) };
  }

  announce(channelId: string, userIds: string[]): Promise<void> {
    return this.membership.announceJoined(channelId, userIds);
  }

  async close(m: EntityManager, channelId: string): Promise<void> {
    await m.query(
      `UPDATE chat_channels SET archived_at = COALESCE(archived_at, now()), all_staff = false, members_locked = false WHERE id = $1`,
      [channelId],
    );
  }

  async addMember(m: EntityManager, channelId: string, userId: string): Promise<void> {
    await m.query(`INSERT INTO chat_members (channel_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [channelId, userId]);
  }

  async removeMembers(channelId: string, userIds: string[], m: EntityManager = this.db.manager): Promise<string[]> {
    const removed = await rows<{ user_id: string }>(
      m,
      `DELETE FROM chat_members WHERE channel_id = $1 AND user_id = ANY($2::uuid[]) RETURNING user_id`,
      [channelId, userIds],
    );
    const ids = removed.map((r) => r.user_id);
    if (ids.length) this.events.publish('chat.members-left', { channelId, userIds: ids });
    return ids;
  }

  memberIds(channelId: string, m?: EntityManager): Promise<string[]> {
    return this.channels.memberIds(channelId, m);
  }

  async isMember(channelId: string, userId: string): Promise<boolean> {
    const found = await rows(this.db.manager, 'SELECT 1 FROM chat_members WHERE channel_id = $1 AND user_id = $2', [channelId, userId]);
    return found.length > 0;
  }

  async post(channelId: string, input: ChannelMessageInput): Promise<MessageView> {
    const { message } = await this.messagesService.post(
      { id: input.authorId, system: input.system, urgent: input.urgent, alongside: input.alongside },
      { channelId, clientMsgId: input.clientMsgId, body: input.body, threadRootId: input.threadRootId },
      true,
    );
    return message;
  }

  async pin(channelId: string, messageId: string, pinned: boolean, byUserId: string): Promise<void> {
    await this.messagesService.pinIn(channelId, messageId, pinned, byUserId);
  }

  messages(channelId: string): Promise<MessageView[]> {
    return loadMessages(this.db.manager, 'm.channel_id = $1', [channelId], 'ORDER BY m.seq');
  }

  async message(channelId: string, messageId: string): Promise<MessageView | undefined> {
    if (!isUuid(messageId)) return undefined;
    const [found] = await loadMessages(this.db.manager, 'm.id = $1 AND m.channel_id = $2', [messageId, channelId]);
    return found;
  }
}
