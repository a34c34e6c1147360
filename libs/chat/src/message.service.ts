import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, hasPermission, type MessageView } from '@yakuba/contracts';
import { DomainEvents, AuditService, type Principal, isUuid } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { loadMessages, prepared, rows, toMessageView, type MessageRow } from './chat-views';
import { canPost, canPostSql } from './domain/channel-access';
import { parseMentions, resolveDepartmentMentions } from './domain/mentions';
import { assertCanDelete, assertCanEdit, checkBody, checkReaction } from './domain/message-rules';
import { TokenBucketLimiter } from './domain/rate-limiter';
import { indexTerms } from './domain/search-terms';
import type { SendMessageDto } from './dto/chat.dto';

function isClientKeyViolation(error: unknown): boolean {
  const e = ((error as { driverError?: unknown }).driverError ?? error) as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'chat_messages_client_key';
}

/**
 * Every message is stored by this one statement (see MessageService.store). Thread and attachment parts are no-ops
 * for a plain message ($9 null, $11 empty), whose send stays one round trip with one plan kept per connection.
 */
const SEND_SQL = `WITH root AS (
   SELECT COALESCE(r.thread_root_id, r.id) AS id FROM chat_messages r WHERE r.id = $9::uuid AND r.channel_id = $1::uuid
 ), attached AS (
   SELECT a.id FROM chat_attachments a
    WHERE a.id = ANY($11::uuid[]) AND a.uploader_id = $3::uuid AND a.channel_id = $1::uuid AND a.message_id IS NULL
      FOR UPDATE
 ), counter AS (
   UPDATE chat_channels c SET last_seq = c.last_seq + 1
    WHERE c.id = $1::uuid AND ${canPostSql('c', '$3::uuid', '$12')}
      AND ($9::uuid IS NULL OR EXISTS (SELECT 1 FROM root))
      AND (SELECT count(*) FROM attached) = cardinality($11::uuid[])
   RETURNING c.last_seq
 ), ins AS (
   INSERT INTO chat_messages (channel_id, seq, client_msg_id, author_id, body, thread_root_id, also_in_channel,
                              mentioned_user_ids, mentions_channel, mentions_here, search_terms, urgent)
   SELECT $1::uuid, counter.last_seq, $2::text, $3::uuid, $4::text, (SELECT id FROM root), $9::uuid IS NOT NULL AND $10::boolean,
          ARRAY(SELECT cm.user_id FROM chat_members cm JOIN users u ON u.id = cm.user_id
                 WHERE cm.channel_id = $1::uuid AND (u.username = ANY($5::text[]) OR u.department_id = ANY($14::uuid[]))),
          $6::boolean, $7::boolean, $8::text[], $13::boolean
     FROM counter
   RETURNING *
 ), files AS (
   UPDATE chat_attachments a SET message_id = ins.id FROM ins WHERE a.id IN (SELECT id FROM attached)
   RETURNING a.id, a.name, a.media_type, a.size, a.created_at
 ), replies AS (
   UPDATE chat_messages r SET reply_count = r.reply_count + 1, last_reply_at = now(), updated_at = clock_timestamp()
     FROM ins WHERE r.id = ins.thread_root_id
 ), cursor AS (
   UPDATE chat_members SET last_read_seq = GREATEST(last_read_seq, (SELECT seq FROM ins)) WHERE channel_id = $1::uuid AND user_id = $3::uuid
 )
 SELECT ins.id, ins.channel_id, ins.seq, ins.client_msg_id, ins.author_id, ins.body, ins.created_at, ins.edited_at,
        ins.deleted_at, ins.thread_root_id, ins.also_in_channel, ins.reply_count, ins.last_reply_at, ins.mentioned_user_ids,
        ins.mentions_channel, ins.mentions_here, ins.pinned_at, ins.updated_at, ins.urgent, '[]'::json AS reactions,
        COALESCE((SELECT json_agg(json_build_object('id', f.id, 'name', f.name, 'mediaType', f.media_type, 'size', f.size) ORDER BY f.created_at)
          FROM files f), '[]'::json) AS attachments,
        ARRAY(SELECT user_id FROM chat_members WHERE channel_id = $1::uuid) AS member_ids
   FROM ins`;

