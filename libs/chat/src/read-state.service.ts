import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  type ChatHistoryPage,
  type ChatReadResult,
  type ChatSyncResult,
  type MessageReaders,
  type MessageView,
} from '@yakuba/contracts';
import type { Principal } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { loadMessages, rows } from './chat-views';
import { advanceCursor, readersOf, unreadersOf, READ_RECEIPT_MAX_MEMBERS } from './domain/read-state';
import { DomainEvents, isUuid } from '@yakuba/platform';

const SYNC_PAGE = 1000;
/** Updates are matched with this much overlap: a transaction that committed late with an earlier timestamp is not missed. */
const SYNC_OVERLAP_MS = 10_000;

/** The read side of messages: read cursors, sync after a disconnection, history, pins and 既読 readers. */
@Injectable()
export class ReadStateService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
    private readonly events: DomainEvents,
  ) {}

  /** Loads a message the caller may see (member, or reader of a public channel). */
  private async visible(user: Principal, messageId: string) {
    if (!isUuid(messageId)) throw new DomainError('not_found', 'message not found');
    const [row] = await rows<{ channel_id: string }>(this.db.manager, 'SELECT channel_id FROM chat_messages WHERE id = $1', [messageId]);
    if (!row) throw new DomainError('not_found', 'message not found');
    return this.channels.access(user, row.channel_id, 'member');
  }

  /** Moves the caller's read cursor forward (never back); the other members hear of it for 既読. */
  async read(user: Principal, channelId: string, seq: number): Promise<ChatReadResult> {
    const channel = await this.channels.access(user, channelId, 'member');
    const [cursor] = await rows<{ last_read_seq: string }>(
      this.db.manager,
      'SELECT last_read_seq FROM chat_members WHERE channel_id = $1 AND user_id = $2',
      [channelId, user.id],
    );
    const target = advanceCursor(Number(cursor?.last_read_seq ?? 0), seq, channel.lastSeq);
    const [moved] = await rows<{ last_read_seq: string }>(
      this.db.manager,
      'UPDATE chat_members SET last_read_seq = $3 WHERE channel_id = $1 AND user_id = $2 AND last_read_seq < $3 RETURNING last_read_seq',
      [channelId, user.id, target],
    );
    if (moved) this.events.publish('chat.read-moved', { memberIds: await this.channels.memberIds(channelId), receipt: { channelId, userId: user.id, seq: target } });
    return { channelId, seq: target };
  }

  /**
   * What a client missed: messages after each cursor (ascending by channel, seq; at most SYNC_PAGE per channel, the
   * rest listed in `more`), and the current state of older messages changed since `updatedSince`.
   */
  async sync(user: Principal, cursors: Record<string, number>, updatedSince?: string): Promise<ChatSyncResult> {
    const [{ now }] = await rows<{ now: Date }>(this.db.manager, 'SELECT clock_timestamp() AS now');
    const ids = Object.keys(cursors);
    if (ids.length > 500) throw new DomainError('bad_request', 'cursors: at most 500 channels');
    for (const [id, seq] of Object.entries(cursors)) {
      if (!isUuid(id)) throw new DomainError('forbidden', `not a member of ${id}`);
      if (!Number.isSafeInteger(seq) || seq < 0) throw new DomainError('bad_request', `cursors.${id}: must be a non-negative integer`);
    }
    const since = updatedSince !== undefined ? new Date(updatedSince) : null;
    if (since && Number.isNaN(since.getTime())) throw new DomainError('bad_request', 'updatedSince: must be an ISO-8601 time');
    const memberOf = new Set(
      (
        await rows<{ channel_id: string }>(
          this.db.manager,
          'SELECT channel_id FROM chat_members WHERE user_id = $1 AND channel_id = ANY($2::uuid[])',
          [user.id, ids],
        )
      ).map((r) => r.channel_id),
    );
    const denied = ids.find((id) => !memberOf.has(id));
    if (denied) throw new DomainError('forbidden', `not a member of ${denied}`);
    const sorted = [...ids].sort();
    const messages: MessageView[] = [];
    const updates: MessageView[] = [];
    const more: string[] = [];
    for (const id of sorted) {
      const page = await loadMessages(
        this.db.manager,
        'm.channel_id = $1 AND m.seq > $2',
        [id, cursors[id]],
        `ORDER BY m.seq LIMIT ${SYNC_PAGE + 1}`,
      );
      if (page.length > SYNC_PAGE) more.push(id);
      messages.push(...page.slice(0, SYNC_PAGE));
      if (since) {
        updates.push(
          ...(await loadMessages(
            this.db.manager,
            'm.channel_id = $1 AND m.seq <= $2 AND m.updated_at > $3',
            [id, cursors[id], new Date(since.getTime() - SYNC_OVERLAP_MS)],
            `ORDER BY m.seq LIMIT 5000`,
          )),
        );
      }
    }
    return { messages, updates, more, serverTime: now.toISOString() };
  }

  /**
   * A page of history (newest first from `before`), the next page after `after`, the page `around` a seq (half
   * before it, the message at that seq and the rest after, with whether more lies on either side: search results
   * open deep in history), or one thread with `threadRootId`.
   */
  async history(
    user: Principal,
    channelId: string,
    options: { before?: number; after?: number; around?: number; limit?: number; threadRootId?: string },
  ): Promise<ChatHistoryPage> {
    await this.channels.access(user, channelId, 'read');
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    if (options.around !== undefined && (options.before !== undefined || options.after !== undefined || options.threadRootId !== undefined))
      throw new DomainError('bad_request', 'around: use it alone, without before, after or threadRootId');
    if (options.threadRootId !== undefined) {
      if (!isUuid(options.threadRootId)) throw new DomainError('not_found', 'thread not found');
      const messages = await loadMessages(
        this.db.manager,
        'm.channel_id = $1 AND (m.id = $2 OR m.thread_root_id = $2)',
        [channelId, options.threadRootId],
        'ORDER BY m.seq LIMIT 1000',
      );
      if (!messages.length) throw new DomainError('not_found', 'thread not found');
      return { messages };
    }
    const inChannel = '(m.thread_root_id IS NULL OR m.also_in_channel)';
    if (options.around !== undefined) {
      const olderCount = Math.floor(limit / 2);
      const newerCount = limit - olderCount;
      // One more on each side than is returned tells whether the page ends there.
      const [older, newer] = await Promise.all([
        loadMessages(this.db.manager, `m.channel_id = $1 AND m.seq < $2 AND ${inChannel}`, [channelId, options.around], `ORDER BY m.seq DESC LIMIT ${olderCount + 1}`),
        loadMessages(this.db.manager, `m.channel_id = $1 AND m.seq >= $2 AND ${inChannel}`, [channelId, options.around], `ORDER BY m.seq LIMIT ${newerCount + 1}`),
      ]);
      return {
        messages: [...older.slice(0, olderCount).reverse(), ...newer.slice(0, newerCount)],
        hasOlder: older.length > olderCount,
        hasNewer: newer.length > newerCount,
      };
    }
    if (options.after !== undefined) {
      return {
        messages: await loadMessages(
          this.db.manager,
          `m.channel_id = $1 AND m.seq > $2 AND ${inChannel}`,
          [channelId, options.after],
          `ORDER BY m.seq LIMIT ${limit}`,
        ),
      };
    }
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    const page = await loadMessages(
      this.db.manager,
      `m.channel_id = $1 AND m.seq < $2 AND ${inChannel}`,
      [channelId, before],
      `ORDER BY m.seq DESC LIMIT ${limit}`,
    );
    return { messages: page.reverse() };
  }

  async pins(user: Principal, channelId: string): Promise<{ messages: MessageView[] }> {
    await this.channels.access(user, channelId, 'read');
    return {
      messages: await loadMessages(
        this.db.manager,
        'm.channel_id = $1 AND m.pinned_at IS NOT NULL',
        [channelId],
        'ORDER BY m.pinned_at DESC LIMIT 100',
      ),
    };
  }

  /** Who read a message (既読) and who has not yet (未読), in channels of up to 50 members. */
  async readers(user: Principal, messageId: string): Promise<MessageReaders> {
    const channel = await this.visible(user, messageId);
    const [{ n }] = await rows<{ n: number }>(this.db.manager, 'SELECT count(*)::int AS n FROM chat_members WHERE channel_id = $1', [
      channel.id,
    ]);
    if (n > READ_RECEIPT_MAX_MEMBERS)
      throw new DomainError('bad_request', `read receipts are shown in channels of up to ${READ_RECEIPT_MAX_MEMBERS} members`);
    const members = await rows<{ user_id: string; display_name: string; last_read_seq: string; seq: string; author_id: string }>(
      this.db.manager,
      `SELECT cm.user_id, u.display_name, cm.last_read_seq, msg.seq, msg.author_id FROM chat_members cm JOIN users u ON u.id = cm.user_id
       JOIN chat_messages msg ON msg.id = $1 WHERE cm.channel_id = msg.channel_id ORDER BY u.display_name`,
      [messageId],
    );
    if (!members.length) return { readCount: 0, readers: [], unreadCount: 0, unread: [] };
    const cursors = members.map((r) => ({ userId: r.user_id, lastReadSeq: Number(r.last_read_seq) }));
    const seq = Number(members[0].seq);
    const read = new Set(readersOf(cursors, seq, members[0].author_id));
    const notYet = new Set(unreadersOf(cursors, seq, members[0].author_id));
    const named = (r: (typeof members)[number]) => ({ userId: r.user_id, displayName: r.display_name });
    const readers = members.filter((r) => read.has(r.user_id)).map(named);
    const unread = members.filter((r) => notYet.has(r.user_id)).map(named);
    return { readCount: readers.length, readers, unreadCount: unread.length, unread };
  }
}
