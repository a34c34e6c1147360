import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Paperless meeting rooms: meetings, participants, agenda, versioned PDF documents, private notes, minutes. */
export class MeetingsSchema1764200000000 implements MigrationInterface {
  name = 'MeetingsSchema1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      place text CHECK (place IS NULL OR length(place) <= 200),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz,
      organiser_id uuid NOT NULL REFERENCES users(id),
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'live', 'ended')),
      paper_distributed boolean NOT NULL DEFAULT false,
      presenter_id uuid NOT NULL REFERENCES users(id),
      current_document_id uuid,
      current_page int NOT NULL DEFAULT 1 CHECK (current_page >= 1),
      zoom real NOT NULL DEFAULT 1 CHECK (zoom >= 0.25 AND zoom <= 8),
      state_version int NOT NULL DEFAULT 0 CHECK (state_version >= 0),
      started_at timestamptz,
      ended_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at IS NULL OR ends_at > starts_at)
    )`);
    await q.query(`CREATE INDEX meetings_starts_at_idx ON meetings (starts_at)`);
    await q.query(`CREATE TABLE meeting_participants (
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL DEFAULT 'participant' CHECK (role IN ('organiser', 'participant')),
      via_department_id uuid REFERENCES departments(id) ON DELETE SET NULL,
      joined_at timestamptz,
      PRIMARY KEY (meeting_id, user_id)
    )`);
    await q.query(`CREATE INDEX meeting_participants_user_idx ON meeting_participants (user_id)`);
    // Exactly one organiser row per meeting.
    await q.query(`CREATE UNIQUE INDEX meeting_participants_one_organiser ON meeting_participants (meeting_id) WHERE role = 'organiser'`);
    await q.query(`CREATE TABLE meeting_departments (
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      department_id uuid NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
      PRIMARY KEY (meeting_id, department_id)
    )`);
    await q.query(`CREATE TABLE agenda_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      position int NOT NULL CHECK (position >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      duration_minutes int CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 600),
      minutes text NOT NULL DEFAULT '' CHECK (length(minutes) <= 20000),
      decisions text NOT NULL DEFAULT '' CHECK (length(decisions) <= 5000),
      CONSTRAINT agenda_items_position_key UNIQUE (meeting_id, position) DEFERRABLE INITIALLY DEFERRED,
      UNIQUE (meeting_id, id)
    )`);
    await q.query(`CREATE TABLE meeting_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      agenda_item_id uuid,
      series_id uuid NOT NULL,
      version int NOT NULL CHECK (version >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      file_key text NOT NULL CHECK (file_key ~ '^[0-9a-f]{64}$'),
      byte_size bigint NOT NULL CHECK (byte_size > 0),
      page_count int NOT NULL CHECK (page_count >= 1),
      page_sizes jsonb NOT NULL,
      confidential boolean NOT NULL DEFAULT false,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      published_at timestamptz,
      superseded_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (series_id, version),
      UNIQUE (meeting_id, id),
      FOREIGN KEY (meeting_id, agenda_item_id) REFERENCES agenda_items (meeting_id, id) ON DELETE SET NULL (agenda_item_id)
    )`);
    // Only the latest version of a series is current.
    await q.query(`CREATE UNIQUE INDEX meeting_documents_one_current ON meeting_documents (series_id) WHERE superseded_at IS NULL`);
    // The presented document belongs to the same meeting.
    await q.query(
      `ALTER TABLE meetings ADD CONSTRAINT meetings_current_document_fk FOREIGN KEY (id, current_document_id) REFERENCES meeting_documents (meeting_id, id) DEFERRABLE INITIALLY DEFERRED`,
    );
    await q.query(`CREATE TABLE meeting_document_pages (
      document_id uuid NOT NULL REFERENCES meeting_documents(id) ON DELETE CASCADE,
      page int NOT NULL CHECK (page >= 1),
      text text NOT NULL,
      PRIMARY KEY (document_id, page)
    )`);
    await q.query(`CREATE TABLE meeting_notes (
      document_id uuid NOT NULL REFERENCES meeting_documents(id) ON DELETE CASCADE,
      owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      page int NOT NULL CHECK (page >= 1),
      strokes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(strokes) = 'array'),
      memos jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(memos) = 'array'),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (document_id, owner_id, page)
    )`);
    await q.query(`CREATE INDEX meeting_notes_owner_idx ON meeting_notes (owner_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings DROP CONSTRAINT meetings_current_document_fk`);
    for (const table of [
      'meeting_notes',
      'meeting_document_pages',
      'meeting_documents',
      'agenda_items',
      'meeting_departments',
      'meeting_participants',
      'meetings',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
