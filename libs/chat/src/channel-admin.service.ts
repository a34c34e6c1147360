import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, hasPermission, type ChannelView } from '@yakuba/contracts';
import { DomainEvents, AuditService, type Principal } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { ChannelQueryService } from './channel-query.service';
import { rows } from './chat-views';
import { checkChannelName, directKey } from './domain/message-rules';
import type { CreateChannelDto, UpdateChannelDto } from './dto/chat.dto';
import { MembershipService } from './membership.service';

const MAX_DIRECT_MEMBERS = 9;

/** Creating channels and direct conversations, renaming, the topic and archiving. */
@Injectable()
export class ChannelAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
    private readonly query: ChannelQueryService,
    private readonly membership: MembershipService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async create(user: Principal, dto: CreateChannelDto): Promise<ChannelView> {
    const others = [...new Set(dto.memberIds ?? [])].filter((id) => id !== user.id);
    await this.membership.requireActiveUsers(others);
    if (dto.type === 'direct') {
      if (others.length < 1 || others.length > MAX_DIRECT_MEMBERS)
        throw new DomainError('bad_request', `memberIds: a direct conversation has 1 to ${MAX_DIRECT_MEMBERS} other people`);
      return this.query.view(user.id, await this.openDirect(user.id, others));
    }
    const name = checkChannelName(dto.name ?? '');
    const id = await this.db.transaction(async (m) => {
      const [channel] = await rows<{ id: string }>(
        m,
        `INSERT INTO chat_channels (type, name, topic, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [dto.type, name, dto.topic ?? '', user.id],
      );
      await m.query(
        `INSERT INTO chat_members (channel_id, user_id, role) SELECT $1, u, CASE WHEN u = $2 THEN 'owner' ELSE 'member' END FROM unnest($3::uuid[]) u`,
        [channel.id, user.id, [user.id, ...others]],
      );
      await this.audit.record(
        {
          action: 'chat.channel.created',
          actorId: user.id,
          targetType: 'chat_channel',
          targetId: channel.id,
          data: { type: dto.type, name },
        },
        m,
      );
      return channel.id;
    });
    await this.membership.announceJoined(id, [user.id, ...others]);
    return this.query.view(user.id, id);
  }

  /**
   * One conversation per set of people: opening it again returns the existing one, also when two open it at once
   * (the unique direct key lets one insert win; the other reads the winner's). Answers the channel id.
   */
  async openDirect(userId: string, others: string[]): Promise<string> {
    const everyone = [userId, ...others];
    const key = directKey(everyone);
    const created = await this.db.transaction(async (m) => {
      const names = await rows<{ display_name: string }>(m, 'SELECT display_name FROM users WHERE id = ANY($1) ORDER BY display_name', [
        everyone,
      ]);
      const [channel] = await rows<{ id: string }>(
        m,
        `INSERT INTO chat_channels (type, name, direct_key, created_by) VALUES ('direct', $1, $2, $3) ON CONFLICT (direct_key) DO NOTHING RETURNING id`,
        [
          names
            .map((n) => n.display_name)
            .join('、')
            .slice(0, 200),
          key,
          userId,
        ],
      );
      if (!channel) return null;
      await m.query(`INSERT INTO chat_members (channel_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) u`, [channel.id, everyone]);
      return channel.id;
    });
    const id = created ?? (await rows<{ id: string }>(this.db.manager, 'SELECT id FROM chat_channels WHERE direct_key = $1', [key]))[0].id;
    if (created) await this.membership.announceJoined(id, everyone);
    return id;
  }

  async update(user: Principal, channelId: string, dto: UpdateChannelDto): Promise<ChannelView> {
    const channel = await this.channels.access(user, channelId, 'member');
    if (channel.managedBy && (dto.name !== undefined || dto.archived !== undefined))
      throw new DomainError('conflict', `this channel is run by ${channel.managedBy}: rename or close it there`);
    const manager = channel.role === 'owner' || hasPermission(user.roles, 'chat.manage');
    if ((dto.name !== undefined || dto.archived !== undefined) && !manager)
      throw new DomainError('forbidden', 'only the channel owner may rename or archive it');
    if (channel.type === 'direct' && dto.name !== undefined)
      throw new DomainError('bad_request', 'name: a direct conversation has no name of its own');
    if (channel.archived && dto.archived !== false) throw new DomainError('conflict', 'the channel is archived');
    const name = dto.name !== undefined ? checkChannelName(dto.name) : undefined;
    await this.db.transaction(async (m) => {
      await m.query(
        `UPDATE chat_channels SET name = COALESCE($2, name), topic = COALESCE($3, topic),
           archived_at = CASE WHEN $4::boolean IS NULL THEN archived_at WHEN $4 THEN COALESCE(archived_at, now()) ELSE NULL END WHERE id = $1`,
        [channelId, name ?? null, dto.topic ?? null, dto.archived ?? null],
      );
      await this.audit.record(
        { action: 'chat.channel.updated', actorId: user.id, targetType: 'chat_channel', targetId: channelId, data: { ...dto } },
        m,
      );
    });
    const view = await this.query.view(user.id, channelId);
    this.events.publish('chat.channel-changed', {
      memberIds: await this.channels.memberIds(channelId),
      channel: { id: view.id, name: view.name, topic: view.topic, archived: view.archived },
    });
    return view;
  }
}
