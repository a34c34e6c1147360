import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per device that switched Web Push on (account page). The endpoint is the push service's address for that
 * browser: unique (a shared tablet signed in by someone else moves to them), a capability kept server-side only.
 * A disabled or deleted account's rows go with it (no push to someone who left).
 */
export class PushSubscriptions1796080000000 implements MigrationInterface {
  name = 'PushSubscriptions1796080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE push_subscriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      endpoint text NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 9 AND 2048 AND endpoint LIKE 'https://%'),
      p256dh text NOT NULL CHECK (length(p256dh) BETWEEN 80 AND 100),
      auth text NOT NULL CHECK (length(auth) BETWEEN 16 AND 30),
      user_agent text CHECK (length(user_agent) <= 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_success_at timestamptz,
      failures int NOT NULL DEFAULT 0 CHECK (failures >= 0)
    )`);
    await q.query(`CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE push_subscriptions`);
  }
}
