import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApprovalActionView, ApprovalAttachmentView, ApprovalView, RecordedSeal, RouteStageView } from '@yakuba/contracts';
import { StaffDirectory } from './approval-directory';
import { ApprovalHistory } from './approval-history';
import { toSummary, workflowOf, type ApprovalRow } from './approval-rows';
import { AbsencesService } from './absences.service';
import { retentionFromDb } from './domain/records';
import { allowedActions, isEditable, type StageRun } from './domain/workflow';

/** Builds the full approval a viewer sees: route with names and absences, history, attachments, allowed actions. */
@Injectable()
export class ApprovalViews {
  constructor(
    private readonly history: ApprovalHistory,
    private readonly absences: AbsencesService,
  ) {}

  async build(m: EntityManager, row: ApprovalRow, viewerId: string): Promise<ApprovalView> {
    const workflow = workflowOf(row);
    const people = [...new Set(workflow.route.flatMap((s) => s.approvers.flatMap((a) => [a.userId, a.proxyId ?? a.userId])))];
    const [directory, proxies, actions, attachments] = await Promise.all([
      StaffDirectory.only(m, [...people, ...workflow.reviews.flatMap((r) => [r.approverId, r.proxyId])]),
      this.absences.proxies(m, people),
      this.history.read(m, row.id),
      attachmentsOf(m, row.id),
    ]);
    const proxyOf = (id: string) => proxies.get(id) ?? null;
    const editable = isEditable(row.status) && row.drafter_id === viewerId;
    const submitted = lastOf(actions, (x) => x.kind === 'submit' || x.kind === 'resubmit');
    return {
      ...toSummary(row),
      body: row.body,
      drafterPosition: row.drafter_position,
      drafterStamp: submitted ? sealOf(submitted) : null,
      route: workflow.route.map((s, i) => stageView(s, i, directory, proxies, actions)),
      actions,
      reviews: workflow.reviews.map((r) => ({
        id: r.id,
        stage: r.stage,
        approverId: r.approverId,
        approverName: directory.get(r.approverId).displayName,
        proxyId: r.proxyId,
        proxyName: directory.get(r.proxyId).displayName,
        createdAt: r.createdAt,
        doneAt: r.doneAt,
        stamp: r.doneAt
          ? sealOrNull(lastOf(actions, (x) => x.kind === 'review' && x.actorId === r.approverId && x.stage === r.stage))
          : null,
      })),
      attachments,
      extraStages: row.extra_stages,
      source: row.source_message_id
        ? {
            messageId: row.source_message_id,
            channelId: row.source_channel_id ?? '',
            channelName: row.source_channel_name ?? '',
            disaster: row.after_the_fact,
          }
        : null,
      retentionYears: retentionFromDb(row.retention_years),
      retentionEndsOn: row.retention_ends_on,
      statedDecisionDate: row.stated_decision_date,
      statedDecisionReason: row.stated_decision_reason,
      allowedActions: allowedActions(workflow, viewerId, proxyOf),
      canEdit: editable,
      canSubmit: editable,
    };
  }
}

/**
 * One stage with names from the directory (who they are now), and for each approver who acted the stamp recorded with
 * that act: the last approve of theirs at this stage, or the last 代決 done for them there (`actions` from the audit
 * entries; none in a preview).
 */
export function stageView(
  s: StageRun,
  index: number,
  directory: StaffDirectory,
  proxies: Map<string, string>,
  actions: ApprovalActionView[] = [],
): RouteStageView {
  return {
    stage: index,
    key: s.key,
    label: s.label,
    kind: s.kind,
    mode: s.mode,
    rank: s.rank,
    decision: s.decision,
    afterDecision: s.afterDecision,
    addedByDrafter: s.addedByDrafter,
    state: s.state,
    needsReapproval: s.needsReapproval,
    approvers: s.approvers.map((a) => {
      const person = directory.get(a.userId);
      return {
        userId: a.userId,
        displayName: person.displayName,
        position: person.position,
        departmentId: person.departmentId,
        departmentName: person.departmentName,
        state: a.state,
        actedAt: a.actedAt,
        proxyId: a.proxyId,
        proxyName: a.proxyId ? directory.get(a.proxyId).displayName : null,
        absent: proxies.has(a.userId),
        absenceProxyId: proxies.get(a.userId) ?? null,
        stamp:
          a.state === 'approved' || a.state === 'seen'
            ? sealOrNull(lastOf(actions, (x) => x.kind === 'approve' && x.stage === index && x.actorId === a.userId))
            : a.state === 'proxy_approved'
              ? sealOrNull(lastOf(actions, (x) => x.kind === 'proxy_approve' && x.stage === index && x.onBehalfOfId === a.userId))
              : null,
      };
    }),
  };
}

function lastOf(actions: ApprovalActionView[], match: (a: ApprovalActionView) => boolean): ApprovalActionView | undefined {
  for (let i = actions.length - 1; i >= 0; i--) if (match(actions[i])) return actions[i];
  return undefined;
}

const sealOf = (a: ApprovalActionView): RecordedSeal => ({
  name: a.actorName,
  position: a.actorPosition,
  at: a.at,
  onBehalfOfName: a.onBehalfOfName,
});
const sealOrNull = (a: ApprovalActionView | undefined): RecordedSeal | null => (a ? sealOf(a) : null);

export async function attachmentsOf(m: EntityManager, approvalId: string): Promise<ApprovalAttachmentView[]> {
  const rows = (await m.query(
    `SELECT at.id, at.title, at.removed_at, v.id AS version_id, v.version, v.file_name, v.page_count, v.byte_size, v.uploaded_by,
       u.display_name AS uploaded_by_name, v.uploaded_at
     FROM approval_attachments at JOIN approval_attachment_versions v ON v.attachment_id = at.id JOIN users u ON u.id = v.uploaded_by
     WHERE at.approval_id = $1 ORDER BY at.created_at, at.id, v.version DESC`,
    [approvalId],
  )) as {
    id: string;
    title: string;
    removed_at: Date | null;
    version_id: string;
    version: number;
    file_name: string;
    page_count: number;
    byte_size: string;
    uploaded_by: string;
    uploaded_by_name: string;
    uploaded_at: Date;
  }[];
  const byId = new Map<string, ApprovalAttachmentView>();
  for (const r of rows) {
    let a = byId.get(r.id);
    if (!a) byId.set(r.id, (a = { id: r.id, title: r.title, removed: r.removed_at !== null, versions: [] }));
    a.versions.push({
      id: r.version_id,
      version: r.version,
      fileName: r.file_name,
      pageCount: r.page_count,
      byteSize: Number(r.byte_size),
      uploadedById: r.uploaded_by,
      uploadedByName: r.uploaded_by_name,
      uploadedAt: r.uploaded_at.toISOString(),
    });
  }
  return [...byId.values()];
}
