import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, type ApprovalSourceView } from '@yakuba/contracts';
import { MESSAGE_PORT, type MessagePort, type Principal } from '@yakuba/platform';

/**
 * Where a draft started: a chat message the drafter may read, asked through the platform's message-access port
 * (chat answers under its own visibility rule). A message that does not exist, is deleted or may not be read is
 * `not_found` (reveals nothing). A message of a channel the disasters context runs marks the draft 事後決裁.
 */
@Injectable()
export class MessageSources {
  constructor(@Inject(MESSAGE_PORT) private readonly messages: MessagePort) {}

  async check(m: EntityManager, reader: Pick<Principal, 'id' | 'guest'>, messageId: string): Promise<ApprovalSourceView> {
    const found = await this.messages.readableMessage(reader, messageId, m);
    if (!found) throw new DomainError('not_found', 'sourceMessageId: message not found');
    return {
      messageId: found.message.id,
      channelId: found.channel.id,
      channelName: found.channel.name,
      disaster: found.channel.managedBy === 'disasters',
    };
  }
}
