import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type ChatSearchResult } from '@yakuba/contracts';
import type { Principal } from '@yakuba/platform';
import { MESSAGE_COLUMNS, rows, toMessageView, type MessageRow } from './chat-views';
import { canSeeSql } from './domain/channel-access';
import { highlightRanges, parseSearchQuery } from './domain/search-terms';
import type { SearchQueryDto } from './dto/chat.dto';
import { isUuid } from '@yakuba/platform';

const RECENT_WINDOW = 10_000;

/**
 * Full-text search over every channel the caller may read (their channels and public ones). Candidates come from
 * the GIN index on `search_terms` (all query terms contained), then an exact substring check on the normalised body
 * removes bigram coincidences. The channel filter is part of the same query: nothing unreadable is ever loaded.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(user: Principal, query: SearchQueryDto): Promise<{ results: ChatSearchResult[]; query: string }> {
    const parsed = parseSearchQuery(query.q);
    if (parsed.terms.length === 0) return { results: [], query: query.q };
    const params: unknown[] = [user.id, parsed.terms];
    const where = [
      `m.search_terms @> $2::text[]`,
      `m.deleted_at IS NULL`,
      `m.channel_id IN (SELECT c.id FROM chat_channels c WHERE ${canSeeSql('c', '$1')})`,
    ];
    for (const word of parsed.words) {
      params.push(word);
      where.push(`strpos(lower(normalize(m.body, NFKC)), $${params.length}) > 0`);
    }
    if (query.channelId !== undefined) {
      if (!isUuid(query.channelId)) throw new DomainError('bad_request', 'channelId: must be a channel id');
      params.push(query.channelId);
      where.push(`m.channel_id = $${params.length}`);
    }
    if (query.authorId !== undefined) {
      if (!isUuid(query.authorId)) throw new DomainError('bad_request', 'authorId: must be a user id');
      params.push(query.authorId);
      where.push(`m.author_id = $${params.length}`);
    }
    if (query.from) {
      params.push(new Date(query.from));
      where.push(`m.created_at >= $${params.length}`);
    }
    if (query.to) {
      params.push(new Date(query.to));
      where.push(`m.created_at < $${params.length}`);
    }
    const limit = Math.min(query.limit ?? 30, 100);
    // Ids first, on one table. A frequent word is answered from the newest RECENT_WINDOW messages (if they hold a
    // full page of hits, those are the newest hits overall); a rarer one from the GIN index, which then yields few
    // rows. Either way the work stays bounded at a million messages. Then the full view of those few messages.
    const idQuery = (from: string) =>
      `SELECT m.id FROM ${from} m WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id LIMIT ${limit}`;
    let ids = await rows<{ id: string }>(
      this.db.manager,
      idQuery(`(SELECT * FROM chat_messages ORDER BY created_at DESC LIMIT ${RECENT_WINDOW})`),
      params,
    );
    if (ids.length < limit) ids = await rows<{ id: string }>(this.db.manager, idQuery('chat_messages'), params);
    if (!ids.length) return { query: query.q, results: [] };
    const found = await rows<MessageRow & { channel_name: string; channel_type: string; author_name: string }>(
      this.db.manager,
      `SELECT ${MESSAGE_COLUMNS}, c.name AS channel_name, c.type AS channel_type, u.display_name AS author_name
       FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id JOIN users u ON u.id = m.author_id
       WHERE m.id = ANY($1::uuid[]) ORDER BY m.created_at DESC, m.id`,
      [ids.map((r) => r.id)],
    );
    return {
      query: query.q,
      results: found.map((r) => ({
        message: toMessageView(r),
        channel: { id: r.channel_id, name: r.channel_name, type: r.channel_type },
        author: { id: r.author_id, displayName: r.author_name },
        highlights: highlightRanges(r.body, parsed.words),
      })),
    };
  }
}
