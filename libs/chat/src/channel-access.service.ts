import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@yakuba/contracts';
import { type Principal, isUuid } from '@yakuba/platform';
import { rows } from './chat-views';
import { canSee, type ChannelType } from './domain/channel-access';

export interface ChannelAccess {
  id: string;
  type: ChannelType;
  departmentId: string | null;
  archived: boolean;
  lastSeq: number;
  role: 'owner' | 'member' | null;
  /** Run by another context through the channel port (a disaster's): chat's own admin routes leave it alone. */
  managedBy: string | null;
  /** Leaving and removal answer `conflict` (a disaster channel while the disaster is active). */
  membersLocked: boolean;
}

/** The one access check every chat route and event goes through, and the member lists the notifier addresses. */
@Injectable()
export class ChannelAccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The caller's standing in a channel. A channel that does not exist, or one the caller may not see (domain/
   * channel-access), is `not_found` (reveals nothing); a public one the caller has not joined is readable but
   * `forbidden` to post in.
   */
  async access(
    user: Pick<Principal, 'id' | 'guest'>,
    channelId: unknown,
    need: 'read' | 'member',
    m: EntityManager = this.db.manager,
  ): Promise<ChannelAccess> {
    // A guest sees its one channel and nothing else, public channels included (platform auth/scope.ts).
    if (user.guest && channelId !== user.guest.channelId) throw new DomainError('not_found', 'channel not found');
    const channel = await this.standing(user.id, channelId, m);
    if (!channel || !canSee(channel, { member: channel.role !== null })) throw new DomainError('not_found', 'channel not found');
    if (need === 'member' && channel.role === null) throw new DomainError('forbidden', 'join the channel first');
    return channel;
  }

  /** A channel and `userId`'s role in it (null: not a member), whoever may see it; undefined when there is none. */
  async standing(userId: string, channelId: unknown, m: EntityManager = this.db.manager): Promise<ChannelAccess | undefined> {
    if (!isUuid(channelId)) return undefined;
    const [row] = await rows<{
      id: string;
      type: ChannelType;
      department_id: string | null;
      archived_at: Date | null;
      last_seq: string;
      role: ChannelAccess['role'];
      managed_by: string | null;
      members_locked: boolean;
    }>(
      m,
      `SELECT c.id, c.type, c.department_id, c.archived_at, c.last_seq, cm.role, c.managed_by, c.members_locked FROM chat_channels c
       LEFT JOIN chat_members cm ON cm.channel_id = c.id AND cm.user_id = $2 WHERE c.id = $1`,
      [channelId, userId],
    );
    if (!row) return undefined;
    return {
      id: row.id,
      type: row.type,
      departmentId: row.department_id,
      archived: row.archived_at !== null,
      lastSeq: Number(row.last_seq),
      role: row.role,
      managedBy: row.managed_by,
      membersLocked: row.members_locked,
    };
  }

  async memberIds(channelId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await rows<{ user_id: string }>(m, 'SELECT user_id FROM chat_members WHERE channel_id = $1', [channelId])).map(
      (r) => r.user_id,
    );
  }
}
