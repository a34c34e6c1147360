import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { DomainError, type DocumentView, type MeetingSearchHit } from '@yakuba/contracts';
import {
  AuditService,
  FileStore,
  formatTokyo,
  PageRenderer,
  acceptPdfUpload,
  PdfIngestCheck,
  PdfRefusal,
  type ImageFormat,
  type PageImage,
  type Principal,
  isUuid,
  likePattern,
  uploadFileName,
} from '@yakuba/platform';
import {
  assertCanPublish,
  assertCanReadFile,
  assertCanReadText,
  assertCanUpload,
  assertPageOf,
  clampPageWidth,
  seesDrafts,
} from './domain/document-rules';
import { assertEditable } from './domain/meeting-status';
import { assertPageDrawable, pageText, type PdfInspection } from './domain/pdf-acceptance';
import { searchSnippet } from './domain/search-snippet';
import { loadAccess, loadDocumentAccess, loadVisibleDocument } from './meeting-access';
import { MeetingDocument, MeetingDocumentPage, MeetingDocumentPageFailure } from './meeting-document.entity';
import { toDocumentView } from './meeting-views';
import { PresentationService } from './presentation.service';

export interface UploadOptions {
  title?: string;
  agendaItemId?: string;
  confidential?: boolean;
  draft?: boolean;
  /** The document this upload replaces: the new file becomes its next version, the old one stays readable. */
  replacesId?: string;
}

export interface UploadedPdf {
  buffer: Buffer;
  originalname?: string;
  size: number;
}

