import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadStream } from 'node:fs';
import { DataSource } from 'typeorm';
import { DomainError, type AttachmentView } from '@yakuba/contracts';
import { FileStore, sniffMediaType, type Principal, isUuid, uploadFileName } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { rows } from './chat-views';

/**
 * Files for a message are uploaded first (to the channel), then named in `chat:send` `attachmentIds`. The type is
 * taken from the bytes, never from the name: images are shown inline, PDFs open in the browser's viewer.
 */
@Injectable()
export class AttachmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAccessService,
    private readonly files: FileStore,
  ) {}

  async upload(user: Principal, channelId: string, file: Express.Multer.File | undefined): Promise<AttachmentView> {
    const channel = await this.channels.access(user, channelId, 'member');
    if (channel.archived) throw new DomainError('conflict', 'the channel is archived');
    if (!file || file.size === 0) throw new DomainError('bad_request', 'file: a file is required');
    if (file.size > this.files.maxBytes)
      throw new DomainError('too_large', `the file is larger than ${Math.round(this.files.maxBytes / 1048576)} MB`);
    const mediaType = await sniffMediaType(file.buffer);
    if (!mediaType) throw new DomainError('unsupported_media_type', 'only images (PNG, JPEG, GIF, WebP) and PDF files can be attached');
    const key = await this.files.put(file.buffer);
    const name = uploadFileName(file.originalname);
    const [row] = await rows<{ id: string }>(
      this.db.manager,
      `INSERT INTO chat_attachments (channel_id, uploader_id, file_key, name, media_type, size) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [channelId, user.id, key, name, mediaType, file.size],
    );
    return { id: row.id, name, mediaType, size: file.size, url: `/api/chat/attachments/${row.id}` };
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
