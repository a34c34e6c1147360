import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How each reader fits a page in the meeting room (fit width, the default, or fit page), kept per user. */
export class ViewerSettings1796080300000 implements MigrationInterface {
  name = 'ViewerSettings1796080300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE meeting_viewer_settings (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      fit text NOT NULL CHECK (fit IN ('width', 'page')),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_viewer_settings`);
  }
}
