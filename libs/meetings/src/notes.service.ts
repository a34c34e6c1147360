import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { DocumentNotes, NotePage } from '@yakuba/contracts';
import type { Principal } from '@yakuba/platform';
import { assertPageOf } from './domain/document-rules';
import { loadAccess, loadDocumentAccess } from './meeting-access';
import { MeetingDocument, MeetingNote } from './meeting-document.entity';
import { MeetingDocumentsService } from './meeting-documents.service';
import type { NotePageDto } from './dto/notes.dto';
import { renderNotesPdf, type AnnotatedDocument } from './pdf/notes-pdf';

/** Pages in the notes export are images this wide: sharp when printed on A4 (about 190 dpi). */
const NOTES_PAGE_PIXELS = 1600;

/** Private handwriting and memos: only their owner ever reads or writes them, from any device. */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: MeetingDocumentsService,
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
    const pages = documents.length
      ? await this.db
          .getRepository(MeetingNote)
          .find({ where: { documentId: In(documents.map((d) => d.id)), ownerId: actor.id }, order: { page: 'ASC' } })
      : [];
    const annotated: AnnotatedDocument[] = [];
    for (const document of documents) {
      const notes = pages.filter((n) => n.documentId === document.id);
      if (!notes.length) continue;
      const drawn: AnnotatedDocument['pages'] = [];
      for (const note of notes) {
        // A later version with fewer pages keeps notes on pages it no longer has: they are left out.
        if (note.page > document.pageCount) continue;
        // The page as I was shown it (watermarked when confidential), sized in points as the paper's page.
        const size = document.pageSizes[note.page - 1] ?? { width: 595, height: 842 };
        const image = await this.documents.pageImage(actor, meetingId, document.id, note.page, NOTES_PAGE_PIXELS, 'jpeg');
        drawn.push({ page: note.page, image: { bytes: image.bytes, ...size }, strokes: note.strokes, memos: note.memos });
      }
      annotated.push({ title: document.title, pages: drawn });
    }
    return renderNotesPdf(annotated);
  }
}
