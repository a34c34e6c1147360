import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@yakuba/contracts';
import { FileStore, PageRenderer, type Principal } from '@yakuba/platform';
import { fullDocumentNumber, renderApprovalPdf, type AttachmentPages } from './approval-pdf';
import { ApprovalsService } from './approvals.service';

/** Attachment pages go into the final PDF as images this wide (about 150 dpi on A4), JPEG embedded as it is. */
const PAGE_PIXELS = 1240;
/** Beyond this many attachment pages the final PDF says which pages it left out instead of drawing them (they stay downloadable). */
const MAX_DRAWN_PAGES = 200;

/** The final PDF of a decided approval (pdfkit cannot copy pages from another PDF: attachments are drawn as images). */
@Injectable()
export class ApprovalPdfService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly approvals: ApprovalsService,
    private readonly renderer: PageRenderer,
    private readonly files: FileStore,
  ) {}

  async pdf(actor: Principal, id: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const view = await this.approvals.get(actor, id);
    if (view.status !== 'decided') throw new DomainError('conflict', 'the final PDF exists once the approval is decided');
    const rows = (await this.db.query(
      `SELECT * FROM (SELECT DISTINCT ON (a.id) a.id, a.title, a.created_at, v.id AS version_id, v.version, v.file_name, v.file_key,
         v.page_count, v.page_sizes
       FROM approval_attachments a JOIN approval_attachment_versions v ON v.attachment_id = a.id
       WHERE a.approval_id = $1 AND a.removed_at IS NULL ORDER BY a.id, v.version DESC) current ORDER BY created_at, id`,
      [id],
    )) as {
      id: string;
      title: string;
      version_id: string;
      version: number;
      file_name: string;
      file_key: string;
      page_count: number;
      page_sizes: { width: number; height: number }[];
    }[];
    const attachments: AttachmentPages[] = [];
    let budget = MAX_DRAWN_PAGES;
    for (const row of rows) {
      const pages: AttachmentPages['pages'] = [];
      for (let page = 1; page <= row.page_count && budget > 0; page++, budget--) {
        const image = await this.renderer.render(
          `approval:${row.version_id}:${page}:${PAGE_PIXELS}:jpeg`,
          {
            path: this.files.pathOf(row.file_key),
            page,
            width: PAGE_PIXELS,
            watermark: null,
            format: 'jpeg',
          },
          { requester: actor.id, document: row.version_id },
        );
        const size = row.page_sizes[page - 1] ?? { width: 595, height: 842 };
        pages.push({ bytes: image.bytes, width: size.width, height: size.height });
      }
      attachments.push({ title: row.title, version: row.version, fileName: row.file_name, pageCount: row.page_count, pages });
    }
    return {
      bytes: await renderApprovalPdf(view, attachments, MAX_DRAWN_PAGES),
      fileName: `${fullDocumentNumber(view).replaceAll(' ', '') || 'approval'}.pdf`,
    };
  }
}
