import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each version of the situation report is also a message of the disaster channel, pinned while it is current. */
export class SituationMessage1796309900000 implements MigrationInterface {
  name = 'SituationMessage1796309900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disaster_situation ADD COLUMN message_id uuid REFERENCES chat_messages(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disaster_situation DROP COLUMN message_id`);
  }
}
