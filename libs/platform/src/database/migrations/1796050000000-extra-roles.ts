import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The v2 roles: `disaster_officer` declares and runs disasters, `survey_admin` runs surveys (CONTRACT.md, Roles). */
export class ExtraRoles1796050000000 implements MigrationInterface {
  name = 'ExtraRoles1796050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_roles_check
         CHECK (roles <@ ARRAY['staff','admin','disaster_officer','survey_admin']::text[] AND cardinality(roles) > 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE users SET roles = array(SELECT unnest(roles) INTERSECT SELECT unnest(ARRAY['staff','admin']))`);
    await q.query(`UPDATE users SET roles = '{staff}' WHERE cardinality(roles) = 0`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['staff','admin']::text[] AND cardinality(roles) > 0)`);
  }
}
