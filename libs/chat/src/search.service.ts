import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type ChatSearchAttachmentMatch, type ChatSearchResult } from '@yakuba/contracts';
import type { Principal } from '@yakuba/platform';
import { MESSAGE_COLUMNS, rows, toMessageView, type MessageRow } from './chat-views';
import { canSeeSql } from './domain/channel-access';
import { excerptAround, highlightRanges, parseSearchQuery } from './domain/search-terms';
import type { SearchQueryDto } from './dto/chat.dto';
import { isUuid } from '@yakuba/platform';

const RECENT_WINDOW = 10_000;

interface Hit {
  id: string;
  created_at: Date;
  attachment_id: string | null;
}

/**
 * Full-text search over every channel the caller may read (their channels and public ones), in message bodies and in
 * attached files (their names, and the text of PDFs). Candidates come from the GIN indexes on `search_terms` (all
 * query terms contained), then an exact substring check on the normalised text removes bigram coincidences. The
 * channel filter (domain/channel-access `canSeeSql`) is part of the same queries, and a file is found only through a
 * sent, undeleted message: nothing unreadable is ever loaded.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(user: Principal, query: SearchQueryDto): Promise<{ results: ChatSearchResult[]; query: string }> {
    const parsed = parseSearchQuery(query.q);
    if (parsed.terms.length === 0) return { results: [], query: query.q };
    for (const [field, value] of [['channelId', query.channelId], ['authorId', query.authorId]] as const)
      if (value !== undefined && !isUuid(value)) throw new DomainError('bad_request', `${field}: must be an id`);
    // One statement's conditions and parameters: `text` is where the words must occur; the message (m) must be in a
    // channel the caller may read, not deleted, and within the filters, wherever the words were found.
    const conditions = (terms: string, text: string) => {
      const params: unknown[] = [user.id, parsed.terms];
      const where = [`${terms} @> $2::text[]`, `m.deleted_at IS NULL`, `m.channel_id IN (SELECT c.id FROM chat_channels c WHERE ${canSeeSql('c', '$1')})`];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (query.channelId !== undefined) add((p) => `m.channel_id = ${p}`, query.channelId);
      if (query.authorId !== undefined) add((p) => `m.author_id = ${p}`, query.authorId);
      if (query.from) add((p) => `m.created_at >= ${p}`, new Date(query.from));
      if (query.to) add((p) => `m.created_at < ${p}`, new Date(query.to));
      for (const word of parsed.words) add((p) => `strpos(lower(normalize(${text}, NFKC)), ${p}) > 0`, word);
      return { where: where.join(' AND '), params };
    };
    const limit = Math.min(query.limit ?? 30, 100);
    // Ids first, on one table. A frequent word is answered from the newest RECENT_WINDOW messages (if they hold a
    // full page of hits, those are the newest hits overall); a rarer one from the GIN index, which then yields few
    // rows. Either way the work stays bounded at a million messages. Then the full view of those few messages.
    const inBody = conditions('m.search_terms', 'm.body');
    const bodyQuery = (from: string) =>
      `SELECT m.id, m.created_at, NULL::uuid AS attachment_id FROM ${from} m WHERE ${inBody.where}
       ORDER BY m.created_at DESC, m.id LIMIT ${limit}`;
    let inBodies = await rows<Hit>(
      this.db.manager,
      bodyQuery(`(SELECT * FROM chat_messages ORDER BY created_at DESC LIMIT ${RECENT_WINDOW})`),
      inBody.params,
    );
    if (inBodies.length < limit) inBodies = await rows<Hit>(this.db.manager, bodyQuery('chat_messages'), inBody.params);
    // Files are far fewer than messages: their GIN index alone keeps this small.
    const inFile = conditions('a.search_terms', `a.name || E'\\n' || a.content_text`);
    const inFiles = await rows<Hit>(
      this.db.manager,
      `SELECT DISTINCT ON (m.created_at, m.id) m.id, m.created_at, a.id AS attachment_id
       FROM chat_attachments a JOIN chat_messages m ON m.id = a.message_id
       WHERE ${inFile.where} ORDER BY m.created_at DESC, m.id, a.created_at LIMIT ${limit}`,
      inFile.params,
    );
    const hits = new Map<string, Hit>();
    for (const hit of [...inBodies, ...inFiles].sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || a.id.localeCompare(b.id))) {
      const had = hits.get(hit.id);
      if (!had) hits.set(hit.id, hit);
      else if (!had.attachment_id && hit.attachment_id) had.attachment_id = hit.attachment_id;
    }
    const chosen = [...hits.values()].slice(0, limit);
    if (!chosen.length) return { query: query.q, results: [] };
    const found = await rows<MessageRow & { channel_name: string; channel_type: string; author_name: string }>(
      this.db.manager,
      `SELECT ${MESSAGE_COLUMNS}, c.name AS channel_name, c.type AS channel_type, u.display_name AS author_name
       FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id JOIN users u ON u.id = m.author_id
       WHERE m.id = ANY($1::uuid[]) ORDER BY m.created_at DESC, m.id`,
      [chosen.map((h) => h.id)],
    );
    const files = await this.matchedFiles(
      chosen.flatMap((h) => (h.attachment_id ? [h.attachment_id] : [])),
      parsed.words,
    );
    return {
      query: query.q,
      results: found.map((r) => {
        const result: ChatSearchResult = {
          message: toMessageView(r),
          channel: { id: r.channel_id, name: r.channel_name, type: r.channel_type },
          author: { id: r.author_id, displayName: r.author_name },
          highlights: highlightRanges(r.body, parsed.words),
        };
        const file = files.get(hits.get(r.id)?.attachment_id ?? '');
        if (file) result.attachment = file;
        return result;
      }),
    };
  }

  /** The matched files with a passage around the match: in the name if it matches there, else in the PDF's text. */
  private async matchedFiles(ids: string[], words: string[]): Promise<Map<string, ChatSearchAttachmentMatch>> {
    const result = new Map<string, ChatSearchAttachmentMatch>();
    if (!ids.length) return result;
    const files = await rows<{ id: string; name: string; media_type: string; content_text: string }>(
      this.db.manager,
      'SELECT id, name, media_type, content_text FROM chat_attachments WHERE id = ANY($1::uuid[])',
      [ids],
    );
    for (const f of files) {
      const inName = highlightRanges(f.name, words);
      const passage = inName.length ? { excerpt: f.name, highlights: inName } : excerptAround(f.content_text, words);
      result.set(f.id, {
        id: f.id,
        name: f.name,
        mediaType: f.media_type,
        excerpt: passage?.excerpt ?? f.name,
        highlights: passage?.highlights ?? [],
      });
    }
    return result;
  }
}
