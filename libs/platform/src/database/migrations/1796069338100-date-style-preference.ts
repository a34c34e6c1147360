import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each account's choice of calendar for dates (和暦 or Western), stored with the account so that it follows the
 * user to another device; NULL: never chosen (the browser's own choice, or the Western calendar).
 */
export class DateStylePreference1796069338100 implements MigrationInterface {
  name = 'DateStylePreference1796069338100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN date_style text NULL CONSTRAINT users_date_style_check CHECK (date_style IN ('gregorian', 'wareki'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN date_style`);
  }
}
