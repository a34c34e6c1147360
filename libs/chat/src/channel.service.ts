import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, hasPermission, type ChannelMemberView, type ChannelRole, type ChannelView } from '@yakuba/contracts';
import { AuditService, DomainEvents, type Principal, isUuid } from '@yakuba/platform';
import { rows } from './chat-views';
import { checkChannelName, directKey } from './domain/message-rules';
import type { CreateChannelDto, UpdateChannelDto } from './dto/chat.dto';

export interface ChannelAccess {
  id: string;
  type: 'public' | 'private' | 'direct';
  departmentId: string | null;
  archived: boolean;
  lastSeq: number;
  role: 'owner' | 'member' | null;
}

const MAX_DIRECT_MEMBERS = 9;

const CHANNEL_VIEW_SQL = `
  SELECT c.id, c.type, c.name, c.topic, c.department_id, c.archived_at, c.created_at, c.created_by, c.last_seq,
    (SELECT count(*) FROM chat_members x WHERE x.channel_id = c.id)::int AS member_count,
    m.role, COALESCE(m.last_read_seq, 0) AS last_read_seq,
    CASE WHEN c.type = 'direct' THEN (SELECT array_agg(x.user_id ORDER BY x.joined_at) FROM chat_members x WHERE x.channel_id = c.id) END AS member_ids,
    CASE WHEN m.user_id IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM chat_messages g WHERE g.channel_id = c.id AND g.seq > m.last_read_seq
      AND g.author_id <> $1 AND g.deleted_at IS NULL AND (g.thread_root_id IS NULL OR g.also_in_channel) LIMIT 1000) u)::int END AS unread,
    CASE WHEN m.user_id IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM chat_messages g WHERE g.channel_id = c.id AND g.seq > m.last_read_seq
      AND g.author_id <> $1 AND g.deleted_at IS NULL AND $1 = ANY(g.mentioned_user_ids) LIMIT 1000) u)::int END AS mentions,
    CASE WHEN m.user_id IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM chat_messages g WHERE g.channel_id = c.id AND g.seq > m.last_read_seq
      AND g.author_id <> $1 AND g.deleted_at IS NULL AND NOT ($1 = ANY(g.mentioned_user_ids)) AND (g.mentions_channel OR g.mentions_here) LIMIT 1000) u)::int END AS broadcast_mentions
  FROM chat_channels c LEFT JOIN chat_members m ON m.channel_id = c.id AND m.user_id = $1`;

interface ChannelRow {
  id: string;
  type: ChannelView['type'];
  name: string;
  topic: string;
  department_id: string | null;
  archived_at: Date | null;
  created_at: Date;
  created_by: string | null;
  last_seq: string;
  member_count: number;
  role: ChannelRole | null;
  last_read_seq: string;
  member_ids: string[] | null;
  unread: number;
  mentions: number;
  broadcast_mentions: number;
}

function toChannelView(r: ChannelRow): ChannelView {
  const view: ChannelView = {
    id: r.id,
    type: r.type,
    name: r.name,
    topic: r.topic,
    departmentId: r.department_id,
    archived: r.archived_at !== null,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    lastSeq: Number(r.last_seq),
    memberCount: r.member_count,
    joined: r.role !== null,
    role: r.role,
    lastReadSeq: Number(r.last_read_seq),
    unread: r.unread,
    mentions: r.mentions,
    broadcastMentions: r.broadcast_mentions,
  };
  if (r.member_ids) view.memberIds = r.member_ids;
  return view;
}

