import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  hasPermission,
  type AuthorityTableView,
  type DepartmentPrefixView,
  type DocumentTypeInput,
  type DocumentTypeView,
  type PaperDecisionsInput,
  type RoutePreviewInput,
  type RoutePreviewView,
} from '@yakuba/contracts';
import { AuditService, isUuid, type Principal } from '@yakuba/platform';
import { StaffDirectory } from './approval-directory';
import { templateOf, toTypeView, type TypeRow } from './approval-rows';
import { stageView } from './approval-views';
import { AbsencesService } from './absences.service';
import { assertPrefix, retentionToDb } from './domain/records';
import { deciderRank, resolveRoute } from './domain/route-resolution';
import { assertTypeDefinition, authorityTable } from './domain/type-rules';
import { newWorkflow } from './domain/workflow';

/** 文書分類 and 事務決裁規程: types with their route templates and 専決 rows, department prefixes, the 別表. */
@Injectable()
export class ApprovalTypesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly absences: AbsencesService,
  ) {}

  async list(actor: Principal): Promise<DocumentTypeView[]> {
    const all = hasPermission(actor.roles, 'approvals.manage');
    const rows = (await this.db.query(`SELECT * FROM approval_types ${all ? '' : 'WHERE active'} ORDER BY sort_order, name`)) as TypeRow[];
    return rows.map(toTypeView);
  }

  async create(actor: Principal, input: DocumentTypeInput): Promise<DocumentTypeView> {
    assertTypeDefinition(input);
    return this.db.transaction(async (m) => {
      await this.assertReferences(m, input);
      const [existing] = (await m.query('SELECT 1 FROM approval_types WHERE code = $1', [input.code])) as unknown[];
      if (existing) throw new DomainError('conflict', `code: a type "${input.code}" exists`);
      const [row] = (await m.query(
        `INSERT INTO approval_types (code, name, name_en, description, retention_years, routine, has_amount, active, stages, authority, head_rank, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT coalesce(max(sort_order), 0) + 10 FROM approval_types)) RETURNING *`,
        this.values(input),
      )) as TypeRow[];
      await this.audit.record(
        {
          action: 'approval.type_created',
          actorId: actor.id,
          targetType: 'approval_type',
          targetId: row.id,
          data: { code: input.code, name: input.name },
        },
        m,
      );
      return toTypeView(row);
    });
  }

  async update(actor: Principal, id: string, input: DocumentTypeInput & { version: number }): Promise<DocumentTypeView> {
    assertTypeDefinition(input);
    return this.db.transaction(async (m) => {
      await this.assertReferences(m, input);
      const [current] = isUuid(id)
        ? ((await m.query('SELECT version FROM approval_types WHERE id = $1', [id])) as { version: number }[])
        : [];
      if (!current) throw new DomainError('not_found', 'document type not found');
      if (current.version !== input.version) throw new DomainError('conflict', 'the type changed meanwhile (stale version)');
      const duplicate = (await m.query('SELECT 1 FROM approval_types WHERE code = $1 AND id <> $2', [input.code, id])) as unknown[];
      if (duplicate.length) throw new DomainError('conflict', `code: a type "${input.code}" exists`);
      const [rows] = (await m.query(
        `UPDATE approval_types SET code = $1, name = $2, name_en = $3, description = $4, retention_years = $5, routine = $6, has_amount = $7,
           active = $8, stages = $9, authority = $10, head_rank = $11, version = version + 1, updated_at = now()
         WHERE id = $12 AND version = $13 RETURNING *`,
        [...this.values(input), id, input.version],
      )) as [TypeRow[], number];
      if (!rows.length) throw new DomainError('conflict', 'the type changed meanwhile (stale version)');
      // Drafts already resolved keep their route; new drafts and re-routed ones take the new template.
      await this.audit.record(
        {
          action: 'approval.type_updated',
          actorId: actor.id,
          targetType: 'approval_type',
          targetId: id,
          data: { code: input.code, version: rows[0].version },
        },
        m,
      );
      return toTypeView(rows[0]);
    });
  }

  async table(): Promise<AuthorityTableView> {
    const rows = (await this.db.query('SELECT * FROM approval_types WHERE active ORDER BY sort_order, name')) as TypeRow[];
    return authorityTable(rows.map((r) => ({ id: r.id, name: r.name, stages: r.stages, authority: r.authority, headRank: r.head_rank })));
  }

  async preview(actor: Principal, input: RoutePreviewInput): Promise<RoutePreviewView> {
    const m = this.db.manager;
    const [type] = isUuid(input.typeId)
      ? ((await m.query('SELECT * FROM approval_types WHERE id = $1 AND active', [input.typeId])) as TypeRow[])
      : [];
    if (!type) throw new DomainError('bad_request', 'typeId: not an active document type');
    const directory = await StaffDirectory.load(m, [actor.id]);
    const request = {
      drafterId: actor.id,
      drafterDepartmentId: actor.departmentId,
      amount: input.amount ?? null,
      important: input.important ?? false,
      unusual: input.unusual ?? false,
      extraStages: (input.extraStages ?? []).map((s, i) => {
        if (!s.approverIds.every((id) => directory.has(id)))
          throw new DomainError('bad_request', `extraStages[${i}].approverIds: active staff only`);
        return s;
      }),
    };
    const route = resolveRoute(templateOf(type), request, directory.holders, directory.anywhere);
    const workflow = newWorkflow(actor.id, request.important || request.unusual, route);
    const proxies = await this.absences.proxies(
      m,
      route.flatMap((s) => s.approverIds),
    );
    return { route: workflow.route.map((s, i) => stageView(s, i, directory, proxies)), decider: deciderRank(templateOf(type), request) };
  }

  async prefixes(): Promise<DepartmentPrefixView[]> {
    const rows = (await this.db.query(
      `SELECT d.id, d.name, d.code, p.prefix FROM departments d LEFT JOIN approval_prefixes p ON p.department_id = d.id ORDER BY d.sort_order, d.name`,
    )) as { id: string; name: string; code: string; prefix: string | null }[];
    return rows.map((r) => ({ departmentId: r.id, departmentName: r.name, prefix: r.prefix ?? r.code.toUpperCase().slice(0, 8) }));
  }

  async setPrefix(actor: Principal, departmentId: string, prefix: string): Promise<DepartmentPrefixView> {
    const value = assertPrefix(prefix);
    return this.db.transaction(async (m) => {
      const [department] = isUuid(departmentId)
        ? ((await m.query('SELECT id, name FROM departments WHERE id = $1', [departmentId])) as { id: string; name: string }[])
        : [];
      if (!department) throw new DomainError('not_found', 'department not found');
      const taken = (await m.query('SELECT 1 FROM approval_prefixes WHERE prefix = $1 AND department_id <> $2', [
        value,
        departmentId,
      ])) as unknown[];
      if (taken.length) throw new DomainError('conflict', `prefix: ${value} is another department's`);
      await m.query(
        `INSERT INTO approval_prefixes (department_id, prefix) VALUES ($1, $2) ON CONFLICT (department_id) DO UPDATE SET prefix = EXCLUDED.prefix`,
        [departmentId, value],
      );
      await this.audit.record(
        { action: 'approval.prefix_set', actorId: actor.id, targetType: 'department', targetId: departmentId, data: { prefix: value } },
        m,
      );
      return { departmentId, departmentName: department.name, prefix: value };
    });
  }

  async setPaperDecisions(actor: Principal, input: PaperDecisionsInput): Promise<PaperDecisionsInput> {
    return this.db.transaction(async (m) => {
      const department = isUuid(input.departmentId)
        ? ((await m.query('SELECT 1 FROM departments WHERE id = $1', [input.departmentId])) as unknown[])
        : [];
      if (!department.length) throw new DomainError('bad_request', 'departmentId: not a department');
      await m.query(
        `INSERT INTO approval_paper_decisions (month, department_id, count) VALUES ($1, $2, $3)
         ON CONFLICT (month, department_id) DO UPDATE SET count = EXCLUDED.count`,
        [input.month, input.departmentId, input.count],
      );
      await this.audit.record(
        {
          action: 'approval.paper_decisions_set',
          actorId: actor.id,
          targetType: 'department',
          targetId: input.departmentId,
          data: { ...input },
        },
        m,
      );
      return input;
    });
  }

  private values(input: DocumentTypeInput): unknown[] {
    return [
      input.code,
      input.name.trim(),
      input.nameEn ?? '',
      input.description ?? '',
      retentionToDb(input.retentionYears),
      input.routine ?? false,
      input.hasAmount ?? false,
      input.active ?? true,
      JSON.stringify(input.stages),
      JSON.stringify(input.authority),
      input.headRank ?? '町長',
    ];
  }

  /** Named people and departments in the template must exist. */
  private async assertReferences(m: import('typeorm').EntityManager, input: DocumentTypeInput): Promise<void> {
    const users = input.stages.flatMap((s) => s.approvers.flatMap((a) => (a.kind === 'user' ? [a.userId] : [])));
    const departments = input.stages.flatMap((s) => s.approvers.flatMap((a) => (a.kind === 'department_position' ? [a.departmentId] : [])));
    if (users.some((id) => !isUuid(id)) || departments.some((id) => !isUuid(id)))
      throw new DomainError('bad_request', 'stages: approvers name ids');
    const [{ u, d }] = (await m.query(
      `SELECT (SELECT count(*) FROM users WHERE id = ANY($1::uuid[]) AND active AND NOT system)::int AS u,
              (SELECT count(*) FROM departments WHERE id = ANY($2::uuid[]))::int AS d`,
      [[...new Set(users)], [...new Set(departments)]],
    )) as { u: number; d: number }[];
    if (u !== new Set(users).size) throw new DomainError('bad_request', 'stages: an approver is not active staff');
    if (d !== new Set(departments).size) throw new DomainError('bad_request', 'stages: a department does not exist');
  }
}
