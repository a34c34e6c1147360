/**
 * Wire shapes of electronic approval (電子決裁, CONTRACT.md "Approvals"): HTTP answers and Socket.IO events.
 * Only additive changes from here on: the web client and integrations build on these names.
 *
 * HTTP routes (JSON under /api; every one needs `approvals.use` unless marked; 404 for a draft the caller may not
 * see, 403 for an action it is not the caller's turn for, 409 for a stale `version` or a lost race):
 *
 *   GET    /approvals/types                              → DocumentTypeView[] (active types; admins: all)
 *   POST   /approvals/types              [manage]        DocumentTypeInput → 201 DocumentTypeView
 *   PUT    /approvals/types/:typeId      [manage]        DocumentTypeInput & { version } → 200 DocumentTypeView
 *   GET    /approvals/authority-table                    → AuthorityTableView (事務決裁規程 別表 read model)
 *   GET    /approvals/prefixes                           → DepartmentPrefixView[]
 *   PUT    /approvals/prefixes/:departmentId [manage]    { prefix } → 200 DepartmentPrefixView
 *   POST   /approvals/route-preview                      RoutePreviewInput → 200 RoutePreviewView
 *   GET    /approvals/inbox                              → InboxView
 *   GET    /approvals/inbox/counts                       → InboxCounts (navigation badges)
 *   GET    /approvals/inbox/acted?limit=50&offset=0      → ActedApprovalsPage (処理済: what I acted on, newest first)
 *   GET    /approvals/search?…                           ApprovalSearchQuery → ApprovalSearchResult (archive)
 *   GET    /approvals/retention?fiscalYear=2026          → RetentionDueView (reaching end of retention that FY)
 *   GET    /approvals/kpis?from=YYYY-MM&to=YYYY-MM [kpis.read] → ApprovalKpiFigures
 *   PUT    /approvals/paper-decisions [manage]          PaperDecisionsInput → 200 PaperDecisionsInput (paper
 *                                                        decisions of a month, for the electronic share)
 *   GET    /approvals/absences                           → AbsenceView[] (current and future)
 *   POST   /approvals/absences                           AbsenceInput → 201 AbsenceView (own; others: manage)
 *   DELETE /approvals/absences/:absenceId                → 204
 *   POST   /approvals/bulk-approve                       BulkApproveInput → 200 BulkApproveResult
 *   POST   /approvals                                    CreateApprovalInput → 201 ApprovalView (status draft)
 *   GET    /approvals/:id                                → ApprovalView
 *   PATCH  /approvals/:id                                UpdateApprovalInput → 200 ApprovalView (draft, sent_back,
 *                                                        withdrawn; drafter only)
 *   DELETE /approvals/:id                                { } → 204 (a draft never submitted; drafter only)
 *   POST   /approvals/:id/submit                         { version } → 200 ApprovalView (in_progress; also resubmit)
 *   POST   /approvals/:id/actions                        ApprovalActionInput → 200 ApprovalView
 *   GET    /approvals/:id/pdf                            → application/pdf (decided only; else 409)
 *   POST   /approvals/:id/attachments                    multipart `file` (PDF) → 201 ApprovalAttachmentView
 *   POST   /approvals/:id/attachments/:attachmentId/versions  multipart `file` → 201 ApprovalAttachmentView (replace)
 *   DELETE /approvals/:id/attachments/:attachmentId      → 204 (hidden; its versions stay in the record)
 *   GET    /approvals/:id/attachments/:attachmentId/versions/:versionId/file → application/pdf
 *   (PDF upload errors as meetings: not a PDF 415, too large 413, corrupt or encrypted 422; after decision 409.)
 */
import type { Position } from './directory';

