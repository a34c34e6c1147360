import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 電子決裁: document types with their route templates and 専決 rows, department prefixes and per-fiscal-year counters
 * of 文書番号, approvals (workflow state in one row, changed under optimistic locking), the action index (contents
 * in the hash-chained audit log), versioned attachments, absences (代決) and paper decision counts (KPI baseline).
 */
export class ApprovalsSchema1796060100000 implements MigrationInterface {
  name = 'ApprovalsSchema1796060100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE approval_types (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      name_en text NOT NULL DEFAULT '',
      description text NOT NULL DEFAULT '',
      retention_years int NOT NULL CHECK (retention_years IN (0, 1, 3, 5, 10, 30)),
      routine boolean NOT NULL DEFAULT false,
      has_amount boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      stages jsonb NOT NULL CHECK (jsonb_typeof(stages) = 'array'),
      authority jsonb NOT NULL CHECK (jsonb_typeof(authority) = 'array'),
      head_rank text NOT NULL DEFAULT '町長',
      sort_order int NOT NULL DEFAULT 0,
      version int NOT NULL DEFAULT 1 CHECK (version > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE approval_prefixes (
      department_id uuid PRIMARY KEY REFERENCES departments(id) ON DELETE CASCADE,
      prefix text NOT NULL CHECK (length(prefix) BETWEEN 1 AND 8)
    )`);
    // One row per department and fiscal year, taken with a row lock at decision time: numbers never repeat.
    await q.query(`CREATE TABLE approval_counters (
      department_id uuid NOT NULL,
      fiscal_year int NOT NULL,
      last_number int NOT NULL CHECK (last_number >= 0),
      PRIMARY KEY (department_id, fiscal_year)
    )`);
    await q.query(`CREATE TABLE approvals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type_id uuid NOT NULL REFERENCES approval_types(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      body text NOT NULL CHECK (length(body) <= 50000),
      amount bigint CHECK (amount IS NULL OR amount >= 0),
      important boolean NOT NULL DEFAULT false,
      unusual boolean NOT NULL DEFAULT false,
      extra_stages jsonb NOT NULL DEFAULT '[]',
      drafter_id uuid NOT NULL REFERENCES users(id),
      department_id uuid REFERENCES departments(id) ON DELETE SET NULL,
      status text NOT NULL CHECK (status IN ('draft','in_progress','sent_back','withdrawn','rejected','decided')),
      version int NOT NULL CHECK (version > 0),
      current_stage int,
      workflow jsonb NOT NULL,
      waiting_ids uuid[] NOT NULL DEFAULT '{}',
      route_ids uuid[] NOT NULL DEFAULT '{}',
      actor_ids uuid[] NOT NULL DEFAULT '{}',
      review_ids uuid[] NOT NULL DEFAULT '{}',
      source_message_id uuid,
      source_channel_id uuid,
      source_channel_name text,
      after_the_fact boolean NOT NULL DEFAULT false,
      routine boolean NOT NULL DEFAULT false,
      document_number text UNIQUE,
      decided_at timestamptz,
      decided_fiscal_year int,
      stated_decision_date date,
      stated_decision_reason text,
      retention_years int NOT NULL CHECK (retention_years IN (0, 1, 3, 5, 10, 30)),
      retention_ends_on date,
      submitted_at timestamptz,
      first_submitted_at timestamptz,
      search_terms text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'decided') = (document_number IS NOT NULL)),
      CHECK ((status = 'decided') = (decided_at IS NOT NULL)),
      CHECK ((stated_decision_date IS NULL) = (stated_decision_reason IS NULL))
    )`);
    // A decided document is locked: its number, text and decision never change again.
    await q.query(`CREATE FUNCTION approvals_locked_after_decision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'decided' AND (NEW.status <> 'decided' OR NEW.document_number IS DISTINCT FROM OLD.document_number
          OR NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body OR NEW.amount IS DISTINCT FROM OLD.amount
          OR NEW.decided_at IS DISTINCT FROM OLD.decided_at OR NEW.stated_decision_date IS DISTINCT FROM OLD.stated_decision_date) THEN
          RAISE EXCEPTION 'a decided approval is locked';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER approvals_lock BEFORE UPDATE ON approvals FOR EACH ROW EXECUTE FUNCTION approvals_locked_after_decision()`,
    );
    await q.query(`CREATE INDEX approvals_waiting_idx ON approvals USING gin (waiting_ids)`);
    await q.query(`CREATE INDEX approvals_route_idx ON approvals USING gin (route_ids)`);
    await q.query(`CREATE INDEX approvals_actor_idx ON approvals USING gin (actor_ids)`);
    await q.query(`CREATE INDEX approvals_review_idx ON approvals USING gin (review_ids)`);
    await q.query(`CREATE INDEX approvals_terms_idx ON approvals USING gin (search_terms)`);
    await q.query(`CREATE INDEX approvals_drafter_idx ON approvals (drafter_id, status, updated_at DESC)`);
    await q.query(`CREATE INDEX approvals_decided_idx ON approvals (decided_at) WHERE decided_at IS NOT NULL`);
    await q.query(`CREATE INDEX approvals_department_idx ON approvals (department_id, status)`);
    // The history index: what happened, in order. Who wrote what (comment, position, stated date) is in the audit
    // log entry it names, so changing or deleting it breaks the chain that /api/audit/verify checks.
    await q.query(`CREATE TABLE approval_actions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      approval_id uuid NOT NULL REFERENCES approvals(id) ON DELETE CASCADE,
      seq int NOT NULL CHECK (seq > 0),
      kind text NOT NULL,
      stage int,
      actor_id uuid NOT NULL REFERENCES users(id),
      on_behalf_of_id uuid REFERENCES users(id),
      to_stage int,
      at timestamptz NOT NULL,
      audit_id bigint NOT NULL UNIQUE,
      UNIQUE (approval_id, seq)
    )`);
    await q.query(`CREATE FUNCTION approval_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'approval_actions is append-only'; END $$`);
    await q.query(`CREATE TRIGGER approval_actions_no_update BEFORE UPDATE OR TRUNCATE ON approval_actions
      FOR EACH STATEMENT EXECUTE FUNCTION approval_actions_append_only()`);
    await q.query(`CREATE TABLE approval_attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      approval_id uuid NOT NULL REFERENCES approvals(id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      removed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX approval_attachments_approval_idx ON approval_attachments (approval_id)`);
    await q.query(`CREATE TABLE approval_attachment_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      attachment_id uuid NOT NULL REFERENCES approval_attachments(id) ON DELETE CASCADE,
      version int NOT NULL CHECK (version > 0),
      file_key text NOT NULL,
      file_name text NOT NULL,
      byte_size bigint NOT NULL CHECK (byte_size > 0),
      page_count int NOT NULL CHECK (page_count > 0),
      page_sizes jsonb NOT NULL DEFAULT '[]',
      page_text text NOT NULL DEFAULT '',
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (attachment_id, version)
    )`);
    await q.query(`CREATE TABLE approval_absences (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      proxy_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      note text NOT NULL DEFAULT '',
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK (proxy_id <> user_id)
    )`);
    await q.query(`CREATE INDEX approval_absences_user_idx ON approval_absences (user_id, ends_at)`);
    await q.query(`CREATE TABLE approval_paper_decisions (
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      department_id uuid NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
      count int NOT NULL CHECK (count >= 0),
      PRIMARY KEY (month, department_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'approval_paper_decisions',
      'approval_absences',
      'approval_attachment_versions',
      'approval_attachments',
      'approval_actions',
      'approvals',
      'approval_counters',
      'approval_prefixes',
      'approval_types',
    ])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION approval_actions_append_only`);
    await q.query(`DROP FUNCTION approvals_locked_after_decision`);
  }
}
