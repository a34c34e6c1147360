import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation-wide channel 全庁連絡 exists in every installation (not only in the demo) and holds every active
 * member of staff: `all_staff` (users created later join it in their creation's transaction, through the staff
 * placement port) and `members_locked` (nobody leaves or is removed). An existing public 全庁連絡 (the demo's) becomes
 * it; otherwise it is created.
 */
export class OrganisationChannel1796080100000 implements MigrationInterface {
  name = 'OrganisationChannel1796080100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE chat_channels SET all_staff = true, members_locked = true
      WHERE id = (SELECT id FROM chat_channels WHERE name = '全庁連絡' AND type = 'public' AND managed_by IS NULL
                   AND archived_at IS NULL ORDER BY created_at LIMIT 1)`);
    await q.query(`INSERT INTO chat_channels (type, name, topic, all_staff, members_locked)
      SELECT 'public', '全庁連絡', '全職員向けのお知らせ（業務連絡・庁舎管理・行事）', true, true
      WHERE NOT EXISTS (SELECT 1 FROM chat_channels WHERE all_staff AND managed_by IS NULL)`);
    await q.query(`INSERT INTO chat_members (channel_id, user_id)
      SELECT c.id, u.id FROM chat_channels c CROSS JOIN users u
       WHERE c.all_staff AND c.managed_by IS NULL AND c.archived_at IS NULL AND u.active AND NOT u.system AND u.guest_channel_id IS NULL
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE chat_channels SET all_staff = false, members_locked = false WHERE all_staff AND managed_by IS NULL`);
  }
}
