import type {
  AbsenceInput,
  ActedApprovalsPage,
  AbsenceView,
  ApprovalActionInput,
  ApprovalAttachmentView,
  ApprovalKpiFigures,
  ApprovalSearchQuery,
  ApprovalSearchResult,
  ApprovalView,
  AuthorityTableView,
  BulkApproveInput,
  BulkApproveResult,
  CreateApprovalInput,
  DepartmentPrefixView,
  DocumentTypeInput,
  DocumentTypeView,
  InboxCounts,
  InboxView,
  PaperDecisionsInput,
  RetentionDueView,
  RoutePreviewInput,
  RoutePreviewView,
  UpdateApprovalInput,
} from '@yakuba/contracts';
import { api, queryString, upload } from '../../api/client';

/** Every 電子決裁 request (libs/contracts/src/approvals.ts lists the routes); components call these, never a URL. */
const base = (id: string) => `/api/approvals/${id}`;

export const approvalsApi = {
  types: () => api<DocumentTypeView[]>('GET', '/api/approvals/types'),
  createType: (input: DocumentTypeInput) => api<DocumentTypeView>('POST', '/api/approvals/types', input),
  updateType: (id: string, input: DocumentTypeInput & { version: number }) =>
    api<DocumentTypeView>('PUT', `/api/approvals/types/${id}`, input),
  authorityTable: () => api<AuthorityTableView>('GET', '/api/approvals/authority-table'),
  prefixes: () => api<DepartmentPrefixView[]>('GET', '/api/approvals/prefixes'),
  setPrefix: (departmentId: string, prefix: string) =>
    api<DepartmentPrefixView>('PUT', `/api/approvals/prefixes/${departmentId}`, { prefix }),
  preview: (input: RoutePreviewInput) => api<RoutePreviewView>('POST', '/api/approvals/route-preview', input),
  inbox: () => api<InboxView>('GET', '/api/approvals/inbox'),
  counts: () => api<InboxCounts>('GET', '/api/approvals/inbox/counts'),
  acted: (limit: number, offset: number) => api<ActedApprovalsPage>('GET', `/api/approvals/inbox/acted${queryString({ limit, offset })}`),
  search: (query: ApprovalSearchQuery) => api<ApprovalSearchResult>('GET', `/api/approvals/search${queryString({ ...query })}`),
  retention: (fiscalYear: number) => api<RetentionDueView>('GET', `/api/approvals/retention${queryString({ fiscalYear })}`),
  absences: () => api<AbsenceView[]>('GET', '/api/approvals/absences'),
  addAbsence: (input: AbsenceInput) => api<AbsenceView>('POST', '/api/approvals/absences', input),
  removeAbsence: (id: string) => api<void>('DELETE', `/api/approvals/absences/${id}`),
  bulkApprove: (input: BulkApproveInput) => api<BulkApproveResult>('POST', '/api/approvals/bulk-approve', input),
  create: (input: CreateApprovalInput) => api<ApprovalView>('POST', '/api/approvals', input),
  get: (id: string) => api<ApprovalView>('GET', base(id)),
  update: (id: string, input: UpdateApprovalInput) => api<ApprovalView>('PATCH', base(id), input),
  remove: (id: string) => api<void>('DELETE', base(id), {}),
  submit: (id: string, version: number) => api<ApprovalView>('POST', `${base(id)}/submit`, { version }),
  act: (id: string, input: ApprovalActionInput) => api<ApprovalView>('POST', `${base(id)}/actions`, input),
  pdfUrl: (id: string) => `${base(id)}/pdf`,
  /** `version`: the approval's version the drafter sees (409 when an approver acted meanwhile). */
  attach: (id: string, version: number, file: File, onProgress: (f: number) => void, replacesId?: string) => {
    const form = new FormData();
    form.append('version', String(version));
    form.append('file', file);
    return upload<ApprovalAttachmentView>(
      replacesId ? `${base(id)}/attachments/${replacesId}/versions` : `${base(id)}/attachments`,
      form,
      onProgress,
    );
  },
  removeAttachment: (id: string, attachmentId: string, version: number) =>
    api<void>('DELETE', `${base(id)}/attachments/${attachmentId}${queryString({ version })}`),
  fileUrl: (id: string, attachmentId: string, versionId: string) => `${base(id)}/attachments/${attachmentId}/versions/${versionId}/file`,
  kpis: (from: string, to: string) => api<ApprovalKpiFigures>('GET', `/api/approvals/kpis${queryString({ from, to })}`),
  paperDecisions: (input: PaperDecisionsInput) => api<PaperDecisionsInput>('PUT', '/api/approvals/paper-decisions', input),
  verifyAudit: () => api<{ valid: boolean; checked: number; brokenAtId?: string; reason?: string }>('GET', '/api/audit/verify'),
};
