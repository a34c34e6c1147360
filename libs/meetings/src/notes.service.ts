import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import { DataSource, In } from 'typeorm';
import type { DocumentNotes, NotePage } from '@yakuba/contracts';
import { FileStore, type Principal } from '@yakuba/platform';
import { assertPageOf } from './domain/document-rules';
import { loadAccess, loadDocumentAccess } from './meeting-access';
import { MeetingDocument, MeetingNote } from './meeting-document.entity';
import { MeetingDocumentsService } from './meeting-documents.service';
import type { NotePageDto } from './dto/notes.dto';
import { renderNotesPdf } from './pdf/notes-pdf';

/** Private handwriting and memos: only their owner ever reads or writes them, from any device. */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: MeetingDocumentsService,
    private readonly files: FileStore,
  ) {}

  async forDocument(actor: Principal, meetingId: string, documentId: string): Promise<DocumentNotes> {
    const { document } = await loadDocumentAccess(this.db.manager, meetingId, documentId, actor.id);
    const notes = await this.db
      .getRepository(MeetingNote)
      .find({ where: { documentId: document.id, ownerId: actor.id }, order: { page: 'ASC' } });
    return {
      documentId: document.id,
      pages: notes.map((n) => ({ page: n.page, strokes: n.strokes, memos: n.memos, updatedAt: n.updatedAt.toISOString() })),
    };
  }

  /** Saves one page as it is now (the client sends the page's whole set after each stroke); empty removes it. */
  async savePage(actor: Principal, meetingId: string, documentId: string, page: number, dto: NotePageDto): Promise<NotePage> {
    const { document } = await loadDocumentAccess(this.db.manager, meetingId, documentId, actor.id);
    assertPageOf(page, document.pageCount);
    const key = { documentId: document.id, ownerId: actor.id, page };
    if (!dto.strokes.length && !dto.memos.length) {
      await this.db.getRepository(MeetingNote).delete(key);
      return { page, strokes: [], memos: [], updatedAt: new Date().toISOString() };
    }
    const strokes = dto.strokes.map((s) => ({
      tool: s.tool,
      color: s.color,
      width: s.width,
      points: s.points.length % 2 ? s.points.slice(0, -1) : s.points,
    }));
    const memos = dto.memos.map((m) => ({ x: m.x, y: m.y, text: m.text }));
    const updatedAt = new Date();
    await this.db.getRepository(MeetingNote).upsert({ ...key, strokes, memos, updatedAt }, ['documentId', 'ownerId', 'page']);
    return { page, strokes, memos, updatedAt: updatedAt.toISOString() };
  }

  /** "My notes" of a meeting as a PDF of the pages I annotated, document by document. */
  async exportPdf(actor: Principal, meetingId: string): Promise<Uint8Array> {
    await loadAccess(this.db.manager, meetingId, actor.id);
    const documents = await this.db.getRepository(MeetingDocument).find({ where: { meetingId }, order: { createdAt: 'ASC' } });
    const notes = documents.length
      ? await this.db
          .getRepository(MeetingNote)
          .find({ where: { documentId: In(documents.map((d) => d.id)), ownerId: actor.id }, order: { page: 'ASC' } })
      : [];
    const annotated = [];
    for (const document of documents) {
      const pages = notes.filter((n) => n.documentId === document.id);
      if (!pages.length) continue;
      if (!document.confidential) {
        annotated.push({ title: document.title, bytes: await readFile(this.files.pathOf(document.fileKey)), pages });
        continue;
      }
      const images = new Map<number, { png: Uint8Array; width: number; height: number }>();
      for (const note of pages) {
        const size = document.pageSizes[note.page - 1] ?? { width: 595, height: 842 };
        const image = await this.documents.pageImage(actor, meetingId, document.id, note.page, 1200);
        images.set(note.page, { png: image.png, ...size });
      }
      annotated.push({ title: document.title, images, pages });
    }
    return renderNotesPdf(annotated);
  }
}
