import type { DataSource, EntityManager } from 'typeorm';
import type { MessageView, ReactionView } from '@yakuba/contracts';
import { pgPool } from '@yakuba/platform';

/** Runs SQL and returns rows: TypeORM answers UPDATE/DELETE ... RETURNING with [rows, count]. */
export async function rows<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await m.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * Runs one statement of the hot path as a named prepared statement on TypeORM's own pool: PostgreSQL plans it once
 * per connection instead of on every call (TypeORM's query() sends unnamed statements, planned each time).
 */
export async function prepared<T>(db: DataSource, name: string, sql: string, params: unknown[]): Promise<T[]> {
  return (await pgPool(db)!.query<T & object>({ name, text: sql, values: params })).rows;
}

export const MESSAGE_COLUMNS = `m.id, m.channel_id, m.seq, m.client_msg_id, m.author_id, m.body, m.created_at, m.edited_at,
  m.deleted_at, m.thread_root_id, m.also_in_channel, m.reply_count, m.last_reply_at, m.mentioned_user_ids,
  m.mentions_channel, m.mentions_here, m.pinned_at, m.updated_at, m.urgent,
  COALESCE((SELECT json_agg(json_build_object('emoji', r.emoji, 'userIds', r.user_ids) ORDER BY r.first)
    FROM (SELECT emoji, array_agg(user_id ORDER BY created_at) AS user_ids, min(created_at) AS first
          FROM chat_reactions WHERE message_id = m.id GROUP BY emoji) r), '[]'::json) AS reactions,
  COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'mediaType', a.media_type, 'size', a.size) ORDER BY a.created_at)
    FROM chat_attachments a WHERE a.message_id = m.id), '[]'::json) AS attachments`;

export interface MessageRow {
  id: string;
  channel_id: string;
  seq: string;
  client_msg_id: string;
  author_id: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  thread_root_id: string | null;
  also_in_channel: boolean;
  reply_count: number;
  last_reply_at: Date | null;
  mentioned_user_ids: string[];
  mentions_channel: boolean;
  mentions_here: boolean;
  pinned_at: Date | null;
  updated_at: Date;
  urgent?: boolean;
  reactions: ReactionView[];
  attachments: { id: string; name: string; mediaType: string; size: number | string }[];
}

export function toMessageView(r: MessageRow): MessageView {
  const deleted = r.deleted_at !== null;
  const view: MessageView = {
    id: r.id,
    channelId: r.channel_id,
    seq: Number(r.seq),
    clientMsgId: r.client_msg_id,
    authorId: r.author_id,
    body: r.body,
    createdAt: r.created_at.toISOString(),
    alsoInChannel: r.also_in_channel,
    replyCount: r.reply_count,
    mentions: { userIds: r.mentioned_user_ids, channel: r.mentions_channel, here: r.mentions_here },
    pinned: r.pinned_at !== null,
    // A deleted message keeps its place (tombstone) but nothing of what it said or carried.
    reactions: deleted ? [] : r.reactions,
    attachments: deleted ? [] : r.attachments.map((a) => ({ ...a, size: Number(a.size), url: `/api/chat/attachments/${a.id}` })),
    updatedAt: r.updated_at.toISOString(),
  };
  if (r.edited_at) view.editedAt = r.edited_at.toISOString();
  if (r.deleted_at) view.deletedAt = r.deleted_at.toISOString();
  if (r.thread_root_id) view.threadRootId = r.thread_root_id;
  if (r.last_reply_at) view.lastReplyAt = r.last_reply_at.toISOString();
  if (r.urgent) view.urgent = true;
  return view;
}

export async function loadMessages(m: EntityManager, where: string, params: unknown[], tail = ''): Promise<MessageView[]> {
  const found = await rows<MessageRow>(m, `SELECT ${MESSAGE_COLUMNS} FROM chat_messages m WHERE ${where} ${tail}`, params);
  return found.map(toMessageView);
}
