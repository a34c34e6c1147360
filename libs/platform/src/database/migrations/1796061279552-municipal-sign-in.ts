import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions as municipalities configure them and municipal sign-in: an idle window beside the absolute lifetime
 * (`last_active_at`), the administrators' security settings (one row), password history and forced change, TOTP
 * authenticators with hashed recovery codes, and accounts that come from the LDAP / Active Directory.
 */
export class MunicipalSignIn1796061279552 implements MigrationInterface {
  name = 'MunicipalSignIn1796061279552';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN last_active_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE sessions SET last_active_at = created_at`);
    await q.query(`CREATE INDEX sessions_live_idx ON sessions (last_active_at) WHERE revoked_at IS NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE users ADD COLUMN auth_source text NOT NULL DEFAULT 'local' CONSTRAINT users_auth_source_check CHECK (auth_source IN ('local', 'ldap'))`,
    );
    await q.query(`ALTER TABLE users ADD COLUMN ldap_dn text`);
    await q.query(`CREATE TABLE security_settings (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      settings jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL
    )`);
    await q.query(`CREATE TABLE password_history (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX password_history_user_idx ON password_history (user_id, created_at DESC)`);
    await q.query(`CREATE TABLE totp_authenticators (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      secret text NOT NULL,
      confirmed_at timestamptz,
      last_step bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE totp_recovery_codes (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      UNIQUE (user_id, code_hash)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE totp_recovery_codes`);
    await q.query(`DROP TABLE totp_authenticators`);
    await q.query(`DROP TABLE password_history`);
    await q.query(`DROP TABLE security_settings`);
    await q.query(`ALTER TABLE users DROP COLUMN ldap_dn, DROP COLUMN auth_source, DROP COLUMN must_change_password`);
    await q.query(`DROP INDEX sessions_live_idx`);
    await q.query(`ALTER TABLE sessions DROP COLUMN last_active_at`);
  }
}
