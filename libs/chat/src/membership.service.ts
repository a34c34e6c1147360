import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, hasPermission, type ChannelView } from '@yakuba/contracts';
import { DomainEvents, AuditService, type Principal, isUuid } from '@yakuba/platform';
import { ChannelAccessService, type ChannelAccess } from './channel-access.service';
import { ChannelQueryService } from './channel-query.service';
import { rows } from './chat-views';

/** Who is in a channel: joining, inviting, leaving and removing, and telling the people concerned. */
@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
    private readonly query: ChannelQueryService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async join(user: Principal, channelId: string): Promise<ChannelView> {
    const channel = await this.channels.access(user, channelId, 'read');
    if (channel.type !== 'public') throw new DomainError('forbidden', 'only public channels can be joined; ask a member to invite you');
    if (channel.archived) throw new DomainError('conflict', 'the channel is archived');
    const added = await this.addMembers(channelId, [user.id]);
    if (added.length) await this.announceJoined(channelId, added);
    return this.query.view(user.id, channelId);
  }

  async invite(user: Principal, channelId: string, userIds: string[]): Promise<ChannelView> {
    const channel = await this.channels.access(user, channelId, 'member');
    this.assertManualMembership(channel);
    if (channel.archived) throw new DomainError('conflict', 'the channel is archived');
    await this.requireActiveUsers(userIds);
    const added = await this.addMembers(channelId, userIds);
    if (added.length) await this.announceJoined(channelId, added);
    return this.query.view(user.id, channelId);
  }

  async leave(user: Principal, channelId: string): Promise<void> {
    const channel = await this.channels.access(user, channelId, 'member');
    this.assertManualMembership(channel);
    await this.removeMembers(channelId, [user.id]);
  }

  async remove(user: Principal, channelId: string, userId: string): Promise<void> {
    if (userId === user.id) return this.leave(user, channelId);
    const channel = await this.channels.access(user, channelId, 'member');
    this.assertManualMembership(channel);
    if (channel.role !== 'owner' && !hasPermission(user.roles, 'chat.manage'))
      throw new DomainError('forbidden', 'only the channel owner may remove members');
    if (!isUuid(userId)) throw new DomainError('not_found', 'member not found');
    const removed = await this.removeMembers(channelId, [userId]);
    if (!removed.length) throw new DomainError('not_found', 'member not found');
    await this.audit.record({
      action: 'chat.member.removed',
      actorId: user.id,
      targetType: 'chat_channel',
      targetId: channelId,
      data: { userId },
    });
  }

  /** Every id names an active user (people are added only by what they are called in the directory). */
  async requireActiveUsers(userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    if (!userIds.every(isUuid)) throw new DomainError('bad_request', 'memberIds: must be user ids');
    const [{ n }] = await rows<{ n: number }>(
      this.db.manager,
      // Guests belong to their one channel only: nobody adds them anywhere else.
      'SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[]) AND active AND guest_channel_id IS NULL',
      [userIds],
    );
    if (n !== new Set(userIds).size) throw new DomainError('bad_request', 'memberIds: unknown or disabled user');
  }

  /** New members' sockets join the channel room and receive the channel as each of them sees it. */
  async announceJoined(channelId: string, userIds: string[]): Promise<void> {
    const views = new Map<string, ChannelView>();
    for (const userId of userIds) views.set(userId, await this.query.view(userId, channelId));
    this.events.publish('chat.members-joined', { channelId, userIds, views });
  }

  private assertManualMembership(channel: ChannelAccess): void {
    if (channel.membersLocked) throw new DomainError('conflict', 'the members of this channel are fixed (all staff, or a disaster’s while it is active)');
    if (channel.managedBy) throw new DomainError('conflict', `the members of this channel are managed by ${channel.managedBy}`);
    if (channel.departmentId) throw new DomainError('conflict', 'membership of a department channel follows the staff directory');
    if (channel.type === 'direct') throw new DomainError('bad_request', 'a direct conversation keeps its members: start a new one instead');
  }

  private async addMembers(channelId: string, userIds: string[], m: EntityManager = this.db.manager): Promise<string[]> {
    const added = await rows<{ user_id: string }>(
      m,
      `INSERT INTO chat_members (channel_id, user_id, last_read_seq) SELECT $1, u, 0 FROM unnest($2::uuid[]) u ON CONFLICT DO NOTHING RETURNING user_id`,
      [channelId, userIds],
    );
    return added.map((r) => r.user_id);
  }

  private async removeMembers(channelId: string, userIds: string[]): Promise<string[]> {
    const removed = await rows<{ user_id: string }>(
      this.db.manager,
      `DELETE FROM chat_members WHERE channel_id = $1 AND user_id = ANY($2::uuid[]) RETURNING user_id`,
      [channelId, userIds],
    );
    const ids = removed.map((r) => r.user_id);
    if (ids.length) this.events.publish('chat.members-left', { channelId, userIds: ids });
    return ids;
  }
}
