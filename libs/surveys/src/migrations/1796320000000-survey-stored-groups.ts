import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The (department, position) pairs stored beside a survey's answers, fixed when it opens (domain/stored-grouping.ts):
 * each invited pair → the coarsened pair its answers store, so that no stored pair stands for fewer than k invited.
 * Null for surveys opened before this column (computed at their next answer).
 */
export class SurveyStoredGroups1796320000000 implements MigrationInterface {
  name = 'SurveyStoredGroups1796320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE surveys ADD COLUMN stored_groups jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE surveys DROP COLUMN stored_groups`);
  }
}