@Injectable()
export class MeetingDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly check: PdfIngestCheck,
    private readonly presentation: PresentationService,
    private readonly audit: AuditService,
    private readonly renderer: PageRenderer,
  ) {}

  /**
   * The platform's acceptance of an uploaded PDF (acceptPdfUpload: 413, 415, 422 for truncated, corrupt, encrypted
   * or beyond the server's drawing limits), then the text of each page for search. Nothing is stored before this.
   */
  async inspect(bytes: Buffer, uploaderId: string): Promise<PdfInspection> {
    const found = await acceptPdfUpload(this.check, bytes, { maxBytes: this.files.maxBytes, requester: uploaderId });
    return { pageCount: found.pageCount, pageSizes: found.pageSizes, encrypted: found.encrypted, texts: found.runs.map(pageText) };
  }

  async upload(actor: Principal, meetingId: string, file: UploadedPdf | undefined, options: UploadOptions) {
    const access = await loadAccess(this.db.manager, meetingId, actor.id);
    assertCanUpload(access.role, actor.id, access.meeting.presenterId);
    assertEditable(access.meeting.status);
    if (!file) throw new DomainError('bad_request', 'file: a PDF file is required');
    const inspection = await this.inspect(file.buffer, actor.id);
    const key = await this.files.put(file.buffer);
    const title = (options.title?.trim() || uploadFileName(file.originalname, '').replace(/\.pdf$/i, '') || '資料').slice(0, 200);
    const document = await this.db.transaction(async (m) => {
      let seriesId: string = randomUUID();
      let version = 1;
      let agendaItemId = options.agendaItemId ?? null;
      if (options.replacesId !== undefined) {
        const previous = isUuid(options.replacesId)
          ? await m
              .getRepository(MeetingDocument)
              .findOne({ where: { id: options.replacesId, meetingId, supersededAt: IsNull() }, lock: { mode: 'pessimistic_write' } })
          : null;
        if (!previous) throw new DomainError('not_found', 'the document to replace is not a current document of this meeting');
        seriesId = previous.seriesId;
        version = previous.version + 1;
        agendaItemId = options.agendaItemId ?? previous.agendaItemId;
        await m.update(MeetingDocument, { id: previous.id }, { supersededAt: new Date() });
      }
      if (
        agendaItemId &&
        !(await m.query('SELECT 1 FROM agenda_items WHERE id = $1 AND meeting_id = $2', [agendaItemId, meetingId])).length
      ) {
        throw new DomainError('bad_request', 'agendaItemId: not an agenda item of this meeting');
      }
      const saved = await m.save(
        MeetingDocument,
        m.create(MeetingDocument, {
          meetingId,
          agendaItemId,
          seriesId,
          version,
          title,
          fileKey: key,
          byteSize: String(file.buffer.length),
          pageCount: inspection.pageCount,
          pageSizes: inspection.pageSizes,
          confidential: options.confidential ?? false,
          uploadedBy: actor.id,
          publishedAt: options.draft ? null : new Date(),
        }),
      );
      if (inspection.texts.length)
        await m.insert(
          MeetingDocumentPage,
          inspection.texts.map((text, i) => ({ documentId: saved.id, page: i + 1, text })),
        );
      await this.audit.record(
        {
          action: 'meeting.document_uploaded',
          actorId: actor.id,
          targetType: 'meeting',
          targetId: meetingId,
          data: { documentId: saved.id, version, pages: inspection.pageCount },
        },
        m,
      );
      return saved;
    });
    await this.presentation.showIfNothingShown(meetingId, document.id);
    return { ...toDocumentView(document), text: inspection.texts };
  }

  async publish(actor: Principal, meetingId: string, documentId: string): Promise<DocumentView> {
    const access = await loadAccess(this.db.manager, meetingId, actor.id);
    assertCanPublish(access.role);
    const document = await loadVisibleDocument(this.db.manager, access, documentId);
    if (!document.publishedAt) await this.db.getRepository(MeetingDocument).update({ id: document.id }, { publishedAt: new Date() });
    return toDocumentView({ ...document, publishedAt: document.publishedAt ?? new Date() });
  }

  /**
   * The bytes for the viewer (`inline`) or as a download (`attachment`). A confidential document's bytes go to its
   * organiser only: participants see it as page images drawn on the server (`pageImage`), never as a PDF.
   */
  async file(actor: Principal, meetingId: string, documentId: string, purpose: 'inline' | 'attachment') {
    const { role, document } = await loadDocumentAccess(this.db.manager, meetingId, documentId, actor.id);
    assertCanReadFile(role, document, purpose);
    return {
      path: this.files.pathOf(document.fileKey),
      title: document.title,
      confidential: document.confidential,
      size: Number(document.byteSize),
    };
  }

  /**
   * One page as a PNG `width` pixels wide (clamped to PAGE_WIDTH), for any participant. A confidential page
   * carries the viewer's name and the time, burnt in diagonally; it is cached per viewer, briefly (PageRenderer).
   * The viewer takes its turn in the render pool (PageRenderer's fair queue). A page that could not be drawn within
   * the limits is remembered (meeting_document_page_failures) and answered 422 at once afterwards.
   */
  async pageImage(
    actor: Principal,
    meetingId: string,
    documentId: string,
    page: number,
    width: number | undefined,
    format: ImageFormat = 'png',
  ) {
    const { document } = await loadDocumentAccess(this.db.manager, meetingId, documentId, actor.id);
    assertPageOf(page, document.pageCount);
    const pixels = clampPageWidth(width);
    const watermark = document.confidential ? `${actor.displayName}  ${formatTokyo(new Date(), 'minute')}  機密` : null;
    const key = `${document.id}:${page}:${pixels}:${format}:${document.confidential ? actor.id : '-'}`;
    const failures = this.db.getRepository(MeetingDocumentPageFailure);
    assertPageDrawable(page, await failures.findOne({ where: { documentId: document.id, page } }));
    let image: PageImage;
    try {
      image = await this.renderer.render(
        key,
        { path: this.files.pathOf(document.fileKey), page, width: pixels, watermark, format },
        { requester: actor.id, document: document.id },
      );
    } catch (error) {
      if (error instanceof PdfRefusal && error.permanent)
        await failures
          .createQueryBuilder()
          .insert()
          .values({ documentId: document.id, page, reason: error.reason, message: error.message.slice(0, 500), failedAt: new Date() })
          .orIgnore()
          .execute();
      throw error;
    }
    return { ...image, confidential: document.confidential };
  }

  /** Pages of one document whose stored text contains `q` (search inside a confidential document, which has no PDF). */
  async searchDocument(actor: Principal, meetingId: string, documentId: string, q: string) {
    const { document } = await loadDocumentAccess(this.db.manager, meetingId, documentId, actor.id);
    const like = likePattern(q);
    const rows = (await this.db.query('SELECT page FROM meeting_document_pages WHERE document_id = $1 AND text ILIKE $2 ORDER BY page', [
      document.id,
      like,
    ])) as { page: number }[];
    return { documentId: document.id, pages: rows.map((r) => r.page) };
  }

  /** The whole text of a document; of a confidential one, to its organiser only (participants search it). */
  async text(actor: Principal, meetingId: string, documentId: string) {
    const { role, document } = await loadDocumentAccess(this.db.manager, meetingId, documentId, actor.id);
    assertCanReadText(role, document);
    const pages = await this.db.getRepository(MeetingDocumentPage).find({ where: { documentId: document.id }, order: { page: 'ASC' } });
    return { documentId: document.id, pages: pages.map((p) => ({ page: p.page, text: p.text })) };
  }

  /** Text search over the meeting's documents that the caller can see (current versions), page by page. */
  async search(actor: Principal, meetingId: string, q: string): Promise<{ results: MeetingSearchHit[] }> {
    const { role } = await loadAccess(this.db.manager, meetingId, actor.id);
    const like = likePattern(q);
    const rows = (await this.db.query(
      `SELECT d.id AS "documentId", d.title, p.page, p.text FROM meeting_document_pages p JOIN meeting_documents d ON d.id = p.document_id
       WHERE d.meeting_id = $1 AND d.superseded_at IS NULL AND (d.published_at IS NOT NULL OR $2) AND p.text ILIKE $3
       ORDER BY d.created_at, p.page LIMIT 200`,
      [meetingId, seesDrafts(role), like],
    )) as { documentId: string; title: string; page: number; text: string }[];
    return { results: rows.map((r) => ({ documentId: r.documentId, title: r.title, page: r.page, snippet: searchSnippet(r.text, q) })) };
  }
}
