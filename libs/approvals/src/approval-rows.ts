import type {
  ApprovalStatus,
  ApprovalSummary,
  AuthorityRow,
  DocumentTypeView,
  ExtraStageInput,
  Position,
  StageDefinition,
} from '@yakuba/contracts';
import { formatWarekiFiscalYear } from '@yakuba/platform';
import { retentionFromDb } from './domain/records';
import type { RouteTemplate } from './domain/route-resolution';
import type { Workflow } from './domain/workflow';

export interface TypeRow {
  id: string;
  code: string;
  name: string;
  name_en: string;
  description: string;
  retention_years: number;
  routine: boolean;
  has_amount: boolean;
  active: boolean;
  stages: StageDefinition[];
  authority: AuthorityRow[];
  head_rank: Position;
  version: number;
}

export const toTypeView = (r: TypeRow): DocumentTypeView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  description: r.description,
  retentionYears: retentionFromDb(r.retention_years),
  routine: r.routine,
  hasAmount: r.has_amount,
  active: r.active,
  stages: r.stages,
  authority: [...r.authority].sort((a, b) => a.minAmount - b.minAmount),
  headRank: r.head_rank,
  version: r.version,
});

export const templateOf = (r: TypeRow): RouteTemplate => ({ stages: r.stages, authority: r.authority, headRank: r.head_rank });

/** The columns of `approvals` the services read (joined with the type's name and the names of people). */
export interface ApprovalRow {
  id: string;
  type_id: string;
  type_name: string;
  title: string;
  body: string;
  amount: string | null;
  important: boolean;
  unusual: boolean;
  extra_stages: ExtraStageInput[];
  drafter_id: string;
  drafter_name: string;
  drafter_position: string | null;
  department_id: string | null;
  department_name: string | null;
  status: ApprovalStatus;
  version: number;
  current_stage: number | null;
  workflow: Omit<Workflow, 'status' | 'version' | 'currentStage' | 'drafterId'>;
  waiting_ids: string[];
  route_ids: string[];
  actor_ids: string[];
  review_ids: string[];
  source_message_id: string | null;
  source_channel_id: string | null;
  source_channel_name: string | null;
  after_the_fact: boolean;
  routine: boolean;
  document_number: string | null;
  decided_fiscal_year: number | null;
  decided_at: Date | null;
  stated_decision_date: string | null;
  stated_decision_reason: string | null;
  retention_years: number;
  retention_ends_on: string | null;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Every list and view selects these (alias `a`; joins t, u, d). */
export const APPROVAL_SELECT = `a.id, a.type_id, t.name AS type_name, a.title, a.body, a.amount, a.important, a.unusual, a.extra_stages,
  a.drafter_id, u.display_name AS drafter_name, u.position AS drafter_position, a.department_id, d.name AS department_name,
  a.status, a.version, a.current_stage, a.workflow, a.waiting_ids, a.route_ids, a.actor_ids, a.review_ids,
  a.source_message_id, a.source_channel_id, a.source_channel_name, a.after_the_fact, a.routine, a.document_number,
  a.decided_fiscal_year, a.decided_at, to_char(a.stated_decision_date, 'YYYY-MM-DD') AS stated_decision_date, a.stated_decision_reason,
  a.retention_years, to_char(a.retention_ends_on, 'YYYY-MM-DD') AS retention_ends_on, a.submitted_at, a.created_at, a.updated_at`;
export const APPROVAL_FROM = `approvals a JOIN approval_types t ON t.id = a.type_id JOIN users u ON u.id = a.drafter_id
  LEFT JOIN departments d ON d.id = a.department_id`;

export const workflowOf = (r: ApprovalRow): Workflow => ({
  ...r.workflow,
  status: r.status,
  version: r.version,
  currentStage: r.current_stage,
  drafterId: r.drafter_id,
});

export function toSummary(r: ApprovalRow): ApprovalSummary {
  const stage = r.current_stage !== null ? r.workflow.route[r.current_stage] : undefined;
  return {
    id: r.id,
    title: r.title,
    typeId: r.type_id,
    typeName: r.type_name,
    status: r.status,
    version: r.version,
    drafterId: r.drafter_id,
    drafterName: r.drafter_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    amount: r.amount === null ? null : Number(r.amount),
    important: r.important,
    unusual: r.unusual,
    afterTheFact: r.after_the_fact,
    routine: r.routine,
    documentNumber: r.document_number,
    documentFiscalYear: r.decided_fiscal_year,
    documentYearLabel: r.decided_fiscal_year === null ? null : formatWarekiFiscalYear(r.decided_fiscal_year),
    currentStage: r.current_stage,
    currentStageLabel: stage?.label ?? null,
    createdAt: r.created_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
    openReviews: r.workflow.reviews.filter((x) => x.doneAt === null).length,
  };
}
