import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApprovalActionView, ApprovalHistoryKind } from '@yakuba/contracts';
import { AuditService, type AuditCrossCheck, type AuditMismatch } from '@yakuba/platform';
import type { StaffEntry } from './approval-directory';

export interface HistoryAppend {
  approvalId: string;
  kind: ApprovalHistoryKind;
  stage: number | null;
  actor: StaffEntry;
  onBehalfOf: StaffEntry | null;
  toStage: number | null;
  comment: string | null;
  stated: { date: string; reason: string } | null;
  /** The approval's version after this action, and its number once decided. */
  version: number;
  documentNumber: string | null;
  /** The fiscal year the number belongs to (numbers restart every April). */
  documentFiscalYear: number | null;
  ip?: string | null;
}

/**
 * The history of an approval: every action is appended to the platform's hash-chained audit log in the same
 * transaction, and `approval_actions` indexes it (who, what, when) for lists and visibility. What the history shows
 * (comment, position, stated date) is read back from the audit entry, so an entry changed or deleted in the database
 * is what `/api/audit/verify` reports.
 */
@Injectable()
export class ApprovalHistory {
  constructor(private readonly audit: AuditService) {}

  /**
   * Appends the entries of one transition, in order. Call it last in the transaction: the audit chain's lock is
   * taken here and held until the commit, so everything before it runs outside the chain's critical section. The
   * approval row is locked by the caller (or new), so the seq numbers cannot collide.
   */
  async append(m: EntityManager, ...entries: HistoryAppend[]): Promise<void> {
    if (entries.length === 0) return;
    const approvalId = entries[0].approvalId;
    const [{ seq: first }] = (await m.query('SELECT coalesce(max(seq), 0) + 1 AS seq FROM approval_actions WHERE approval_id = $1', [
      approvalId,
    ])) as { seq: number }[];
    const at = new Date();
    const auditIds = await this.audit.recordAll(
      entries.map((e, i) => ({
        action: `approval.${e.kind}`,
        actorId: e.actor.id,
        targetType: 'approval',
        targetId: e.approvalId,
        ip: e.ip ?? null,
        data: {
          seq: first + i,
          stage: e.stage,
          toStage: e.toStage,
          onBehalfOfId: e.onBehalfOf?.id ?? null,
          onBehalfOfName: e.onBehalfOf?.displayName ?? null,
          actorName: e.actor.displayName,
          actorPosition: e.actor.position,
          actorDepartmentName: e.actor.departmentName,
          comment: e.comment,
          statedDate: e.stated?.date ?? null,
          statedReason: e.stated?.reason ?? null,
          version: e.version,
          documentNumber: e.documentNumber,
          documentFiscalYear: e.documentFiscalYear,
          at: at.toISOString(),
        },
      })),
      m,
    );
    const columns = 9;
    await m.query(
      `INSERT INTO approval_actions (approval_id, seq, kind, stage, actor_id, on_behalf_of_id, to_stage, at, audit_id) VALUES ${entries
        .map((_, i) => `(${Array.from({ length: columns }, (_, c) => `$${i * columns + c + 1}`).join(', ')})`)
        .join(', ')}`,
      entries.flatMap((e, i) => [
        e.approvalId,
        first + i,
        e.kind,
        e.stage,
        e.actor.id,
        e.onBehalfOf?.id ?? null,
        e.toStage,
        at,
        auditIds[i],
      ]),
    );
  }

  /** The history as stored in the audit log; an index row whose audit entry is gone shows as such. */
  async read(m: EntityManager, approvalId: string): Promise<ApprovalActionView[]> {
    const rows = (await m.query(
      `SELECT x.id, x.seq, x.kind, x.stage, x.actor_id, x.on_behalf_of_id, x.to_stage, x.at, l.data
       FROM approval_actions x LEFT JOIN audit_log l ON l.id = x.audit_id
       WHERE x.approval_id = $1 ORDER BY x.seq`,
      [approvalId],
    )) as {
      id: string;
      seq: number;
      kind: ApprovalHistoryKind;
      stage: number | null;
      actor_id: string;
      on_behalf_of_id: string | null;
      to_stage: number | null;
      at: Date;
      data: Record<string, string | null> | null;
    }[];
    return rows.map((r) => {
      const d = r.data ?? {};
      return {
        id: r.id,
        seq: r.seq,
        kind: r.kind,
        stage: r.stage,
        actorId: r.actor_id,
        actorName: d.actorName ?? '（記録なし）',
        actorPosition: d.actorPosition ?? null,
        actorDepartmentName: d.actorDepartmentName ?? null,
        onBehalfOfId: r.on_behalf_of_id,
        onBehalfOfName: d.onBehalfOfName ?? null,
        comment: d.comment ?? null,
        toStage: r.to_stage,
        at: r.at.toISOString(),
        statedDate: d.statedDate ?? null,
        statedReason: d.statedReason ?? null,
      };
    });
  }
}

/**
 * `approval_actions` against the audit chain, both ways: every row must match the `approval.<kind>` entry it names
 * (kind, actor, approval, seq, stage, toStage, on whose behalf, time), and every such entry must still have its row
 * (unless the chain records the draft's deletion). A row deleted or edited behind the triggers' back shows here.
 */
export const approvalActionsCheck: AuditCrossCheck = {
  name: 'approval history',
  async firstMismatch(m: EntityManager): Promise<AuditMismatch | null> {
    const [row] = (await m.query(
      `SELECT coalesce(e.id, x.audit_id)::text AS audit_id,
         CASE WHEN x.id IS NULL THEN 'the approval action of this entry was deleted from approval_actions'
              WHEN e.id IS NULL THEN 'an approval_actions row names no approval action entry'
              ELSE 'the approval_actions row of this entry was changed' END AS reason
       FROM (SELECT l.id, l.action, l.actor_id, l.target_id, l.data FROM audit_log l
             WHERE l.target_type = 'approval' AND l.action LIKE 'approval.%' AND l.data ? 'seq') e
       FULL JOIN approval_actions x ON x.audit_id = e.id
       WHERE (x.id IS NULL AND NOT EXISTS (
                SELECT 1 FROM audit_log d WHERE d.action = 'approval.deleted' AND d.target_type = 'approval' AND d.target_id = e.target_id))
          OR e.id IS NULL
          OR (x.id IS NOT NULL AND (e.action IS DISTINCT FROM 'approval.' || x.kind
            OR e.actor_id IS DISTINCT FROM x.actor_id
            OR e.target_id IS DISTINCT FROM x.approval_id::text
            OR (e.data->>'seq')::int IS DISTINCT FROM x.seq
            OR (e.data->>'stage')::int IS DISTINCT FROM x.stage
            OR (e.data->>'toStage')::int IS DISTINCT FROM x.to_stage
            OR (e.data->>'onBehalfOfId')::uuid IS DISTINCT FROM x.on_behalf_of_id
            OR (e.data->>'at')::timestamptz IS DISTINCT FROM x.at))
       ORDER BY coalesce(e.id, x.audit_id) LIMIT 1`,
    )) as { audit_id: string; reason: string }[];
    return row ? { auditId: row.audit_id, reason: row.reason } : null;
  },
};
