import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, hasPermission, type MessageView } from '@yakuba/contracts';
import { AuditService, DomainEvents, type Principal, isUuid } from '@yakuba/platform';
import { ChannelService } from './channel.service';
import { loadMessages, prepared, rows, toMessageView, type MessageRow } from './chat-views';
import { parseMentions } from './domain/mentions';
import { assertCanDelete, assertCanEdit, checkBody, checkReaction } from './domain/message-rules';
import { TokenBucketLimiter } from './domain/rate-limiter';
import { indexTerms } from './domain/search-terms';
import type { SendMessageDto } from './dto/chat.dto';

/** Thrown inside the sending transaction to roll back the seq bump when the message already exists. */
class AlreadyStored {
  constructor(readonly id: string) {}
}

function isClientKeyViolation(error: unknown): boolean {
  const e = ((error as { driverError?: unknown }).driverError ?? error) as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'chat_messages_client_key';
}

/** The plain message, stored by one statement (see MessageService.sendPlain). */
const SEND_PLAIN_SQL = `WITH counter AS (
   UPDATE chat_channels c SET last_seq = c.last_seq + 1
    WHERE c.id = $1 AND c.archived_at IS NULL
      AND EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = $1 AND cm.user_id = $3)
   RETURNING c.last_seq
 ), ins AS (
   INSERT INTO chat_messages (channel_id, seq, client_msg_id, author_id, body, thread_root_id, also_in_channel,
                              mentioned_user_ids, mentions_channel, mentions_here, search_terms)
   SELECT $1, counter.last_seq, $2, $3, $4, NULL, false,
          ARRAY(SELECT cm.user_id FROM chat_members cm JOIN users u ON u.id = cm.user_id
                 WHERE cm.channel_id = $1 AND u.username = ANY($5::text[])),
          $6, $7, $8
     FROM counter
   RETURNING *
 ), cursor AS (
   UPDATE chat_members SET last_read_seq = GREATEST(last_read_seq, (SELECT seq FROM ins)) WHERE channel_id = $1 AND user_id = $3
 )
 SELECT ins.id, ins.channel_id, ins.seq, ins.client_msg_id, ins.author_id, ins.body, ins.created_at, ins.edited_at,
        ins.deleted_at, ins.thread_root_id, ins.also_in_channel, ins.reply_count, ins.last_reply_at, ins.mentioned_user_ids,
        ins.mentions_channel, ins.mentions_here, ins.pinned_at, ins.updated_at, '[]'::json AS reactions, '[]'::json AS attachments,
        ARRAY(SELECT user_id FROM chat_members WHERE channel_id = $1) AS member_ids
   FROM ins`;

/** The body of a plain message, or undefined when checkBody refuses it (the checked path then says why). */
function validBody(body: string): string | undefined {
  try {
    return checkBody(body, 0);
  } catch {
    return undefined;
  }
}

@Injectable()
export class MessageService {
  private readonly limiter = new TokenBucketLimiter();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /**
   * Stores a message once per (author, channel, clientMsgId) and answers only after the commit. The channel row is
   * locked by bumping its counter, which serialises senders of one channel: seq is gap-free, and a concurrent
   * duplicate either finds the first one committed (and rolls its bump back) or is stopped by the unique key.
   *
   * A plain message (no thread, no attachment) takes the one-statement path; whatever that statement does not store
   * (not a member, archived channel, unknown channel) falls through to the checked path, which says why.
   */
  async send(user: Principal, dto: SendMessageDto): Promise<{ message: MessageView }> {
    const plain = dto.threadRootId === undefined && (dto.attachmentIds ?? []).length === 0 && isUuid(dto.channelId);
    if (!plain) return this.sendChecked(user, dto, this.limiter.take(user.id));
    const allowed = this.limiter.take(user.id);
    const body = allowed ? validBody(dto.body) : undefined;
    if (body === undefined) return this.sendChecked(user, dto, allowed);
    return (await this.sendPlain(user, dto, body)) ?? this.sendChecked(user, dto, allowed);
  }

