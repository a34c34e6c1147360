import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channels another context runs through the channel port (a disaster's): `managed_by` names it (chat's own rename,
 * archive and membership routes leave such a channel alone), `all_staff` keeps every active member of staff in it
 * (users created later join), `members_locked` refuses leaving and removal. Messages gain `urgent`.
 */
export class ManagedChannels1796060100000 implements MigrationInterface {
  name = 'ManagedChannels1796060100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chat_channels
      ADD COLUMN managed_by text CHECK (length(managed_by) BETWEEN 1 AND 40),
      ADD COLUMN all_staff boolean NOT NULL DEFAULT false,
      ADD COLUMN members_locked boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX chat_channels_all_staff ON chat_channels (id) WHERE all_staff AND archived_at IS NULL`);
    await q.query(`ALTER TABLE chat_messages ADD COLUMN urgent boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chat_messages DROP COLUMN urgent`);
    await q.query(`ALTER TABLE chat_channels DROP COLUMN managed_by, DROP COLUMN all_staff, DROP COLUMN members_locked`);
  }
}
