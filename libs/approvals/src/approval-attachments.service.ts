import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type ApprovalAttachmentView } from '@yakuba/contracts';
import { acceptPdfUpload, FileStore, isUuid, PdfIngestCheck, uploadFileName, type Principal } from '@yakuba/platform';
import { attachmentsOf } from './approval-views';
import { ApprovalsService } from './approvals.service';

export interface UploadedFile {
  buffer: Buffer;
  originalname?: string;
  size: number;
}

/**
 * Attachments (PDF) of a draft: added and replaced by the drafter until the decision, every version kept and shown.
 * Each change is a transition of the approval from the version the drafter saw (version, history), and a change of
 * substance: 合議 stages that approved must approve again, whether the draft is back with the drafter or circulating.
 */
@Injectable()
export class ApprovalAttachmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly pdfCheck: PdfIngestCheck,
    private readonly approvals: ApprovalsService,
  ) {}

  async add(
    actor: Principal,
    approvalId: string,
    version: number | undefined,
    file: UploadedFile | undefined,
    title?: string,
  ): Promise<ApprovalAttachmentView> {
    return this.store(actor, approvalId, version, file, null, title);
  }

  async replace(
    actor: Principal,
    approvalId: string,
    attachmentId: string,
    version: number | undefined,
    file: UploadedFile | undefined,
  ): Promise<ApprovalAttachmentView> {
    if (!isUuid(attachmentId)) throw new DomainError('not_found', 'attachment not found');
    return this.store(actor, approvalId, version, file, attachmentId);
  }

  async remove(actor: Principal, approvalId: string, attachmentId: string, version: number | undefined): Promise<void> {
    await this.approvals.changeAttachments(actor, approvalId, version, async (m) => {
      const [rows] = isUuid(attachmentId)
        ? ((await m.query(
            'UPDATE approval_attachments SET removed_at = now() WHERE id = $1 AND approval_id = $2 AND removed_at IS NULL RETURNING title',
            [attachmentId, approvalId],
          )) as [{ title: string }[], number])
        : [[] as { title: string }[]];
      if (!rows.length) throw new DomainError('not_found', 'attachment not found');
      return { comment: `添付を外す: ${rows[0].title}`, result: undefined };
    });
  }

  /** The stored PDF of one version, for anyone who may see the approval. */
  async file(actor: Principal, approvalId: string, attachmentId: string, versionId: string): Promise<{ path: string; fileName: string }> {
    await this.approvals.loadVisible(this.db.manager, actor, approvalId);
    const [row] =
      isUuid(attachmentId) && isUuid(versionId)
        ? ((await this.db.query(
            `SELECT v.file_key, v.file_name FROM approval_attachment_versions v JOIN approval_attachments a ON a.id = v.attachment_id
             WHERE v.id = $1 AND a.id = $2 AND a.approval_id = $3`,
            [versionId, attachmentId, approvalId],
          )) as { file_key: string; file_name: string }[])
        : [];
    if (!row) throw new DomainError('not_found', 'attachment not found');
    return { path: this.files.pathOf(row.file_key), fileName: row.file_name };
  }

  private async store(
    actor: Principal,
    approvalId: string,
    version: number | undefined,
    file: UploadedFile | undefined,
    replaces: string | null,
    title?: string,
  ): Promise<ApprovalAttachmentView> {
    // Visibility, state and version first: an outsider learns nothing from the answer to a file it sent, and a stale
    // change is refused before the file is read.
    await this.approvals.assertCanChangeAttachments(actor, approvalId, version);
    if (!file) throw new DomainError('bad_request', 'file: a PDF file is required');
    // The platform's one acceptance of uploaded PDFs (as meetings' papers): size, type, completeness, limits, trial render.
    const found = await acceptPdfUpload(this.pdfCheck, file.buffer, { maxBytes: this.files.maxBytes, requester: actor.id });
    const key = await this.files.put(file.buffer);
    const fileName = uploadFileName(file.originalname, 'attachment.pdf');
    const text = found.runs
      .map((runs) => runs.map((r) => r.str).join(''))
      .join('\n')
      .slice(0, 100_000);
    const id = await this.approvals.changeAttachments(actor, approvalId, version, async (m) => {
      let attachmentId = replaces;
      let version = 1;
      if (replaces) {
        const [current] = (await m.query(
          `SELECT a.id, a.title, max(v.version) AS version FROM approval_attachments a JOIN approval_attachment_versions v ON v.attachment_id = a.id
           WHERE a.id = $1 AND a.approval_id = $2 AND a.removed_at IS NULL GROUP BY a.id`,
          [replaces, approvalId],
        )) as { id: string; title: string; version: number }[];
        if (!current) throw new DomainError('not_found', 'attachment not found');
        version = Number(current.version) + 1;
      } else {
        const name = (title?.trim() || fileName.replace(/\.pdf$/i, '') || '添付資料').slice(0, 200);
        [{ id: attachmentId }] = (await m.query('INSERT INTO approval_attachments (approval_id, title) VALUES ($1, $2) RETURNING id', [
          approvalId,
          name,
        ])) as { id: string }[];
      }
      await m.query(
        `INSERT INTO approval_attachment_versions (attachment_id, version, file_key, file_name, byte_size, page_count, page_sizes, page_text, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [attachmentId, version, key, fileName, file.buffer.length, found.pageCount, JSON.stringify(found.pageSizes), text, actor.id],
      );
      return { comment: `${replaces ? '添付を差し替え' : '添付'}: ${fileName} (第${version}版)`, result: attachmentId! };
    });
    const views = await attachmentsOf(this.db.manager, approvalId);
    return views.find((a) => a.id === id)!;
  }
}