  /** Every check in turn, each with its own answer; `allowed` is the rate limiter's verdict, taken once per send. */
  private async sendChecked(user: Principal, dto: SendMessageDto, allowed: boolean): Promise<{ message: MessageView }> {
    const channel = await this.channels.access(user, dto.channelId, 'member');
    // A resend of a stored message (the outbox after a reconnect) is answered with it, never refused.
    const storedAlready = () => this.findByClientId(user.id, dto.channelId, dto.clientMsgId);
    if (!allowed) {
      const existing = await storedAlready();
      if (existing) return { message: existing };
      throw new DomainError('rate_limited', 'too many messages: slow down');
    }
    if (channel.archived) {
      const existing = await storedAlready();
      if (existing) return { message: existing };
      throw new DomainError('conflict', 'the channel is archived');
    }
    const attachmentIds = [...new Set(dto.attachmentIds ?? [])];
    const body = checkBody(dto.body, attachmentIds.length);
    let id: string;
    let rootId: string | null = null;
    let fresh = true;
    try {
      ({ id, rootId } = await this.db.transaction((m) => this.insert(m, user, dto, body, attachmentIds)));
    } catch (error) {
      if (error instanceof AlreadyStored) {
        id = error.id;
        fresh = false;
      } else if (isClientKeyViolation(error)) {
        const again = await storedAlready();
        if (!again) throw error;
        return { message: again };
      } else throw error;
    }
    const message = await this.one(id);
    if (!fresh) return { message };
    const members = await this.channels.memberIds(dto.channelId);
    this.events.publish('chat.message-posted', { memberIds: members, message });
    if (rootId) this.events.publish('chat.message-updated', { memberIds: members, message: await this.one(rootId) });
    return { message };
  }

  /**
   * The hot path in one prepared statement, so one round trip, one plan kept per connection and one commit: check
   * that the sender is a member of a live channel, bump its counter, insert, move the sender's read cursor and read
   * the members. The statement is atomic, so a duplicate clientMsgId (stopped by the unique key, also between
   * concurrent senders) rolls the bump back: seq stays gap-free. Undefined when nothing was stored because the
   * sender may not post there (the checked path then answers why).
   */
  private async sendPlain(user: Principal, dto: SendMessageDto, body: string): Promise<{ message: MessageView } | undefined> {
    const mentioned = parseMentions(body);
    let row: (MessageRow & { member_ids: string[] }) | undefined;
    try {
      [row] = await prepared<MessageRow & { member_ids: string[] }>(this.db, 'chat.send-plain', SEND_PLAIN_SQL, [
        dto.channelId,
        dto.clientMsgId,
        user.id,
        body,
        mentioned.usernames,
        mentioned.channel,
        mentioned.here,
        indexTerms(body),
      ]);
    } catch (error) {
      if (!isClientKeyViolation(error)) throw error;
      const again = await this.findByClientId(user.id, dto.channelId, dto.clientMsgId);
      if (!again) throw error;
      return { message: again };
    }
    if (!row) return undefined;
    const message = toMessageView(row);
    this.events.publish('chat.message-posted', { memberIds: row.member_ids, message });
    return { message };
  }

