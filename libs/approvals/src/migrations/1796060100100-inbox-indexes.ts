import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 処理済 list (what I acted on, newest first) reads the action index by actor; the inbox buckets test
 * membership of the id arrays with `@>`, which the GIN indexes of the schema serve (`= ANY` could not).
 */
export class InboxIndexes1796060100100 implements MigrationInterface {
  name = 'InboxIndexes1796060100100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX approval_actions_actor_idx ON approval_actions (actor_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX approval_actions_actor_idx`);
  }
}
