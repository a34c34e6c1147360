import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  hasPermission,
  type ApprovalActionInput,
  type ApprovalChangeReason,
  type ApprovalStatus,
  type ApprovalView,
  type BulkApproveInput,
  type BulkApproveResult,
  type CreateApprovalInput,
  type ExtraStageInput,
  type UpdateApprovalInput,
  HTTP_STATUS_BY_CODE,
} from '@yakuba/contracts';
import {
  AuditService,
  DomainEvents,
  fiscalYear,
  formatWarekiFiscalYear,
  isUuid,
  tokyoCalendarDate,
  type Principal,
} from '@yakuba/platform';
import { StaffDirectory } from './approval-directory';
import { ApprovalHistory } from './approval-history';
import { APPROVAL_FROM, APPROVAL_SELECT, templateOf, toSummary, workflowOf, type ApprovalRow, type TypeRow } from './approval-rows';
import { ApprovalViews } from './approval-views';
import { AbsencesService } from './absences.service';
import { MessageSources } from './message-sources';
import { documentNumber, retentionEndsOn, retentionFromDb, statedDate } from './domain/records';
import { resolveRoute } from './domain/route-resolution';
import { termsOf } from './domain/search-terms';
import { canSee, type Viewer } from './domain/visibility';
import {
  act,
  isEditable,
  markSubstantiveChange,
  markSubstantiveChangeInProgress,
  newWorkflow,
  openReviewIds,
  reroute,
  routeUserIds,
  submit,
  touch,
  waitingIds,
  type HistoryEntry,
  type Workflow,
} from './domain/workflow';

/** After commit: who is concerned by a change, and what to tell them. */
export interface ApprovalChange {
  approvalId: string;
  title: string;
  drafterId: string;
  version: number;
  status: ApprovalStatus;
  reason: ApprovalChangeReason;
  concerned: string[];
  /** People for whom it started waiting with this change (notice 「決裁待ち」). */
  newlyWaiting: string[];
  /** An open 後閲 for this approver (notice). */
  reviewFor: string | null;
  /** The 文書番号 with its 年度 (令和8年度 住総第1号), as notices show it; null until decided. */
  documentNumber: string | null;
}

declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    'approvals.changed': ApprovalChange;
  }
}

const NIL_DEPARTMENT = '00000000-0000-0000-0000-000000000000';

