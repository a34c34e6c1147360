import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@yakuba/contracts';
import { isUuid, type MessagePort, type Principal, type ReadableMessage } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { loadMessages, rows } from './chat-views';
import { canSeeSql } from './domain/channel-access';

/**
 * Chat's side of the message-access port (libs/platform/src/notice/message-port.ts): one message under the same
 * access check every chat route takes (ChannelAccessService.access, domain/channel-access). A deleted message, one
 * that does not exist and one the reader may not read all answer undefined.
 */
@Injectable()
export class ChatMessagePortService implements MessagePort {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
  ) {}

  async readableMessage(
    reader: Pick<Principal, 'id' | 'guest'>,
    messageId: string,
    m: EntityManager = this.db.manager,
  ): Promise<ReadableMessage | undefined> {
    if (!isUuid(messageId)) return undefined;
    const [message] = await loadMessages(m, 'm.id = $1 AND m.deleted_at IS NULL', [messageId]);
    if (!message) return undefined;
    try {
      const channel = await this.channels.access(reader, message.channelId, 'read', m);
      const [{ name }] = await rows<{ name: string | null }>(m, 'SELECT name FROM chat_channels WHERE id = $1', [channel.id]);
      return { message, channel: { id: channel.id, name: name ?? '', type: channel.type, managedBy: channel.managedBy } };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  async readableMessagesIn(reader: Pick<Principal, 'id' | 'guest'>, channelName: string, limit: number): Promise<ReadableMessage[]> {
    const found = await rows<{ id: string }>(
      this.db.manager,
      `SELECT m.id FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id
       WHERE c.name = $1 AND m.deleted_at IS NULL AND ${canSeeSql('c', '$2')} ORDER BY c.id, m.seq LIMIT $3`,
      [channelName, reader.id, limit],
    );
    const out: ReadableMessage[] = [];
    // Each one through the same check as a single message (a guest's scope included).
    for (const { id } of found) {
      const message = await this.readableMessage(reader, id);
      if (message) out.push(message);
    }
    return out;
  }
}