/** Who writes a message: a signed-in user, or the system account of the notice port (no membership, no rate limit). */
export interface Author {
  id: string;
  system: boolean;
  /** An urgent message of a disaster channel (only through the channel port, never from a client's payload). */
  urgent?: boolean;
  /** Writes of the caller's own context that commit with the message, before anyone is told of it (channel port). */
  alongside?: (m: EntityManager, message: MessageView) => Promise<void>;
}

/** The body when checkBody accepts it, else undefined (the explanation then says why). */
function validBody(body: string, attachmentCount: number): string | undefined {
  try {
    return checkBody(body, attachmentCount);
  } catch {
    return undefined;
  }
}

@Injectable()
export class MessageService {
  private readonly limiter = new TokenBucketLimiter();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /** A user's message, within their rate limit (see `post`). */
  async send(user: Principal, dto: SendMessageDto): Promise<{ message: MessageView }> {
    return this.post({ id: user.id, system: false }, dto, this.limiter.take(user.id));
  }

  /**
   * Stores a message once per (author, channel, clientMsgId) and answers only after the commit. There is one write
   * path, `store`: one statement that locks the channel row by bumping its counter, which serialises the senders of
   * a channel, so seq is gap-free, and a concurrent duplicate is stopped by the unique key (its bump rolls back).
   * When it stores nothing, `explain` finds out why: the answer to a resend (the message stored already) or the
   * error the sender gets. `allowed` is the rate limiter's verdict, taken once per send.
   */
  async post(author: Author, dto: SendMessageDto, allowed: boolean): Promise<{ message: MessageView }> {
    const attachmentIds = [...new Set(dto.attachmentIds ?? [])];
    const storable =
      allowed &&
      isUuid(dto.channelId) &&
      (dto.threadRootId === undefined || isUuid(dto.threadRootId)) &&
      attachmentIds.every(isUuid) &&
      validBody(dto.body, attachmentIds.length) !== undefined;
    // A second try covers a change between the statement and the explanation (e.g. the sender was just invited).
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored = storable ? await this.store(author, dto, attachmentIds) : undefined;
      if (stored) return stored;
      const explained = await this.explain(author, dto, allowed, attachmentIds);
      if (explained) return explained;
    }
    throw new DomainError('conflict', 'the message could not be stored: send it again');
  }

  /**
   * The write path: one prepared statement, so one round trip, one plan kept per connection and one commit. It
   * checks that the author may post in the live channel (domain/channel-access) and that the thread and the files
   * are there, bumps the counter, inserts, links the files, counts the thread reply, moves the author's read cursor
   * and reads the members. Undefined when nothing was stored.
   */
  private async store(author: Author, dto: SendMessageDto, attachmentIds: string[]): Promise<{ message: MessageView } | undefined> {
    const mentioned = parseMentions(dto.body);
    const departmentIds = await this.mentionedDepartments(mentioned.groups);
    let row: (MessageRow & { member_ids: string[] }) | undefined;
    const params = [
      dto.channelId,
      dto.clientMsgId,
      author.id,
      dto.body,
      mentioned.usernames,
      mentioned.channel,
      mentioned.here,
      indexTerms(dto.body),
      dto.threadRootId ?? null,
      dto.alsoSendToChannel === true,
      attachmentIds,
      author.system,
      author.urgent === true,
      departmentIds,
    ];
    const alongside = author.alongside;
    try {
      [row] = alongside
        ? await this.db.transaction(async (m) => {
            const [stored] = await rows<MessageRow & { member_ids: string[] }>(m, SEND_SQL, params);
            if (stored) await alongside(m, toMessageView(stored));
            return [stored];
          })
        : await prepared<MessageRow & { member_ids: string[] }>(this.db, 'chat.send', SEND_SQL, params);
    } catch (error) {
      if (!isClientKeyViolation(error)) throw error;
      const again = await this.findByClientId(author.id, dto.channelId, dto.clientMsgId);
      if (!again) throw error;
      return { message: again };
    }
    if (!row) return undefined;
    const message = toMessageView(row);
    this.events.publish('chat.message-posted', { memberIds: row.member_ids, message });
    if (row.thread_root_id)
      this.events.publish('chat.message-updated', { memberIds: row.member_ids, message: await this.one(row.thread_root_id) });
    return { message };
  }

  /**
   * Why `store` kept nothing, checked in the order a sender should hear it: the channel (not_found / forbidden),
   * then a resend of a stored message (answered with it, never refused), the rate limit, the archive, the body, the
   * thread and the files. Undefined when nothing explains it (the state changed since: `post` tries again).
   */
  private async explain(
    author: Author,
    dto: SendMessageDto,
    allowed: boolean,
    attachmentIds: string[],
  ): Promise<{ message: MessageView } | undefined> {
    const channel = author.system
      ? await this.channels.standing(author.id, dto.channelId)
      : await this.channels.access(author, dto.channelId, 'member');
    if (!channel) throw new DomainError('not_found', 'channel not found');
    const existing = await this.findByClientId(author.id, dto.channelId, dto.clientMsgId);
    if (existing) return { message: existing };
    if (!allowed) throw new DomainError('rate_limited', 'too many messages: slow down');
    if (!canPost(channel, { member: channel.role !== null, system: author.system })) {
      throw channel.archived
        ? new DomainError('conflict', 'the channel is archived')
        : new DomainError('forbidden', 'join the channel first');
    }
    checkBody(dto.body, attachmentIds.length);
    if (dto.threadRootId !== undefined) {
      const [root] = isUuid(dto.threadRootId)
        ? await rows(this.db.manager, 'SELECT 1 FROM chat_messages WHERE id = $1 AND channel_id = $2', [dto.threadRootId, dto.channelId])
        : [];
      if (!root) throw new DomainError('not_found', 'thread not found');
    }
    if (attachmentIds.length) {
      const [{ n }] = attachmentIds.every(isUuid)
        ? await rows<{ n: number }>(
            this.db.manager,
            `SELECT count(*)::int AS n FROM chat_attachments WHERE id = ANY($1::uuid[]) AND uploader_id = $2 AND channel_id = $3 AND message_id IS NULL`,
            [attachmentIds, author.id, dto.channelId],
          )
        : [{ n: -1 }];
      if (n !== attachmentIds.length) throw new DomainError('bad_request', 'attachmentIds: unknown or already used attachment');
    }
    return undefined;
  }

  /**
   * The departments named by `@総務課`-style mentions (domain/mentions); their members who belong to the channel
   * become mentioned users in the send statement. A message without such a run costs no query.
   */
  private async mentionedDepartments(groups: string[]): Promise<string[]> {
    if (!groups.length) return [];
    const departments = await rows<{ id: string; name: string }>(this.db.manager, 'SELECT id, name FROM departments');
    return resolveDepartmentMentions(groups, departments);
  }

  private async findByClientId(authorId: string, channelId: string, clientMsgId: string): Promise<MessageView | undefined> {
    const [found] = await loadMessages(this.db.manager, 'm.author_id = $1 AND m.channel_id = $2 AND m.client_msg_id = $3', [
      authorId,
      channelId,
      clientMsgId,
    ]);
    return found;
  }

  async one(id: string): Promise<MessageView> {
    const [found] = isUuid(id) ? await loadMessages(this.db.manager, 'm.id = $1', [id]) : [];
    if (!found) throw new DomainError('not_found', 'message not found');
    return found;
  }

  /** Loads a message the caller may see (member, or reader of a public channel). */
  private async visible(user: Principal, messageId: string, need: 'read' | 'member') {
    if (!isUuid(messageId)) throw new DomainError('not_found', 'message not found');
    const [row] = await rows<{ channel_id: string; author_id: string; deleted_at: Date | null }>(
      this.db.manager,
      'SELECT channel_id, author_id, deleted_at FROM chat_messages WHERE id = $1',
      [messageId],
    );
    if (!row) throw new DomainError('not_found', 'message not found');
    const channel = await this.channels.access(user, row.channel_id, need);
    return { channel, authorId: row.author_id, deleted: row.deleted_at !== null };
  }

  async edit(user: Principal, messageId: string, body: string): Promise<{ message: MessageView }> {
    const found = await this.visible(user, messageId, 'member');
    assertCanEdit(found, user.id);
    checkBody(body, 1);
    if (body.trim().length === 0) throw new DomainError('bad_request', 'body: must not be empty (delete the message instead)');
    const mentioned = parseMentions(body);
    const departmentIds = await this.mentionedDepartments(mentioned.groups);
    await this.db.query(
      `UPDATE chat_messages SET body = $2, edited_at = now(), updated_at = clock_timestamp(), search_terms = $3, mentions_channel = $4, mentions_here = $5,
         mentioned_user_ids = ARRAY(SELECT cm.user_id FROM chat_members cm JOIN users u ON u.id = cm.user_id
           WHERE cm.channel_id = chat_messages.channel_id AND (u.username = ANY($6) OR u.department_id = ANY($7::uuid[])))
       WHERE id = $1 AND deleted_at IS NULL`,
      [messageId, body, indexTerms(body), mentioned.channel, mentioned.here, mentioned.usernames, departmentIds],
    );
    return this.publishUpdate(found.channel.id, messageId);
  }

  /** Deletion keeps a tombstone (id, seq, author, time) so history and sync stay gap-free; the content is gone. */
  async delete(user: Principal, messageId: string): Promise<{ message: MessageView }> {
    const found = await this.visible(user, messageId, 'member');
    assertCanDelete(found, user.id, found.channel.role === 'owner', hasPermission(user.roles, 'chat.manage'));
    if (!found.deleted) {
      await this.db.transaction(async (m) => {
        await m.query(
          `UPDATE chat_messages SET body = '', deleted_at = now(), updated_at = clock_timestamp(), search_terms = '{}', mentioned_user_ids = '{}',
             mentions_channel = false, mentions_here = false, pinned_at = NULL, pinned_by = NULL WHERE id = $1`,
          [messageId],
        );
        await m.query('DELETE FROM chat_reactions WHERE message_id = $1', [messageId]);
        // Removing someone else's message is moderation: it leaves a trace.
        if (found.authorId !== user.id) {
          await this.audit.record(
            {
              action: 'chat.message.moderated',
              actorId: user.id,
              targetType: 'chat_message',
              targetId: messageId,
              data: { channelId: found.channel.id, authorId: found.authorId },
            },
            m,
          );
        }
      });
    }
    return this.publishUpdate(found.channel.id, messageId);
  }

  async react(user: Principal, messageId: string, emoji: string, on?: boolean): Promise<{ message: MessageView }> {
    const found = await this.visible(user, messageId, 'member');
    if (found.deleted) throw new DomainError('conflict', 'the message was deleted');
    const value = checkReaction(emoji);
    await this.db.transaction(async (m) => {
      const [had] = await rows(m, 'SELECT 1 FROM chat_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3', [
        messageId,
        user.id,
        value,
      ]);
      const want = on ?? !had;
      if (want && !had)
        await m.query('INSERT INTO chat_reactions (message_id, user_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          messageId,
          user.id,
          value,
        ]);
      if (!want && had)
        await m.query('DELETE FROM chat_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3', [messageId, user.id, value]);
      await m.query('UPDATE chat_messages SET updated_at = clock_timestamp() WHERE id = $1', [messageId]);
    });
    return this.publishUpdate(found.channel.id, messageId);
  }

  async pin(user: Principal, messageId: string, pinned: boolean): Promise<{ message: MessageView }> {
    const found = await this.visible(user, messageId, 'member');
    if (found.deleted) throw new DomainError('conflict', 'the message was deleted');
    return this.pinIn(found.channel.id, messageId, pinned, user.id);
  }

  /** Pins or unpins a message of `channelId` (the access check is the caller's: a member, or the channel port). */
  async pinIn(channelId: string, messageId: string, pinned: boolean, byUserId: string): Promise<{ message: MessageView }> {
    await this.db.query(
      `UPDATE chat_messages SET pinned_at = CASE WHEN $2 THEN COALESCE(pinned_at, now()) END, pinned_by = CASE WHEN $2 THEN $3::uuid END, updated_at = clock_timestamp() WHERE id = $1 AND channel_id = $4`,
      [messageId, pinned, byUserId, channelId],
    );
    return this.publishUpdate(channelId, messageId);
  }

  private async publishUpdate(channelId: string, messageId: string): Promise<{ message: MessageView }> {
    const message = await this.one(messageId);
    this.events.publish('chat.message-updated', { memberIds: await this.channels.memberIds(channelId), message });
    return { message };
  }
}
