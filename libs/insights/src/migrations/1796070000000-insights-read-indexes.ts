import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-model indexes of the DX dashboard on tables other contexts own (insights owns no table; these indexes serve only
 * its figures, so they live here). Profiled on a year of data (1,000,000 messages): docs/benchmarks.md, bench:surveys.
 *
 * chat_messages_replies_idx: the median time to first reply starts from the last 30 days' thread replies; without it
 * PostgreSQL ANDs two bitmaps (every reply ever × every message of the month). Partial: replies only (~5% of rows).
 */
export class InsightsReadIndexes1796070000000 implements MigrationInterface {
  name = 'InsightsReadIndexes1796070000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS chat_messages_replies_idx ON chat_messages (created_at)
      INCLUDE (thread_root_id, author_id) WHERE thread_root_id IS NOT NULL AND deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS chat_messages_replies_idx`);
  }
}
