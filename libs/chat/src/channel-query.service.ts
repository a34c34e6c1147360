import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type ChannelGuestView, type ChannelMemberView, type ChannelRole, type ChannelView } from '@yakuba/contracts';
import type { Principal } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { rows } from './chat-views';

const CHANNEL_VIEW_SQL = `
  SELECT c.id, c.type, c.name, c.topic, c.department_id, c.archived_at, c.created_at, c.created_by, c.last_seq, c.managed_by, c.all_staff,
    (SELECT count(*) FROM chat_members x WHERE x.channel_id = c.id)::int AS member_count,
    m.role, COALESCE(m.last_read_seq, 0) AS last_read_seq,
    CASE WHEN c.type = 'direct' THEN (SELECT array_agg(x.user_id ORDER BY x.joined_at) FROM chat_members x WHERE x.channel_id = c.id) END AS member_ids,
    (SELECT json_agg(json_build_object('id', gu.id, 'username', gu.username, 'displayName', gu.display_name,
       'organisation', gu.guest_organisation, 'active', gu.active) ORDER BY gu.display_name)
     FROM users gu WHERE gu.guest_channel_id = c.id) AS guests,
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
  managed_by: string | null;
  all_staff: boolean;
  member_count: number;
  role: ChannelRole | null;
  last_read_seq: string;
  member_ids: string[] | null;
  guests: ChannelGuestView[] | null;
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
  if (r.guests) view.guests = r.guests;
  // Channels that matter to everyone (a disaster's, the organisation-wide ones) stand out in the sidebar.
  if (r.managed_by) view.managedBy = r.managed_by;
  if (r.all_staff) view.allStaff = true;
  return view;
}

/** What a user sees of channels: one channel, the sidebar with unread counts, the public list and the members. */
@Injectable()
export class ChannelQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
  ) {}

  /** The channel as `userId` sees it, without an access check (for the sockets of members being told of it). */
  async view(userId: string, channelId: string): Promise<ChannelView> {
    const [row] = await rows<ChannelRow>(this.db.manager, `${CHANNEL_VIEW_SQL} WHERE c.id = $2`, [userId, channelId]);
    if (!row) throw new DomainError('not_found', 'channel not found');
    return toChannelView(row);
  }

  async get(user: Principal, channelId: string): Promise<ChannelView> {
    await this.channels.access(user, channelId, 'read');
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

  async members(user: Principal, channelId: string): Promise<ChannelMemberView[]> {
    await this.channels.access(user, channelId, 'read');
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
}
