import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { ChainVerifier, GENESIS_HASH, hashEntry, type ChainVerdict } from './domain/audit-chain';
import { likePattern } from '../text/like-pattern';

export interface AuditEvent {
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

// A transaction-scoped advisory lock serialises appends so that ids run 1, 2, 3, ... and each links to the last.
const AUDIT_LOCK_KEY = 7_210_001;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Appends inside the caller's transaction when given one, so the record and its audit entry commit together. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    if (!manager) return this.db.transaction((m) => this.record(event, m));
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
    const [last] = (await manager.query('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')) as { id: string; hash: string }[];
    const id = String(last ? BigInt(last.id) + 1n : 1n);
    const at = new Date();
    const record = {
      id,
      at,
      actorId: event.actorId ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.ip ?? null,
      data: event.data ?? {},
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await manager.insert(AuditEntry, { ...record, data: record.data as never, prevHash, hash: hashEntry(prevHash, record) });
  }

  async list(options: { limit: number; beforeId?: string; action?: string }): Promise<AuditEntry[]> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(options.limit);
    if (options.beforeId) qb.andWhere('a.id < :before', { before: options.beforeId });
    if (options.action) qb.andWhere('a.action LIKE :action', { action: likePattern(options.action, 'prefix') });
    return qb.getMany();
  }

  /** Re-computes every hash, in batches. */
  async verify(): Promise<ChainVerdict> {
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