  private async insert(
    m: EntityManager,
    user: Principal,
    dto: SendMessageDto,
    body: string,
    attachmentIds: string[],
  ): Promise<{ id: string; rootId: string | null }> {
    const [counter] = await rows<{ last_seq: string }>(
      m,
      'UPDATE chat_channels SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq',
      [dto.channelId],
    );
    const [dup] = await rows<{ id: string }>(
      m,
      'SELECT id FROM chat_messages WHERE author_id = $1 AND channel_id = $2 AND client_msg_id = $3',
      [user.id, dto.channelId, dto.clientMsgId],
    );
    if (dup) throw new AlreadyStored(dup.id);
    let rootId: string | null = null;
    if (dto.threadRootId !== undefined) {
      const [root] = isUuid(dto.threadRootId)
        ? await rows<{ id: string; thread_root_id: string | null }>(
            m,
            'SELECT id, thread_root_id FROM chat_messages WHERE id = $1 AND channel_id = $2',
            [dto.threadRootId, dto.channelId],
          )
        : [];
      if (!root) throw new DomainError('not_found', 'thread not found');
      // Threads are one level deep: a reply to a reply joins the same thread.
      rootId = root.thread_root_id ?? root.id;
    }
    const mentioned = parseMentions(body);
    const mentionedIds = mentioned.usernames.length
      ? (
          await rows<{ user_id: string }>(
            m,
            `SELECT cm.user_id FROM chat_members cm JOIN users u ON u.id = cm.user_id WHERE cm.channel_id = $1 AND u.username = ANY($2)`,
            [dto.channelId, mentioned.usernames],
          )
        ).map((r) => r.user_id)
      : [];
    const seq = Number(counter.last_seq);
    const [inserted] = await rows<{ id: string }>(
      m,
      `INSERT INTO chat_messages (channel_id, seq, client_msg_id, author_id, body, thread_root_id, also_in_channel, mentioned_user_ids, mentions_channel, mentions_here, search_terms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        dto.channelId,
        seq,
        dto.clientMsgId,
        user.id,
        body,
        rootId,
        rootId !== null && dto.alsoSendToChannel === true,
        mentionedIds,
        mentioned.channel,
        mentioned.here,
        indexTerms(body),
      ],
    );
    if (attachmentIds.length) {
      const attached = await rows<{ id: string }>(
        m,
        `UPDATE chat_attachments SET message_id = $1 WHERE id = ANY($2::uuid[]) AND uploader_id = $3 AND channel_id = $4 AND message_id IS NULL RETURNING id`,
        [inserted.id, attachmentIds, user.id, dto.channelId],
      );
      if (attached.length !== attachmentIds.length)
        throw new DomainError('bad_request', 'attachmentIds: unknown or already used attachment');
    }
    if (rootId) {
      await m.query(
        `UPDATE chat_messages SET reply_count = reply_count + 1, last_reply_at = now(), updated_at = clock_timestamp() WHERE id = $1`,
        [rootId],
      );
    }
    // What one writes, one has read.
    await m.query('UPDATE chat_members SET last_read_seq = GREATEST(last_read_seq, $3) WHERE channel_id = $1 AND user_id = $2', [
      dto.channelId,
      user.id,
      seq,
    ]);
    return { id: inserted.id, rootId };
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
    await this.db.query(
      `UPDATE chat_messages SET body = $2, edited_at = now(), updated_at = clock_timestamp(), search_terms = $3, mentions_channel = $4, mentions_here = $5,
         mentioned_user_ids = ARRAY(SELECT cm.user_id FROM chat_members cm JOIN users u ON u.id = cm.user_id WHERE cm.channel_id = chat_messages.channel_id AND u.username = ANY($6))
       WHERE id = $1 AND deleted_at IS NULL`,
      [messageId, body, indexTerms(body), mentioned.channel, mentioned.here, mentioned.usernames],
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
    await this.db.query(
      `UPDATE chat_messages SET pinned_at = CASE WHEN $2 THEN COALESCE(pinned_at, now()) END, pinned_by = CASE WHEN $2 THEN $3::uuid END, updated_at = clock_timestamp() WHERE id = $1`,
      [messageId, pinned, user.id],
    );
    return this.publishUpdate(found.channel.id, messageId);
  }

  private async publishUpdate(channelId: string, messageId: string): Promise<{ message: MessageView }> {
    const message = await this.one(messageId);
    this.events.publish('chat.message-updated', { memberIds: await this.channels.memberIds(channelId), message });
    return { message };
  }
}
