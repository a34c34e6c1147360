import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling by source (account × address, or account × device cookie): failures remember their source and
 * whether the browser showed a device cookie of the account; an administrator can clear them.
 */
export class LoginThrottle1796040000000 implements MigrationInterface {
  name = 'LoginThrottle1796040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE login_attempts ADD COLUMN source text`);
    await q.query(`UPDATE login_attempts SET source = 'ip:' || ip`);
    await q.query(`ALTER TABLE login_attempts ALTER COLUMN source SET NOT NULL`);
    await q.query(`ALTER TABLE login_attempts ADD COLUMN trusted boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE login_attempts ADD COLUMN cleared_at timestamptz`);
    await q.query(`CREATE INDEX login_attempts_failed_source_idx ON login_attempts (username, source, at) WHERE NOT succeeded`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX login_attempts_failed_source_idx`);
    await q.query(`ALTER TABLE login_attempts DROP COLUMN cleared_at, DROP COLUMN trusted, DROP COLUMN source`);
  }
}
