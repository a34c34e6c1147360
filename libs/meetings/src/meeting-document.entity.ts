import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { NoteMemo, NoteStroke, PageSize } from '@yakuba/contracts';

/** One version of a document; versions of the same paper share a series id, and only the newest is current. */
@Entity('meeting_documents')
export class MeetingDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'meeting_id' }) meetingId: string;
  @Column({ type: 'uuid', name: 'agenda_item_id', nullable: true }) agendaItemId: string | null;
  @Column({ type: 'uuid', name: 'series_id' }) seriesId: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', name: 'file_key' }) fileKey: string;
  @Column({ type: 'bigint', name: 'byte_size' }) byteSize: string;
  @Column({ type: 'int', name: 'page_count' }) pageCount: number;
  @Column({ type: 'jsonb', name: 'page_sizes' }) pageSizes: PageSize[];
  @Column({ type: 'boolean', default: false }) confidential: boolean;
  @Column({ type: 'uuid', name: 'uploaded_by' }) uploadedBy: string;
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'superseded_at', nullable: true }) supersededAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

@Entity('meeting_document_pages')
export class MeetingDocumentPage {
  @PrimaryColumn({ type: 'uuid', name: 'document_id' }) documentId: string;
  @PrimaryColumn({ type: 'int' }) page: number;
  @Column({ type: 'text' }) text: string;
}

/** A page that could not be drawn within the render limits: answered with a 422 at once from then on. */
@Entity('meeting_document_page_failures')
export class MeetingDocumentPageFailure {
  @PrimaryColumn({ type: 'uuid', name: 'document_id' }) documentId: string;
  @PrimaryColumn({ type: 'int' }) page: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'timestamptz', name: 'failed_at' }) failedAt: Date;
}

/** A participant's private handwriting and memos on one page of one document version. */
@Entity('meeting_notes')
export class MeetingNote {
  @PrimaryColumn({ type: 'uuid', name: 'document_id' }) documentId: string;
  @PrimaryColumn({ type: 'uuid', name: 'owner_id' }) ownerId: string;
  @PrimaryColumn({ type: 'int' }) page: number;
  @Column({ type: 'jsonb' }) strokes: NoteStroke[];
  @Column({ type: 'jsonb' }) memos: NoteMemo[];
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