export const APPROVAL_STATUSES = ['draft', 'in_progress', 'sent_back', 'withdrawn', 'rejected', 'decided'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** 保存年限: 1, 3, 5, 10, 30 years or 永年. */
export const RETENTION_PERIODS = [1, 3, 5, 10, 30, 'permanent'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** sequential: one approver after another; all: 合議, every approver; any: one of them suffices. */
export const STAGE_MODES = ['sequential', 'all', 'any'] as const;
export type StageMode = (typeof STAGE_MODES)[number];

/** 回議 (approval line), 合議 (consultation of another section), 供覧 (only needs to have been seen). */
export const STAGE_KINDS = ['approval', 'consultation', 'circulation'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** Who a stage names: a person, the holder of a position in the drafter's department, or in a named department. */
export type ApproverSpec =
  | { kind: 'user'; userId: string }
  | { kind: 'drafter_department_position'; position: Position }
  | { kind: 'department_position'; departmentId: string; position: Position };

/** One stage of a type's route template. */
export interface StageDefinition {
  /** Stable within the template (letters, digits, `-`, `_`). */
  key: string;
  label: string;
  kind: StageKind;
  mode: StageMode;
  approvers: ApproverSpec[];
  /**
   * The rank this stage stands for in the 専決 table (e.g. 課長, 副町長, 町長): the stage the authority rows name as
   * decider ends the approval line; approval stages of higher rank are dropped. Null for 合議 and 供覧 stages.
   */
  rank: Position | null;
  /** Only when the amount is at least this (yen); null = always. */
  minAmount: number | null;
  /** 供覧 after the decision (notice to the staff concerned); otherwise the stage comes before it. */
  afterDecision: boolean;
}

/** 専決: for amounts from `minAmount` (inclusive) up to `maxAmount` (exclusive; null = no limit) `decider` decides. */
export interface AuthorityRow {
  minAmount: number;
  maxAmount: number | null;
  decider: Position;
}

export interface DocumentTypeView {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  description: string;
  retentionYears: RetentionPeriod;
  /** Routine items may be bulk-approved from the inbox. */
  routine: boolean;
  /** Whether drafts of this type carry an amount (支出負担行為, 契約). */
  hasAmount: boolean;
  active: boolean;
  stages: StageDefinition[];
  /** Sorted by minAmount; empty = the last approval stage decides. */
  authority: AuthorityRow[];
  /** Who decides 重要 / 異例 drafts regardless of the amount (the head: 町長). */
  headRank: Position;
  version: number;
}

export interface DocumentTypeInput {
  code: string;
  name: string;
  nameEn?: string;
  description?: string;
  retentionYears: RetentionPeriod;
  routine?: boolean;
  hasAmount?: boolean;
  active?: boolean;
  stages: StageDefinition[];
  authority: AuthorityRow[];
  headRank?: Position;
}

/** 事務決裁規程 別表: one row per type and amount band, the decider marked ◎ and the earlier ranks ○. */
export interface AuthorityTableView {
  ranks: Position[];
  rows: {
    typeId: string;
    typeName: string;
    minAmount: number | null;
    maxAmount: number | null;
    /** rank → '◎' decides, '○' approves before, '' not involved. */
    marks: Record<string, '◎' | '○' | ''>;
    consultations: string[];
    circulations: string[];
  }[];
  /** 「重要又は異例に属するものは町長」 */
  importantDecider: Position;
}

export interface DepartmentPrefixView {
  departmentId: string;
  departmentName: string;
  /** e.g. 住総 → 住総第123号. */
  prefix: string;
}

/** A 合議 stage the drafter adds to the route. */
export interface ExtraStageInput {
  label: string;
  mode: 'all' | 'any';
  approverIds: string[];
}

export interface RoutePreviewInput {
  typeId: string;
  amount?: number | null;
  important?: boolean;
  unusual?: boolean;
  extraStages?: ExtraStageInput[];
}

/* ---------- the approval ---------- */

export const APPROVER_STATES = [
  /** Not yet reached. */
  'pending',
  /** Their turn now. */
  'waiting',
  'approved',
  /** 供覧 done. */
  'seen',
  /** Decided by the proxy (代決) while absent. */
  'proxy_approved',
  'rejected',
  'sent_back',
  /** An any-of stage another approver completed. */
  'skipped',
] as const;
export type ApproverState = (typeof APPROVER_STATES)[number];

/**
 * A 電子印 as it was pressed: the name and position recorded with the action at the time (from its audit entry), so
 * that a later promotion or rename never changes an old stamp.
 */
export interface RecordedSeal {
  name: string;
  position: string | null;
  /** When the action really happened. */
  at: string;
  /** 代決: the absent approver's name as recorded with it. */
  onBehalfOfName: string | null;
}

export interface RouteApproverView {
  userId: string;
  displayName: string;
  position: string | null;
  departmentId: string | null;
  departmentName: string | null;
  state: ApproverState;
  actedAt: string | null;
  /** Who decided on their behalf (代決). */
  proxyId: string | null;
  proxyName: string | null;
  /** Registered absent now, with the designated proxy. */
  absent: boolean;
  absenceProxyId: string | null;
  /** Once they acted (approved, seen, 代決): the stamp as recorded then (a 代決's is the proxy's); null before. */
  stamp: RecordedSeal | null;
}

export type StageState = 'pending' | 'active' | 'done' | 'skipped';

export interface RouteStageView {
  /** 0-based position in the route; `toStage` of a send-back names it. */
  stage: number;
  key: string;
  label: string;
  kind: StageKind;
  mode: StageMode;
  rank: Position | null;
  /** This stage gives the final decision (決裁). */
  decision: boolean;
  afterDecision: boolean;
  addedByDrafter: boolean;
  state: StageState;
  /** A 合議 stage that approved before a substantive change and must approve again. */
  needsReapproval: boolean;
  approvers: RouteApproverView[];
}

export const APPROVAL_ACTIONS = ['approve', 'reject', 'send_back', 'withdraw', 'comment', 'proxy_approve', 'review'] as const;
export type ApprovalActionName = (typeof APPROVAL_ACTIONS)[number];

/** What the history records: the actions above plus the drafter's own steps. */
export type ApprovalHistoryKind = ApprovalActionName | 'create' | 'submit' | 'resubmit' | 'edit' | 'attach' | 'decide';

export interface ApprovalActionView {
  id: string;
  seq: number;
  kind: ApprovalHistoryKind;
  stage: number | null;
  actorId: string;
  actorName: string;
  /** Their position when they acted. */
  actorPosition: string | null;
  actorDepartmentName: string | null;
  /** 代決: the absent approver this was done for. */
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  comment: string | null;
  toStage: number | null;
  /** When it really happened (always stored and shown). */
  at: string;
  /** 遡及: a decision date stated differently (YYYY-MM-DD) with its reason, shown beside `at`. */
  statedDate: string | null;
  statedReason: string | null;
}

/** 後閲: the absent approver's after-the-fact review of a 代決, open until done. */
export interface ReviewTaskView {
  id: string;
  stage: number;
  approverId: string;
  approverName: string;
  proxyId: string;
  proxyName: string;
  createdAt: string;
  doneAt: string | null;
  /** The 後閲 stamp as recorded when it was done; null while open. */
  stamp: RecordedSeal | null;
}

export interface ApprovalAttachmentVersionView {
  id: string;
  version: number;
  fileName: string;
  pageCount: number;
  byteSize: number;
  uploadedById: string;
  uploadedByName: string;
  uploadedAt: string;
}

export interface ApprovalAttachmentView {
  id: string;
  title: string;
  removed: boolean;
  /** Newest first; every version is kept and shown. */
  versions: ApprovalAttachmentVersionView[];
}

/** A draft started from a chat message; `disaster` marks 事後決裁 of a decision taken during a disaster. */
export interface ApprovalSourceView {
  messageId: string;
  channelId: string;
  channelName: string;
  disaster: boolean;
}

export interface ApprovalSummary {
  id: string;
  title: string;
  typeId: string;
  typeName: string;
  status: ApprovalStatus;
  version: number;
  drafterId: string;
  drafterName: string;
  departmentId: string | null;
  departmentName: string | null;
  amount: number | null;
  important: boolean;
  unusual: boolean;
  /** 事後決裁. */
  afterTheFact: boolean;
  routine: boolean;
  /**
   * 文書番号 (住総第123号): the counter restarts every fiscal year, so a number is unique within the fiscal year of
   * the decision; `documentFiscalYear` + `documentNumber` identify a decided document for good.
   */
  documentNumber: string | null;
  /** The fiscal year (年度, April to March) of the decision: 2026 for 1 April 2026 – 31 March 2027. */
  documentFiscalYear: number | null;
  /** That fiscal year as documents name it, shown before the number: 令和8年度 (令和8年度 住総第1号). */
  documentYearLabel: string | null;
  currentStage: number | null;
  currentStageLabel: string | null;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
  /** A 代決 whose 後閲 is still open. */
  openReviews: number;
}

export interface ApprovalView extends ApprovalSummary {
  body: string;
  /** The drafter's position now (directory); the 決裁欄 shows `drafterStamp`. */
  drafterPosition: string | null;
  /** The drafter's stamp as recorded with the last (re)submission; null before it was submitted. */
  drafterStamp: RecordedSeal | null;
  route: RouteStageView[];
  actions: ApprovalActionView[];
  reviews: ReviewTaskView[];
  attachments: ApprovalAttachmentView[];
  extraStages: ExtraStageInput[];
  source: ApprovalSourceView | null;
  retentionYears: RetentionPeriod;
  /** Last day of retention (YYYY-MM-DD, 31 March of the FY); null until decided and for 永年. */
  retentionEndsOn: string | null;
  /** The stated decision date (遡及) and reason, when different from the real one. */
  statedDecisionDate: string | null;
  statedDecisionReason: string | null;
  /** What the caller may do now. */
  allowedActions: ApprovalActionName[];
  canEdit: boolean;
  canSubmit: boolean;
}

export interface RoutePreviewView {
  route: RouteStageView[];
  decider: Position | null;
}

export interface CreateApprovalInput {
  typeId: string;
  title: string;
  body: string;
  /** Integer yen. */
  amount?: number | null;
  important?: boolean;
  unusual?: boolean;
  extraStages?: ExtraStageInput[];
  /** A chat message the caller may read; a disaster channel's message marks the draft 事後決裁. */
  sourceMessageId?: string | null;
}

export interface UpdateApprovalInput {
  version: number;
  typeId?: string;
  title?: string;
  body?: string;
  amount?: number | null;
  important?: boolean;
  unusual?: boolean;
  extraStages?: ExtraStageInput[];
}

export interface ApprovalActionInput {
  action: ApprovalActionName;
  version: number;
  comment?: string | null;
  /** send_back: the earlier stage to return to; omitted or null = to the drafter. */
  toStage?: number | null;
  /** The final approve / proxy_approve only: 遡及 decision date (YYYY-MM-DD) and its required reason. */
  statedDate?: string | null;
  statedReason?: string | null;
}

export interface BulkApproveInput {
  items: { id: string; version: number }[];
  comment?: string | null;
}

export interface BulkApproveResult {
  results: ({ id: string; ok: true; approval: ApprovalSummary } | { id: string; ok: false; statusCode: number; message: string })[];
}

/* ---------- inbox ---------- */

export interface InboxCounts {
  /** 未決: waiting for me. */
  waiting: number;
  /** 起案中: my drafts not yet submitted. */
  drafting: number;
  /** My drafts in progress. */
  mine: number;
  /** 差戻し: my drafts sent back or withdrawn. */
  sentBack: number;
  /** 決裁済: my drafts decided (or rejected) in the last 90 days. */
  decided: number;
  /** 後閲待ち: 代決 done on my behalf that I have not reviewed. */
  reviews: number;
}

export interface InboxView {
  waiting: ApprovalSummary[];
  drafting: ApprovalSummary[];
  mine: ApprovalSummary[];
  sentBack: ApprovalSummary[];
  decided: ApprovalSummary[];
  reviews: ApprovalSummary[];
  counts: InboxCounts;
}

/** The actions that count as 処理済 for the one who took them (an approver's acts, not the drafter's steps). */
export const ACTED_KINDS = ['approve', 'proxy_approve', 'reject', 'send_back', 'review', 'decide'] as const;
export type ActedKind = (typeof ACTED_KINDS)[number];

/** One approval in 処理済: my latest act on it (決裁 when mine was the final decision) and when I took it. */
export interface ActedApproval {
  approval: ApprovalSummary;
  lastAction: ActedKind;
  actedAt: string;
}

/** GET /approvals/inbox/acted: what I approved, rejected, sent back, reviewed or decided, newest act first. */
export interface ActedApprovalsPage {
  total: number;
  items: ActedApproval[];
}

/* ---------- archive ---------- */

/** Query string of GET /approvals/search; every field optional. */
export interface ApprovalSearchQuery {
  /** Full text over title, body and number (Japanese of one or two characters works). */
  q?: string;
  number?: string;
  title?: string;
  typeId?: string;
  drafterId?: string;
  departmentId?: string;
  status?: ApprovalStatus;
  /** YYYY-MM-DD: decided (or else created) on or after / on or before. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface ApprovalSearchHit {
  approval: ApprovalSummary;
  snippet: string;
  retentionEndsOn: string | null;
}

export interface ApprovalSearchResult {
  total: number;
  results: ApprovalSearchHit[];
}

export interface RetentionDueView {
  fiscalYear: number;
  items: { approval: ApprovalSummary; retentionYears: RetentionPeriod; retentionEndsOn: string }[];
}

/* ---------- absences (代決) ---------- */

export interface AbsenceInput {
  /** Defaults to the caller; someone else needs approvals.manage. */
  userId?: string;
  proxyId: string;
  startsAt: string;
  endsAt: string;
  note?: string;
}

export interface AbsenceView {
  id: string;
  userId: string;
  userName: string;
  proxyId: string;
  proxyName: string;
  startsAt: string;
  endsAt: string;
  note: string;
  createdAt: string;
}

/* ---------- KPI figures ---------- */

export interface LeadTimeFigures {
  /** Days from submission to decision. */
  medianDays: number | null;
  p90Days: number | null;
  decided: number;
}

export interface ApprovalKpiGroup extends LeadTimeFigures {
  id: string;
  name: string;
}

export interface ApprovalKpiFigures {
  from: string;
  to: string;
  /** Per month (YYYY-MM, Tokyo): electronic decisions and those registered as made on paper. */
  months: { month: string; decisions: number; paper: number }[];
  /** electronic / (electronic + paper), 0..1; null when there were none. */
  electronicShare: number | null;
  leadTime: LeadTimeFigures;
  /** Open 後閲 tasks now, and the oldest one's age in days. */
  reviewBacklog: { open: number; oldestDays: number | null };
  byDepartment: ApprovalKpiGroup[];
  byType: ApprovalKpiGroup[];
}

/** Decisions still made on paper in a month and department (the baseline of the electronic share). */
export interface PaperDecisionsInput {
  /** YYYY-MM. */
  month: string;
  departmentId: string;
  count: number;
}

/* ---------- Socket.IO ---------- */

/** Why an approval changed. */
export type ApprovalChangeReason =
  'created' | 'updated' | 'submitted' | 'action' | 'decided' | 'sent_back' | 'withdrawn' | 'rejected' | 'review' | 'attachment' | 'deleted';

/**
 * Server → the `user:<id>` rooms of everyone concerned (drafter, approvers on the route, proxies): an approval they
 * see changed; clients refetch it and their inbox counts. Carries no content, so it reveals nothing beyond the id.
 */
export interface ApprovalChangedEvent {
  approvalId: string;
  version: number;
  status: ApprovalStatus;
  reason: ApprovalChangeReason;
  /** The recipient's inbox counts after the change. */
  counts: InboxCounts;
}

export interface ApprovalServerEvents {
  'approvals:changed': ApprovalChangedEvent;
}

/** Approvals take no client → server socket events; everything goes through HTTP. */
export type ApprovalClientEvents = Record<never, never>;
