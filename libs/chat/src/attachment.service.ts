import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadStream } from 'node:fs';
import { DataSource } from 'typeorm';
import { DomainError, type AttachmentView } from '@yakuba/contracts';
import { FileStore, MAX_UPLOAD_PAGES, PdfReader, sniffMediaType, type Principal, isUuid, uploadFileName } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { rows } from './chat-views';
import { pdfSearchText } from './domain/attachment-text';
import { attachmentTerms } from './domain/search-terms';

/**
 * Files for a message are uploaded first (to the channel), then named in `chat:send` `attachmentIds`. The type is
 * taken from the bytes, never from the name: images are shown inline, PDFs open in the browser's viewer. The file's
 * name and a PDF's text (read by the platform's pdf.js reader, in its own thread and within its limits) are indexed
 * for search (search.service.ts) under the same access rule as the message that carries the file.
 */
@Injectable()
export class AttachmentService {
  private readonly logger = new Logger('chat');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
    private readonly files: FileStore,
    private readonly pdfReader: PdfReader,
  ) {}

  async upload(user: Principal, channelId: string, file: Express.Multer.File | undefined): Promise<AttachmentView> {
    const channel = await this.channels.access(user, channelId, 'member');
    if (channel.archived) throw new DomainError('conflict', 'the channel is archived');
    if (!file || file.size === 0) throw new DomainError('bad_request', 'file: a file is required');
    if (file.size > this.files.maxBytes)
      throw new DomainError('too_large', `the file is larger than ${Math.round(this.files.maxBytes / 1048576)} MB`);
    const mediaType = await sniffMediaType(file.buffer);
    if (!mediaType) throw new DomainError('unsupported_media_type', 'only images (PNG, JPEG, GIF, WebP) and PDF files can be attached');
    return this.store(channelId, user.id, file.buffer, uploadFileName(file.originalname), mediaType);
  }

  /** Stores an accepted file with its search terms (also used by the demo seeder). */
  async store(channelId: string, uploaderId: string, bytes: Buffer, name: string, mediaType: string): Promise<AttachmentView> {
    const text = mediaType === 'application/pdf' ? await this.pdfText(bytes) : '';
    const key = await this.files.put(bytes);
    const [row] = await rows<{ id: string }>(
      this.db.manager,
      `INSERT INTO chat_attachments (channel_id, uploader_id, file_key, name, media_type, size, content_text, search_terms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [channelId, uploaderId, key, name, mediaType, bytes.length, text, attachmentTerms(name, text)],
    );
    return { id: row.id, name, mediaType, size: bytes.length, url: `/api/chat/attachments/${row.id}` };
  }

  /**
   * A PDF's text for search. A chat attachment is a file to pass on, not a paper to present: one the reader cannot
   * open (encrypted, damaged, beyond the limits) is still attached, found by its name only.
   */
  private async pdfText(bytes: Buffer): Promise<string> {
    try {
      const found = await this.pdfReader.inspect(bytes, MAX_UPLOAD_PAGES);
      return pdfSearchText(found.runs);
    } catch (error) {
      this.logger.log(`attached PDF not indexed: ${error instanceof Error ? error.message : String(error)}`);
      return '';
    }
  }

  /** The bytes of an attachment the caller may read (member, or a public channel). */
  async open(user: Principal, id: string): Promise<{ stream: ReadStream; name: string; mediaType: string; size: number }> {
    if (!isUuid(id)) throw new DomainError('not_found', 'attachment not found');
    const [row] = await rows<{
      channel_id: string;
      file_key: string;
      name: string;
      media_type: string;
      size: string;
      uploader_id: string;
      message_id: string | null;
      deleted: boolean;
    }>(
      this.db.manager,
      `SELECT a.channel_id, a.file_key, a.name, a.media_type, a.size, a.uploader_id, a.message_id, (m.deleted_at IS NOT NULL) AS deleted
       FROM chat_attachments a LEFT JOIN chat_messages m ON m.id = a.message_id WHERE a.id = $1`,
      [id],
    );
    if (!row || row.deleted) throw new DomainError('not_found', 'attachment not found');
    await this.channels.access(user, row.channel_id, 'read');
    // Not yet sent: only its uploader sees it (the composer preview).
    if (!row.message_id && row.uploader_id !== user.id) throw new DomainError('not_found', 'attachment not found');
    return { stream: this.files.open(row.file_key), name: row.name, mediaType: row.media_type, size: Number(row.size) };
  }
}
