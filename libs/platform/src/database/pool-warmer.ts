import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from './data-source';

/**
 * Opens the node's whole pool at start-up, before the first request: the pool keeps its connections (data-source.ts:
 * `min` = `max`), so neither the first burst after start nor one after a quiet spell waits for connections to open.
 * A connection that cannot be opened now is opened later, on demand, as before.
 */
@Injectable()
export class PoolWarmer implements OnApplicationBootstrap {
  private readonly logger = new Logger('database');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const pool = pgPool(this.db);
    if (!pool) return;
    const size = (pool as unknown as { options: { max: number } }).options.max;
    const opened = await Promise.allSettled(Array.from({ length: size }, () => pool.connect()));
    for (const result of opened) if (result.status === 'fulfilled') (result.value as PoolClient).release();
    const failed = opened.filter((r) => r.status === 'rejected').length;
    if (failed) this.logger.warn(`opened ${size - failed} of ${size} database connections at start-up; the rest open on demand`);
  }
}
