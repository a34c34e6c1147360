import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A damage report sent again by its client (an outbox resend) is found by its key: filed once per reporter and key. */
export class DamageClientKey1796309900100 implements MigrationInterface {
  name = 'DamageClientKey1796309900100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE disaster_damage_reports ADD COLUMN client_report_id text CHECK (length(client_report_id) BETWEEN 1 AND 100)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX disaster_damage_reports_client_key ON disaster_damage_reports (disaster_id, reporter_id, client_report_id)
        WHERE client_report_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX disaster_damage_reports_client_key`);
    await q.query(`ALTER TABLE disaster_damage_reports DROP COLUMN client_report_id`);
  }
}
