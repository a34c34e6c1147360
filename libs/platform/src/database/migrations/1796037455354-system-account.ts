import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SYSTEM_ACCOUNT } from '@yakuba/contracts';

/**
 * The system account that posts notices (libs/platform/src/notice). It is never active, so it cannot sign in and no
 * session of it resolves, and the constraint keeps it so whatever an administrator tries; the directory leaves it out.
 * Its password hash is no argon2 hash at all: nothing can verify against it.
 */
export class SystemAccount1796037455354 implements MigrationInterface {
  name = 'SystemAccount1796037455354';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN system boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_system_inactive CHECK (NOT (system AND active))`);
    await q.query(
      `INSERT INTO users (id, username, display_name, roles, active, password_hash, system) VALUES ($1, $2, $3, '{staff}', false, '!', true)`,
      [SYSTEM_ACCOUNT.id, SYSTEM_ACCOUNT.username, SYSTEM_ACCOUNT.displayName],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM users WHERE system`);
    await q.query(`ALTER TABLE users DROP COLUMN system`);
  }
}
