import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disasters and drills: each runs in a chat channel (chat_channels.managed_by = 'disasters'). Urgent messages are
 * chat messages; their receipts (delivered / opened / acknowledged) are one row per recipient, so each is counted
 * once (primary key). Roll-call answers keep their history (the record) and one current answer per member. Duties
 * are copied from the plan at declaration. The timeline is append-only, written in each action's transaction.
 */
export class DisastersSchema1796060200000 implements MigrationInterface {
  name = 'DisastersSchema1796060200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE disasters (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('heavy_rain','typhoon','earthquake','tsunami','fire','other')),
      level int CHECK (level BETWEEN 1 AND 5),
      drill boolean NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
      channel_id uuid NOT NULL UNIQUE REFERENCES chat_channels(id),
      declared_by uuid REFERENCES users(id),
      declared_by_token text,
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX disasters_active ON disasters (opened_at) WHERE status = 'active'`);
    await q.query(`CREATE TABLE disaster_urgent (
      message_id uuid PRIMARY KEY REFERENCES chat_messages(id),
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      author_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      last_renotified_at timestamptz
    )`);
    await q.query(`CREATE INDEX disaster_urgent_disaster ON disaster_urgent (disaster_id, created_at)`);
    await q.query(`CREATE TABLE disaster_receipts (
      message_id uuid NOT NULL REFERENCES disaster_urgent(message_id),
      user_id uuid NOT NULL REFERENCES users(id),
      delivered_at timestamptz,
      opened_at timestamptz,
      acknowledged_at timestamptz,
      PRIMARY KEY (message_id, user_id),
      CHECK (opened_at IS NULL OR delivered_at IS NOT NULL),
      CHECK (acknowledged_at IS NULL OR opened_at IS NOT NULL)
    )`);
    await q.query(`CREATE TABLE disaster_roll_call (
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      user_id uuid NOT NULL REFERENCES users(id),
      safety text NOT NULL CHECK (safety IN ('safe','injured','needs_help')),
      attendance text NOT NULL CHECK (attendance IN ('available','unavailable','arrived')),
      eta timestamptz,
      location text CHECK (length(location) <= 200),
      note text CHECK (length(note) <= 1000),
      answered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      answered_by uuid NOT NULL REFERENCES users(id),
      PRIMARY KEY (disaster_id, user_id)
    )`);
    await q.query(`CREATE TABLE disaster_roll_call_keys (
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      user_id uuid NOT NULL REFERENCES users(id),
      client_answer_id text NOT NULL CHECK (length(client_answer_id) BETWEEN 1 AND 100),
      PRIMARY KEY (disaster_id, user_id, client_answer_id)
    )`);
    await q.query(`CREATE TABLE disaster_duty_roles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      level int NOT NULL CHECK (level BETWEEN 1 AND 5),
      grp text NOT NULL CHECK (grp IN ('headquarters','shelter','key_holder','other')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      place text CHECK (length(place) <= 200),
      assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
      sort_order int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE disaster_duties (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      duty_role_id uuid REFERENCES disaster_duty_roles(id) ON DELETE SET NULL,
      level int NOT NULL,
      grp text NOT NULL,
      title text NOT NULL,
      place text,
      assignee_id uuid REFERENCES users(id),
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','confirmed','unavailable')),
      note text CHECK (length(note) <= 1000),
      responded_at timestamptz,
      previous_assignee_ids uuid[] NOT NULL DEFAULT '{}',
      sort_order int NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (disaster_id, duty_role_id)
    )`);
    await q.query(`CREATE TABLE disaster_damage_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      number int NOT NULL,
      place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
      category text NOT NULL CHECK (category IN ('road','river','building','power','water','landslide','casualty','other')),
      severity int NOT NULL CHECK (severity BETWEEN 1 AND 3),
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lng double precision CHECK (lng BETWEEN -180 AND 180),
      note text CHECK (length(note) <= 2000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','done')),
      assignee_id uuid REFERENCES users(id),
      reporter_id uuid NOT NULL REFERENCES users(id),
      thread_root_id uuid REFERENCES chat_messages(id),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      UNIQUE (disaster_id, number)
    )`);
    await q.query(`CREATE TABLE disaster_damage_photos (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES disaster_damage_reports(id),
      file_key text NOT NULL,
      name text NOT NULL,
      media_type text NOT NULL,
      size bigint NOT NULL,
      lat double precision,
      lng double precision,
      taken_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(`CREATE INDEX disaster_damage_photos_report ON disaster_damage_photos (report_id)`);
    await q.query(`CREATE TABLE disaster_situation (
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      version int NOT NULL CHECK (version >= 1),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
      author_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (disaster_id, version)
    )`);
    await q.query(`CREATE TABLE disaster_guests (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      organisation text NOT NULL,
      invited_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      removed_at timestamptz
    )`);
    await q.query(`CREATE TABLE disaster_timeline (
      id bigserial PRIMARY KEY,
      disaster_id uuid NOT NULL REFERENCES disasters(id),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      kind text NOT NULL,
      actor_id uuid REFERENCES users(id),
      actor_name text NOT NULL DEFAULT '',
      summary text NOT NULL,
      ref_id uuid
    )`);
    await q.query(`CREATE INDEX disaster_timeline_order ON disaster_timeline (disaster_id, at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'disaster_timeline',
      'disaster_guests',
      'disaster_situation',
      'disaster_damage_photos',
      'disaster_damage_reports',
      'disaster_duties',
      'disaster_duty_roles',
      'disaster_roll_call_keys',
      'disaster_roll_call',
      'disaster_receipts',
      'disaster_urgent',
      'disasters',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