/** Channels, membership and the one access check every chat route and event goes through. */
@Injectable()
export class ChannelService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /**
   * The caller's standing in a channel. A channel that does not exist, or a private/direct one the caller is not in,
   * is `not_found` (reveals nothing); a public one the caller has not joined is readable but `forbidden` to post in.
   */
  async access(user: Principal, channelId: unknown, need: 'read' | 'member', m: EntityManager = this.db.manager): Promise<ChannelAccess> {
    if (!isUuid(channelId)) throw new DomainError('not_found', 'channel not found');
    const [row] = await rows<{
      id: string;
      type: ChannelAccess['type'];
      department_id: string | null;
      archived_at: Date | null;
      last_seq: string;
      role: ChannelAccess['role'];
    }>(
      m,
      `SELECT c.id, c.type, c.department_id, c.archived_at, c.last_seq, cm.role FROM chat_channels c
       LEFT JOIN chat_members cm ON cm.channel_id = c.id AND cm.user_id = $2 WHERE c.id = $1`,
      [channelId, user.id],
    );
    if (!row || (row.role === null && row.type !== 'public')) throw new DomainError('not_found', 'channel not found');
    if (need === 'member' && row.role === null) throw new DomainError('forbidden', 'join the channel first');
    return {
      id: row.id,
      type: row.type,
      departmentId: row.department_id,
      archived: row.archived_at !== null,
      lastSeq: Number(row.last_seq),
      role: row.role,
    };
  }

  async memberIds(channelId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    return (await rows<{ user_id: string }>(m, 'SELECT user_id FROM chat_members WHERE channel_id = $1', [channelId])).map(
      (r) => r.user_id,
    );
  }

  async view(userId: string, channelId: string): Promise<ChannelView> {
    const [row] = await rows<ChannelRow>(this.db.manager, `${CHANNEL_VIEW_SQL} WHERE c.id = $2`, [userId, channelId]);
    if (!row) throw new DomainError('not_found', 'channel not found');
    return toChannelView(row);
  }

  async get(user: Principal, channelId: string): Promise<ChannelView> {
    await this.access(user, channelId, 'read');
    return this.view(user.id, channelId);
  }

  /** The caller's channels with unread and mention counts, for the sidebar. */
  async mine(user: Principal): Promise<ChannelView[]> {
    const found = await rows<ChannelRow>(this.db.manager, `${CHANNEL_VIEW_SQL} WHERE m.user_id IS NOT NULL ORDER BY c.type, c.name`, [
      user.id,
    ]);
    return found.map(toChannelView);
  }

  /** Public channels anyone may browse and join. */
  async browse(user: Principal): Promise<ChannelView[]> {
    const found = await rows<ChannelRow>(
      this.db.manager,
      `${CHANNEL_VIEW_SQL} WHERE c.type = 'public' AND c.archived_at IS NULL ORDER BY c.name`,
      [user.id],
    );
    return found.map(toChannelView);
  }

  async create(user: Principal, dto: CreateChannelDto): Promise<ChannelView> {
    const others = [...new Set(dto.memberIds ?? [])].filter((id) => id !== user.id);
    await this.requireActiveUsers(others);
    if (dto.type === 'direct') {
      if (others.length < 1 || others.length > MAX_DIRECT_MEMBERS)
        throw new DomainError('bad_request', `memberIds: a direct conversation has 1 to ${MAX_DIRECT_MEMBERS} other people`);
      return this.openDirect(user, others);
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
    await this.announceJoined(id, [user.id, ...others]);
    return this.view(user.id, id);
  }

  /** One conversation per set of people: opening it again returns the existing one. */
  private async openDirect(user: Principal, others: string[]): Promise<ChannelView> {
    const everyone = [user.id, ...others];
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
          user.id,
        ],
      );
      if (!channel) return null;
      await m.query(`INSERT INTO chat_members (channel_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) u`, [channel.id, everyone]);
      return channel.id;
    });
    const id = created ?? (await rows<{ id: string }>(this.db.manager, 'SELECT id FROM chat_channels WHERE direct_key = $1', [key]))[0].id;
    if (created) await this.announceJoined(id, everyone);
    return this.view(user.id, id);
  }

  async update(user: Principal, channelId: string, dto: UpdateChannelDto): Promise<ChannelView> {
    const channel = await this.access(user, channelId, 'member');
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
    const view = await this.view(user.id, channelId);
    this.events.publish('chat.channel-changed', {
      memberIds: await this.memberIds(channelId),
      channel: { id: view.id, name: view.name, topic: view.topic, archived: view.archived },
    });
    return view;
  }

  async join(user: Principal, channelId: string): Promise<ChannelView> {
    const channel = await this.access(user, channelId, 'read');
    if (channel.type !== 'public') throw new DomainError('forbidden', 'only public channels can be joined; ask a member to invite you');
    if (channel.archived) throw new DomainError('conflict', 'the channel is archived');
    const added = await this.addMembers(channelId, [user.id]);
    if (added.length) await this.announceJoined(channelId, added);
    return this.view(user.id, channelId);
  }

  async invite(user: Principal, channelId: string, userIds: string[]): Promise<ChannelView> {
    const channel = await this.access(user, channelId, 'member');
    this.assertManualMembership(channel);
    if (channel.archived) throw new DomainError('conflict', 'the channel is archived');
    await this.requireActiveUsers(userIds);
    const added = await this.addMembers(channelId, userIds);
    if (added.length) await this.announceJoined(channelId, added);
    return this.view(user.id, channelId);
  }

  async leave(user: Principal, channelId: string): Promise<void> {
    const channel = await this.access(user, channelId, 'member');
    this.assertManualMembership(channel);
    await this.removeMembers(channelId, [user.id]);
  }

  async remove(user: Principal, channelId: string, userId: string): Promise<void> {
    if (userId === user.id) return this.leave(user, channelId);
    const channel = await this.access(user, channelId, 'member');
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

  async members(user: Principal, channelId: string): Promise<ChannelMemberView[]> {
    await this.access(user, channelId, 'read');
    const found = await rows<{ user_id: string; role: string; last_read_seq: string; joined_at: Date }>(
      this.db.manager,
      `SELECT user_id, role, last_read_seq, joined_at FROM chat_members WHERE channel_id = $1 ORDER BY joined_at, user_id`,
      [channelId],
    );
    return found.map((r) => ({
      userId: r.user_id,
      role: r.role,
      lastReadSeq: Number(r.last_read_seq),
      joinedAt: r.joined_at.toISOString(),
    }));
  }

  private assertManualMembership(channel: ChannelAccess): void {
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

  private async announceJoined(channelId: string, userIds: string[]): Promise<void> {
    const views = new Map<string, ChannelView>();
    for (const userId of userIds) views.set(userId, await this.view(userId, channelId));
    this.events.publish('chat.members-joined', { channelId, userIds, views });
  }

  private async requireActiveUsers(userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    if (!userIds.every(isUuid)) throw new DomainError('bad_request', 'memberIds: must be user ids');
    const [{ n }] = await rows<{ n: number }>(
      this.db.manager,
      'SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[]) AND active',
      [userIds],
    );
    if (n !== new Set(userIds).size) throw new DomainError('bad_request', 'memberIds: unknown or disabled user');
  }

  /**
   * Keeps department channels in step with the directory: one private channel per department whose members are
   * exactly the active staff of that department. Runs for everyone at seeding and when the directory changes.
   */
  async syncDepartmentChannels(): Promise<void> {
    const { added, removed } = await this.db.transaction(async (m) => {
      await m.query(`INSERT INTO chat_channels (type, name, topic, department_id)
        SELECT 'private', d.name, d.name || 'の連絡用チャンネル', d.id FROM departments d
        WHERE NOT EXISTS (SELECT 1 FROM chat_channels c WHERE c.department_id = d.id)`);
      const added = await rows<{ channel_id: string; user_id: string }>(
        m,
        `INSERT INTO chat_members (channel_id, user_id) SELECT c.id, u.id FROM users u JOIN chat_channels c ON c.department_id = u.department_id
         WHERE u.active ON CONFLICT DO NOTHING RETURNING channel_id, user_id`,
      );
      const removed = await rows<{ channel_id: string; user_id: string }>(
        m,
        `DELETE FROM chat_members cm USING chat_channels c, users u WHERE cm.channel_id = c.id AND c.department_id IS NOT NULL
         AND u.id = cm.user_id AND (u.department_id IS DISTINCT FROM c.department_id OR NOT u.active) RETURNING cm.channel_id, cm.user_id`,
      );
      return { added, removed };
    });
    for (const r of removed) this.events.publish('chat.members-left', { channelId: r.channel_id, userIds: [r.user_id] });
    for (const r of added) await this.announceJoined(r.channel_id, [r.user_id]);
  }
}
