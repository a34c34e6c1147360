import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { DomainError } from '@yakuba/contracts';
import { writeCsv, type CsvCell } from '../csv/csv-writer';
import type { CsvEncoding } from '../csv/csv-reader';
import { User } from '../directory/user.entity';
import { AuditEntry } from './audit-entry.entity';
import type { AuditCrossCheck } from './audit-cross-check';
import { ChainVerifier, payloadAroundId, type ChainVerdict } from './domain/audit-chain';
import type { AuditFilter } from './domain/audit-filter';
import { likePattern } from '../text/like-pattern';

export interface AuditEvent {
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

/** More than this in one file is not something to open in Excel: narrow the filters instead. */
export const AUDIT_EXPORT_MAX = 100_000;

const EXPORT_HEADER = ['ID', '日時', '操作者ID', 'ユーザー名', '氏名', '操作', '対象の種類', '対象ID', 'IPアドレス', '詳細'];

// A transaction-scoped advisory lock serialises appends so that ids run 1, 2, 3, ... and each links to the last.
const AUDIT_LOCK_KEY = 7_210_001;

@Injectable()
export class AuditService {
  private readonly crossChecks: AuditCrossCheck[] = [];

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A context's check of its own rows against the chain, run by `verify` once the chain itself is intact. */
  registerCrossCheck(check: AuditCrossCheck): void {
    this.crossChecks.push(check);
  }

  /** Appends inside the caller's transaction when given one, so the record and its audit entry commit together. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.recordAll([event], manager);
  }

  /**
   * Appends several entries in order, in the caller's transaction, and answers their ids. The chain lock is taken
   * here and held until that transaction commits (nothing else can link to an entry not yet committed), so every
   * append serialises with every other one for that long: callers with more work in the transaction do it first
   * and append last, just before the commit (approvals' history does), keeping the chain's critical section short.
   */
  async recordAll(events: readonly AuditEvent[], manager?: EntityManager): Promise<string[]> {
    if (!manager) return this.db.transaction((m) => this.recordAll(events, m));
    if (events.length === 0) return [];
    const at = new Date();
    const entries = events.map((event) => {
      const record = {
        at,
        actorId: event.actorId ?? null,
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        ip: event.ip ?? null,
        data: event.data ?? {},
      };
      return { ...record, at: at.toISOString(), ...payloadAroundId(record) };
    });
    // One statement: lock, read the head, link and insert (libs/platform/src/database/migrations/…-audit-append.ts).
    const rows = (await manager.query('SELECT audit_append($1, $2::jsonb) AS id', [AUDIT_LOCK_KEY, JSON.stringify(entries)])) as {
      id: string;
    }[];
    return rows.map((r) => String(r.id));
  }

  async list(options: AuditFilter & { limit: number; beforeId?: string }): Promise<AuditEntry[]> {
    const qb = this.filtered(options).orderBy('a.id', 'DESC').limit(options.limit);
    if (options.beforeId) qb.andWhere('a.id < :before', { before: options.beforeId });
    return qb.getMany();
  }

  /** The filtered log as CSV for Excel, oldest first, with who acted by name; the export is recorded in the log. */
  async exportCsv(actorId: string, filter: AuditFilter, encoding: CsvEncoding, ip: string): Promise<Buffer> {
    const { entities, raw } = await this.filtered(filter)
      .leftJoin(User, 'u', 'u.id = a.actor_id')
      .addSelect(['u.username AS u_username', 'u.display_name AS u_display_name'])
      .orderBy('a.id', 'ASC')
      .limit(AUDIT_EXPORT_MAX + 1)
      .getRawAndEntities<{ u_username: string | null; u_display_name: string | null }>();
    if (entities.length > AUDIT_EXPORT_MAX)
      throw new DomainError('bad_request', `from, to: more than ${AUDIT_EXPORT_MAX} entries match, narrow the filters`);
    const rows: CsvCell[][] = entities.map((e, i) => [
      e.id,
      e.at.toISOString(),
      e.actorId,
      raw[i].u_username,
      raw[i].u_display_name,
      e.action,
      e.targetType,
      e.targetId,
      e.ip,
      Object.keys(e.data).length ? JSON.stringify(e.data) : '',
    ]);
    // Shift_JIS lacks some characters of names and free text: the file still opens, with 〓 in their place.
    const bytes = writeCsv([EXPORT_HEADER, ...rows], { encoding, unmappable: 'substitute' });
    await this.record({
      action: 'audit.exported',
      actorId,
      ip,
      data: {
        entries: entities.length,
        encoding,
        filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() },
      },
    });
    return bytes;
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.action) qb.andWhere('a.action LIKE :action', { action: likePattern(filter.action, 'prefix') });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    return qb;
  }

  /**
   * Re-computes every hash, then (the chain being intact) runs the contexts' cross-checks and reports the mismatch
   * at the lowest entry id: a row mirroring an entry deleted or edited breaks the record there.
   */
  async verify(): Promise<ChainVerdict> {
    const chain = await this.verifyChain();
    if (!chain.valid) return chain;
    let first: { auditId: string; reason: string } | null = null;
    for (const check of this.crossChecks) {
      const found = await check.firstMismatch(this.db.manager);
      if (found && (!first || BigInt(found.auditId) < BigInt(first.auditId))) first = { ...found, reason: `${check.name}: ${found.reason}` };
    }
    return first ? { valid: false, checked: chain.checked, brokenAtId: first.auditId, reason: first.reason } : chain;
  }

  /** Re-computes every hash, in batches. */
  private async verifyChain(): Promise<ChainVerdict> {
    const repo = this.db.getRepository(AuditEntry);
    const verifier = new ChainVerifier();
    const batchSize = 5000;
    let after = '0';
    for (;;) {
      const batch = await repo.createQueryBuilder('a').where('a.id > :after', { after }).orderBy('a.id', 'ASC').limit(batchSize).getMany();
      for (const entry of batch) if (!verifier.push(entry)) return verifier.result();
      if (batch.length < batchSize) return verifier.result();
      after = batch[batch.length - 1].id;
    }
  }
}
