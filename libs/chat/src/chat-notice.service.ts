import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, SYSTEM_ACCOUNT } from '@yakuba/contracts';
import type { NoticeOptions, NoticePort, PostedNotice } from '@yakuba/platform';
import { ChannelAdminService } from './channel-admin.service';
import { MembershipService } from './membership.service';
import { MessageService, type Author } from './message.service';

const SYSTEM_AUTHOR: Author = { id: SYSTEM_ACCOUNT.id, system: true };

/**
 * Chat's side of the notice port (libs/platform/src/notice): a notice is a message of the system account stored by
 * MessageService's one write path, so seq, sync, unread counts and the members' sockets behave as for any message.
 * The system account posts without joining a channel and is not rate limited (a reminder goes to every member
 * of staff at once); a direct notice goes to the conversation of the system account and the user.
 */
@Injectable()
export class ChatNoticeService implements NoticePort {
  constructor(
    private readonly messages: MessageService,
    private readonly admin: ChannelAdminService,
    private readonly membership: MembershipService,
  ) {}

  async toChannel(channelId: string, body: string, options: NoticeOptions = {}): Promise<PostedNotice> {
    if (options.key !== undefined && (options.key.length < 1 || options.key.length > 100))
      throw new DomainError('bad_request', 'key: 1 to 100 characters');
    const { message } = await this.messages.post(
      SYSTEM_AUTHOR,
      { channelId, clientMsgId: options.key ?? `notice:${randomUUID()}`, body },
      true,
    );
    return { channelId: message.channelId, messageId: message.id, seq: message.seq };
  }

  async toUser(userId: string, body: string, options: NoticeOptions = {}): Promise<PostedNotice> {
    await this.membership.requireActiveUsers([userId]);
    return this.toChannel(await this.admin.openDirect(SYSTEM_ACCOUNT.id, [userId]), body, options);
  }
}
