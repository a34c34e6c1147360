import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, type ApprovalSourceView } from '@yakuba/contracts';
import { isUuid } from '@yakuba/platform';

/**
 * Where a draft started: a chat message the drafter may read. Approvals does not import chat; until the platform
 * declares a message-access port, this adapter reads chat's tables (read-only, one statement) with chat's rule as
 * written in libs/chat/src/domain/channel-access.ts: a public channel is open to everyone, any other only to its
 * members; a deleted message is not a source. A message of a disaster's channel (the disasters context's table,
 * when installed) marks the draft 事後決裁.
 */
@Injectable()
export class MessageSources {
  async check(m: EntityManager, userId: string, messageId: string): Promise<ApprovalSourceView> {
    const [row] = isUuid(messageId)
      ? ((await m.query(
          `SELECT msg.id, c.id AS channel_id, coalesce(c.name, '') AS channel_name
           FROM chat_messages msg JOIN chat_channels c ON c.id = msg.channel_id
           WHERE msg.id = $1 AND msg.deleted_at IS NULL
             AND (c.type = 'public' OR EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = c.id AND cm.user_id = $2))`,
          [messageId, userId],
        )) as { id: string; channel_id: string; channel_name: string }[])
      : [];
    if (!row) throw new DomainError('bad_request', 'sourceMessageId: not a message you can read');
    const disaster = await this.isDisasterChannel(m, row.channel_id);
    return { messageId: row.id, channelId: row.channel_id, channelName: row.channel_name, disaster };
  }

  private async isDisasterChannel(m: EntityManager, channelId: string): Promise<boolean> {
    const [{ installed }] = (await m.query(`SELECT to_regclass('public.disasters') IS NOT NULL AS installed`)) as { installed: boolean }[];
    if (!installed) return false;
    return ((await m.query('SELECT 1 FROM disasters WHERE channel_id = $1', [channelId])) as unknown[]).length > 0;
  }
}
