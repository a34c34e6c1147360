import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guests (outside responders invited into one channel until an expiry: no role, confined by the principal's
 * `guest` scope) and API tokens (stored as SHA-256 hashes, shown once, revocable).
 */
export class GuestsAndApiTokens1796060000000 implements MigrationInterface {
  name = 'GuestsAndApiTokens1796060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN guest_channel_id uuid,
      ADD COLUMN guest_expires_at timestamptz,
      ADD COLUMN guest_organisation text CHECK (length(guest_organisation) <= 100),
      ADD CONSTRAINT users_guest_check CHECK ((guest_channel_id IS NULL) = (guest_expires_at IS NULL))`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    // A guest holds no role: what it may do is its scope (libs/platform/src/auth/scope.ts), not a role.
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_roles_check
         CHECK (roles <@ ARRAY['staff','admin','disaster_officer','survey_admin']::text[]
                AND (cardinality(roles) > 0 OR guest_channel_id IS NOT NULL))`,
    );
    await q.query(`CREATE INDEX users_guest_expiry ON users (guest_expires_at) WHERE guest_channel_id IS NOT NULL`);
    await q.query(`CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      scopes text[] NOT NULL CHECK (scopes <@ ARRAY['disasters']::text[] AND cardinality(scopes) > 0),
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DELETE FROM users WHERE guest_channel_id IS NOT NULL`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_roles_check
         CHECK (roles <@ ARRAY['staff','admin','disaster_officer','survey_admin']::text[] AND cardinality(roles) > 0)`,
    );
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_guest_check, DROP COLUMN guest_channel_id, DROP COLUMN guest_expires_at,
      DROP COLUMN guest_organisation`);
  }
}