/**
 * Drafting and the workflow of 電子決裁. Every command is one transaction: load with the visibility check, the pure
 * transition (domain/workflow), one `UPDATE … WHERE version = $expected` (optimistic locking: of simultaneous
 * actions exactly one matches, the others answer 409), the history entry in the audit chain, and on decision the
 * 文書番号 from the counter row (locked by the upsert). Events go out after the commit.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly history: ApprovalHistory,
    private readonly views: ApprovalViews,
    private readonly absences: AbsencesService,
    private readonly sources: MessageSources,
    private readonly audit: AuditService,
  ) {}

  async viewer(m: EntityManager, actor: Principal): Promise<Viewer> {
    return {
      id: actor.id,
      departmentId: actor.departmentId,
      readsAll: hasPermission(actor.roles, 'approvals.manage'),
      proxyFor: await this.absences.standingInFor(m, actor.id),
    };
  }

  /** The approval if the actor may see it, else `not_found` (reveals nothing). */
  async loadVisible(m: EntityManager, actor: Principal, id: string): Promise<ApprovalRow> {
    const row = isUuid(id) ? await loadRow(m, id) : undefined;
    if (!row) throw new DomainError('not_found', 'approval not found');
    const facts = {
      status: row.status,
      drafterId: row.drafter_id,
      departmentId: row.department_id,
      routeIds: row.route_ids,
      actorIds: row.actor_ids,
      waitingIds: row.waiting_ids,
    };
    if (!canSee(facts, await this.viewer(m, actor))) throw new DomainError('not_found', 'approval not found');
    return row;
  }

  async get(actor: Principal, id: string): Promise<ApprovalView> {
    const row = await this.loadVisible(this.db.manager, actor, id);
    return this.views.build(this.db.manager, row, actor.id);
  }

  async create(actor: Principal, input: CreateApprovalInput, ip?: string): Promise<ApprovalView> {
    const id = await this.db.transaction(async (m) => {
      const type = await loadType(m, input.typeId);
      const directory = await StaffDirectory.load(m, [actor.id]);
      const extraStages = checkExtraStages(input.extraStages ?? [], directory);
      const request = {
        drafterId: actor.id,
        drafterDepartmentId: actor.departmentId,
        amount: input.amount ?? null,
        important: input.important ?? false,
        unusual: input.unusual ?? false,
        extraStages,
      };
      const workflow = newWorkflow(
        actor.id,
        request.important || request.unusual,
        resolveRoute(templateOf(type), request, directory.holders, directory.anywhere),
      );
      const source = input.sourceMessageId ? await this.sources.check(m, actor, input.sourceMessageId) : null;
      const [{ id }] = (await m.query(
        `INSERT INTO approvals (type_id, title, body, amount, important, unusual, extra_stages, drafter_id, department_id, status, version,
           workflow, source_message_id, source_channel_id, source_channel_name, after_the_fact, routine, retention_years, search_terms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', 1, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [
          type.id,
          input.title.trim(),
          input.body,
          request.amount,
          request.important,
          request.unusual,
          JSON.stringify(extraStages),
          actor.id,
          actor.departmentId,
          JSON.stringify(stored(workflow)),
          source?.messageId ?? null,
          source?.channelId ?? null,
          source?.channelName ?? null,
          source?.disaster ?? false,
          type.routine,
          type.retention_years,
          termsOf(`${input.title}\n${input.body}`),
        ],
      )) as { id: string }[];
      await this.history.append(m, {
        approvalId: id,
        kind: 'create',
        stage: null,
        actor: directory.get(actor.id),
        onBehalfOf: null,
        toStage: null,
        comment: source?.disaster ? '事後決裁（災害対応中の決定）' : null,
        stated: null,
        version: 1,
        documentNumber: null,
        documentFiscalYear: null,
        ip,
      });
      return id;
    });
    this.publish({
      approvalId: id,
      title: input.title,
      drafterId: actor.id,
      version: 1,
      status: 'draft',
      reason: 'created',
      concerned: [actor.id],
      newlyWaiting: [],
      reviewFor: null,
      documentNumber: null,
    });
    return this.get(actor, id);
  }

  async update(actor: Principal, id: string, input: UpdateApprovalInput, ip?: string): Promise<ApprovalView> {
    const change = await this.db.transaction(async (m) => {
      const row = await this.loadVisible(m, actor, id);
      if (row.drafter_id !== actor.id) throw new DomainError('forbidden', 'only the drafter edits the draft');
      if (row.version !== input.version) throw stale();
      let workflow = workflowOf(row);
      const type = await loadType(m, input.typeId ?? row.type_id, input.typeId === undefined);
      const directory = await StaffDirectory.load(m, [actor.id]);
      const next = {
        title: input.title?.trim() ?? row.title,
        body: input.body ?? row.body,
        amount: input.amount === undefined ? (row.amount === null ? null : Number(row.amount)) : input.amount,
        important: input.important ?? row.important,
        unusual: input.unusual ?? row.unusual,
        extraStages: input.extraStages ? checkExtraStages(input.extraStages, directory) : row.extra_stages,
      };
      const routeChanged =
        type.id !== row.type_id ||
        next.amount !== (row.amount === null ? null : Number(row.amount)) ||
        next.important !== row.important ||
        next.unusual !== row.unusual ||
        JSON.stringify(next.extraStages) !== JSON.stringify(row.extra_stages);
      const substanceChanged = next.title !== row.title || next.body !== row.body;
      if (routeChanged) {
        const request = { drafterId: row.drafter_id, drafterDepartmentId: row.department_id, ...next };
        workflow = reroute(
          workflow,
          next.important || next.unusual,
          resolveRoute(templateOf(type), request, directory.holders, directory.anywhere),
        );
      } else if (substanceChanged && workflow.submittedOnce) workflow = markSubstantiveChange(workflow);
      else workflow = touch(workflow);
      await m.query(
        `UPDATE approvals SET type_id = $3, title = $4, body = $5, amount = $6, important = $7, unusual = $8, extra_stages = $9,
           routine = $10, retention_years = $11, search_terms = $12 WHERE id = $1 AND version = $2`,
        [
          row.id,
          row.version,
          type.id,
          next.title,
          next.body,
          next.amount,
          next.important,
          next.unusual,
          JSON.stringify(next.extraStages),
          type.routine,
          type.retention_years,
          termsOf(`${next.title}\n${next.body}`),
        ],
      );
      return this.save(
        m,
        row,
        workflow,
        { kind: 'edit', stage: null, actorId: actor.id, onBehalfOfId: null, toStage: null },
        { reason: 'updated', ip },
      );
    });
    this.publish(change);
    return this.get(actor, id);
  }

  /** A draft never submitted may be thrown away by its drafter; anything submitted stays on record. */
  async remove(actor: Principal, id: string): Promise<void> {
    const change = await this.db.transaction(async (m) => {
      const row = await this.loadVisible(m, actor, id);
      if (row.drafter_id !== actor.id) throw new DomainError('forbidden', 'only the drafter deletes a draft');
      if (row.status !== 'draft' || row.workflow.submittedOnce)
        throw new DomainError('conflict', 'only a draft never submitted can be deleted');
      await m.query('DELETE FROM approvals WHERE id = $1', [id]);
      // The index rows go with the draft; the chain keeps that it existed and was deleted.
      await this.audit.record(
        { action: 'approval.deleted', actorId: actor.id, targetType: 'approval', targetId: id, data: { title: row.title } },
        m,
      );
      return { ...changeOf(row, workflowOf(row), 'deleted'), concerned: [actor.id] };
    });
    this.publish(change);
  }

  async submit(actor: Principal, id: string, version: number, ip?: string): Promise<ApprovalView> {
    const change = await this.db.transaction(async (m) => {
      const row = await this.loadVisible(m, actor, id);
      if (row.version !== version) throw stale();
      const t = submit(workflowOf(row), actor.id, new Date());
      return this.save(m, row, t.workflow, t.entry, { reason: 'submitted', ip, submitted: true });
    });
    this.publish(change);
    return this.get(actor, id);
  }

  async act(actor: Principal, id: string, input: ApprovalActionInput, ip?: string): Promise<ApprovalView> {
    const change = await this.transition(actor, id, input, ip);
    this.publish(change);
    return this.get(actor, id);
  }

  /** Bulk approval of routine items: each item is its own transition (its own transaction, version and audit entry). */
  async bulkApprove(actor: Principal, input: BulkApproveInput, ip?: string): Promise<BulkApproveResult> {
    const results: BulkApproveResult['results'] = [];
    for (const item of input.items) {
      try {
        const row = await this.loadVisible(this.db.manager, actor, item.id);
        if (!row.routine) throw new DomainError('conflict', 'only routine items are approved in bulk: open it and decide it on its own');
        const change = await this.transition(
          actor,
          item.id,
          { action: 'approve', version: item.version, comment: input.comment ?? null },
          ip,
        );
        this.publish(change);
        const fresh = await loadRow(this.db.manager, item.id);
        results.push({ id: item.id, ok: true, approval: toSummary(fresh!) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ id: item.id, ok: false, statusCode: HTTP_STATUS_BY_CODE[error.code], message: error.message });
      }
    }
    return { results };
  }

  /**
   * The drafter changes attachments until the decision, from the version they saw: without it 400, stale 409 (an
   * approver may have acted meanwhile). Checked again under the row lock by `changeAttachments`.
   */
  async assertCanChangeAttachments(
    actor: Principal,
    id: string,
    version: number | undefined,
    m: EntityManager = this.db.manager,
  ): Promise<ApprovalRow> {
    const row = await this.loadVisible(m, actor, id);
    if (row.drafter_id !== actor.id) throw new DomainError('forbidden', 'only the drafter changes the attachments');
    if (row.status === 'decided' || row.status === 'rejected')
      throw new DomainError('conflict', `attachments are locked: the draft is ${row.status}`);
    if (version === undefined) throw new DomainError('bad_request', 'version: the version of the approval the change is made to');
    if (row.version !== version) throw stale();
    return row;
  }

  /**
   * One attachment change as a transition: the row locked, `change` writes the attachment rows, the version goes up
   * by one and the history records it. It is a change of substance: back with the drafter, 合議 stages that approved
   * approve again on resubmission; while circulating, the circulation returns to the first 合議 stage that approved
   * (domain/workflow `markSubstantiveChangeInProgress`).
   */
  async changeAttachments<T>(
    actor: Principal,
    id: string,
    version: number | undefined,
    change: (m: EntityManager) => Promise<{ comment: string; result: T }>,
  ): Promise<T> {
    const { event, result } = await this.db.transaction(async (m) => {
      if (isUuid(id)) await m.query('SELECT 1 FROM approvals WHERE id = $1 FOR UPDATE', [id]);
      const row = await this.assertCanChangeAttachments(actor, id, version, m);
      const out = await change(m);
      let workflow = workflowOf(row);
      workflow =
        workflow.status === 'in_progress'
          ? markSubstantiveChangeInProgress(workflow)
          : isEditable(workflow.status) && workflow.submittedOnce
            ? markSubstantiveChange(workflow)
            : { ...workflow, version: workflow.version + 1 };
      const event = await this.save(
        m,
        row,
        workflow,
        { kind: 'attach', stage: row.current_stage, actorId: actor.id, onBehalfOfId: null, toStage: null },
        { reason: 'attachment', comment: out.comment },
      );
      return { event, result: out.result };
    });
    this.publish(event);
    return result;
  }

  private async transition(actor: Principal, id: string, input: ApprovalActionInput, ip?: string): Promise<ApprovalChange> {
    return this.db.transaction(async (m) => {
      const row = await this.loadVisible(m, actor, id);
      if (row.version !== input.version) throw stale();
      const workflow = workflowOf(row);
      const waiting = workflow.currentStage !== null ? workflow.route[workflow.currentStage].approvers.map((a) => a.userId) : [];
      const proxies = await this.absences.proxies(m, waiting);
      const now = new Date();
      const t = act(workflow, {
        action: input.action,
        actorId: actor.id,
        at: now,
        toStage: input.toStage ?? null,
        comment: input.comment ?? null,
        proxyOf: (a) => proxies.get(a) ?? null,
      });
      const stated = statedDate(input.statedDate, input.statedReason, tokyoIsoDate(now));
      if (stated && !t.decided) throw new DomainError('bad_request', 'statedDate: only on the action that gives the final decision');
      const reason: ApprovalChangeReason = t.decided
        ? 'decided'
        : t.workflow.status === 'sent_back' || input.action === 'send_back'
          ? 'sent_back'
          : t.workflow.status === 'withdrawn'
            ? 'withdrawn'
            : t.workflow.status === 'rejected'
              ? 'rejected'
              : input.action === 'review'
                ? 'review'
                : 'action';
      return this.save(m, row, t.workflow, t.entry, {
        reason,
        ip,
        comment: input.comment ?? null,
        decided: t.decided,
        stated,
        reviewFor: t.openedReview?.approverId ?? null,
      });
    });
  }

  /** The optimistic write of one transition, its history entry, and on decision the number and retention. */
  private async save(
    m: EntityManager,
    row: ApprovalRow,
    workflow: Workflow,
    entry: HistoryEntry,
    options: {
      reason: ApprovalChangeReason;
      ip?: string;
      comment?: string | null;
      decided?: boolean;
      stated?: { date: string; reason: string } | null;
      submitted?: boolean;
      reviewFor?: string | null;
    },
  ): Promise<ApprovalChange> {
    const actorIds = [...new Set([...row.actor_ids, entry.actorId])];
    const routeIds = workflow.submittedOnce ? routeUserIds(workflow) : [];
    // Lock order, the same for every transition: the approval row (of simultaneous actions one holds it, the others
    // wait and then see a newer version: 409), then the number counter, then the audit chain, taken last (by the
    // history append, just before the commit) so that every transition holds the one global lock briefly.
    // NOWAIT: a row locked by another transaction is being changed from this same version; waiting for its commit
    // would only end in 409 too, so the loser of a race answers at once instead of queueing behind the winner.
    const [current] = (await m.query('SELECT version FROM approvals WHERE id = $1 FOR UPDATE NOWAIT', [row.id]).catch((error: unknown) => {
      throw isLockNotAvailable(error) ? stale() : error;
    })) as { version: number }[];
    if (current?.version !== row.version) throw stale();
    const directory = await StaffDirectory.only(m, [entry.actorId, ...(entry.onBehalfOfId ? [entry.onBehalfOfId] : [])]);
    const decision = options.decided ? await this.numberFor(m, row) : null;
    const stated = options.stated ?? null;
    const result = (await m.query(
      `UPDATE approvals SET status = $3, version = $4, current_stage = $5, workflow = $6, waiting_ids = $7, route_ids = $8, actor_ids = $9,
         review_ids = $10, updated_at = now(),
         submitted_at = CASE WHEN $11 THEN now() ELSE submitted_at END,
         first_submitted_at = CASE WHEN $11 THEN coalesce(first_submitted_at, now()) ELSE first_submitted_at END,
         document_number = coalesce($12, document_number), decided_at = coalesce($13, decided_at),
         decided_fiscal_year = coalesce($14, decided_fiscal_year), retention_ends_on = coalesce($15::date, retention_ends_on),
         stated_decision_date = CASE WHEN $12::text IS NULL THEN stated_decision_date ELSE $16::date END,
         stated_decision_reason = CASE WHEN $12::text IS NULL THEN stated_decision_reason ELSE $17 END
       WHERE id = $1 AND version = $2`,
      [
        row.id,
        row.version,
        workflow.status,
        workflow.version,
        workflow.currentStage,
        JSON.stringify(stored(workflow)),
        waitingIds(workflow),
        routeIds,
        actorIds,
        openReviewIds(workflow),
        options.submitted ?? false,
        decision?.number ?? null,
        decision?.at ?? null,
        decision?.fiscalYear ?? null,
        decision?.retentionEndsOn ?? null,
        stated?.date ?? null,
        stated?.reason ?? null,
      ],
    )) as [unknown, number];
    if (result[1] !== 1) throw stale();
    const number = decision?.number ?? row.document_number;
    const actor = directory.get(entry.actorId);
    const onBehalfOf = entry.onBehalfOfId ? directory.get(entry.onBehalfOfId) : null;
    const action = {
      approvalId: row.id,
      kind: entry.kind,
      stage: entry.stage,
      actor,
      onBehalfOf,
      toStage: entry.toStage,
      comment: options.comment?.trim() ? options.comment.trim().slice(0, 2000) : null,
      stated,
      version: workflow.version,
      documentNumber: number,
      documentFiscalYear: decision?.fiscalYear ?? row.decided_fiscal_year,
      ip: options.ip,
    };
    // Last in the transaction: the chain's lock is held from here to the commit.
    await this.history.append(
      m,
      action,
      ...(options.decided ? [{ ...action, kind: 'decide' as const, toStage: null, comment: null }] : []),
    );
    const before = new Set(row.waiting_ids);
    return {
      ...changeOf(
        { ...row, document_number: number, decided_fiscal_year: decision?.fiscalYear ?? row.decided_fiscal_year },
        workflow,
        options.reason,
      ),
      newlyWaiting: waitingIds(workflow).filter((id) => !before.has(id) || entry.kind === 'submit' || entry.kind === 'resubmit'),
      reviewFor: options.reviewFor ?? null,
    };
  }

  /** 文書番号 from the department's counter of this fiscal year (the upsert locks its row until commit). */
  private async numberFor(
    m: EntityManager,
    row: ApprovalRow,
  ): Promise<{ number: string; at: Date; fiscalYear: number; retentionEndsOn: string | null }> {
    const at = new Date();
    const fy = fiscalYear(at);
    const [{ last_number }] = (await m.query(
      `INSERT INTO approval_counters (department_id, fiscal_year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (department_id, fiscal_year) DO UPDATE SET last_number = approval_counters.last_number + 1 RETURNING last_number`,
      [row.department_id ?? NIL_DEPARTMENT, fy],
    )) as { last_number: number }[];
    return {
      number: documentNumber(await prefixOf(m, row.department_id), last_number),
      at,
      fiscalYear: fy,
      retentionEndsOn: retentionEndsOn(fy, retentionFromDb(row.retention_years)),
    };
  }

  private publish(change: ApprovalChange): void {
    this.events.publish('approvals.changed', change);
  }
}

export async function prefixOf(m: EntityManager, departmentId: string | null): Promise<string> {
  if (!departmentId) return '町';
  const [row] = (await m.query(
    `SELECT p.prefix, d.code FROM departments d LEFT JOIN approval_prefixes p ON p.department_id = d.id WHERE d.id = $1`,
    [departmentId],
  )) as { prefix: string | null; code: string }[];
  return row?.prefix ?? (row?.code ?? 'X').toUpperCase().slice(0, 8);
}

export async function loadRow(m: EntityManager, id: string): Promise<ApprovalRow | undefined> {
  const [row] = (await m.query(`SELECT ${APPROVAL_SELECT} FROM ${APPROVAL_FROM} WHERE a.id = $1`, [id])) as ApprovalRow[];
  return row;
}

async function loadType(m: EntityManager, typeId: string, allowInactive = false): Promise<TypeRow> {
  const [type] = isUuid(typeId) ? ((await m.query('SELECT * FROM approval_types WHERE id = $1', [typeId])) as TypeRow[]) : [];
  if (!type || (!type.active && !allowInactive)) throw new DomainError('bad_request', 'typeId: not an active document type');
  return type;
}

function checkExtraStages(stages: ExtraStageInput[], directory: StaffDirectory): ExtraStageInput[] {
  stages.forEach((s, i) => {
    if (!s.approverIds.every((id) => directory.has(id)))
      throw new DomainError('bad_request', `extraStages[${i}].approverIds: active staff only`);
  });
  return stages.map((s) => ({ label: s.label.trim(), mode: s.mode, approverIds: [...new Set(s.approverIds)] }));
}

/** What the `workflow` column keeps (the rest lives in its own columns). */
function stored(w: Workflow) {
  return {
    escalated: w.escalated,
    route: w.route,
    reviews: w.reviews,
    actedSinceSubmit: w.actedSinceSubmit,
    submittedOnce: w.submittedOnce,
  };
}

function changeOf(row: ApprovalRow, workflow: Workflow, reason: ApprovalChangeReason): ApprovalChange {
  return {
    approvalId: row.id,
    title: row.title,
    drafterId: row.drafter_id,
    version: workflow.version,
    status: workflow.status,
    reason,
    concerned: [
      ...new Set([row.drafter_id, ...row.route_ids, ...row.actor_ids, ...(workflow.submittedOnce ? routeUserIds(workflow) : [])]),
    ],
    newlyWaiting: [],
    reviewFor: null,
    documentNumber:
      row.document_number && row.decided_fiscal_year !== null
        ? `${formatWarekiFiscalYear(row.decided_fiscal_year)} ${row.document_number}`
        : row.document_number,
  };
}

export function tokyoIsoDate(date: Date): string {
  const { year, month, day } = tokyoCalendarDate(date);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** PostgreSQL's lock_not_available (FOR UPDATE NOWAIT on a row another transaction holds). */
function isLockNotAvailable(error: unknown): boolean {
  return (error as { driverError?: { code?: string } } | null)?.driverError?.code === '55P03';
}

const stale = () => new DomainError('conflict', 'the approval changed meanwhile (stale version): reload and try again');
