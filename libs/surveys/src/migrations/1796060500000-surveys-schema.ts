import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff surveys. For an anonymous survey the person and the answers live in two tables with nothing in common
 * (docs/architecture.md "Surveys", "Anonymity"): survey_participants says who was invited and whether they
 * answered; survey_responses holds answers with no person key, no time at all and random (v4) ids, and is rewritten
 * in a random order by every write so that neither physical order nor xmin tells who wrote which row.
 * survey_response_authors exists only for named (記名式) surveys; a trigger refuses it any row of an anonymous one.
 */
export class SurveysSchema1796060500000 implements MigrationInterface {
  name = 'SurveysSchema1796060500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE surveys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      series_id uuid NOT NULL,
      wave int NOT NULL DEFAULT 1 CHECK (wave >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
      anonymous boolean NOT NULL,
      allow_edit boolean NOT NULL DEFAULT false,
      audience jsonb NOT NULL,
      definition jsonb NOT NULL,
      threshold int NOT NULL DEFAULT 5 CHECK (threshold BETWEEN 3 AND 10),
      breakdowns text[] NOT NULL DEFAULT '{department,position}',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'open', 'closed')),
      opens_at timestamptz,
      closes_at timestamptz NOT NULL,
      opened_at timestamptz,
      closed_at timestamptz,
      reminders int NOT NULL DEFAULT 0 CHECK (reminders >= 0),
      version int NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (series_id, wave),
      CHECK (opens_at IS NULL OR closes_at > opens_at)
    )`);
    await q.query(`CREATE INDEX surveys_status_idx ON surveys (status, closes_at)`);
    await q.query(`CREATE TABLE survey_participants (
      survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      department_id uuid REFERENCES departments(id) ON DELETE SET NULL,
      position text,
      answered boolean NOT NULL DEFAULT false,
      PRIMARY KEY (survey_id, user_id)
    )`);
    await q.query(`CREATE INDEX survey_participants_user_idx ON survey_participants (user_id)`);
    await q.query(`CREATE TABLE survey_responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
      department_id uuid REFERENCES departments(id) ON DELETE SET NULL,
      position text,
      answers jsonb NOT NULL,
      edit_hash bytea CHECK (edit_hash IS NULL OR length(edit_hash) = 32)
    )`);
    await q.query(`CREATE INDEX survey_responses_survey_idx ON survey_responses (survey_id)`);
    await q.query(`CREATE UNIQUE INDEX survey_responses_edit_idx ON survey_responses (survey_id, edit_hash) WHERE edit_hash IS NOT NULL`);
    await q.query(`CREATE TABLE survey_response_authors (
      response_id uuid PRIMARY KEY REFERENCES survey_responses(id) ON DELETE CASCADE,
      survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      UNIQUE (survey_id, user_id)
    )`);
    await q.query(`CREATE FUNCTION survey_response_authors_named_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT anonymous FROM surveys WHERE id = NEW.survey_id) THEN
          RAISE EXCEPTION 'an anonymous survey records no author';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER survey_response_authors_named_only BEFORE INSERT OR UPDATE ON survey_response_authors
      FOR EACH ROW EXECUTE FUNCTION survey_response_authors_named_only()`);
    // A survey's anonymity is fixed once anyone may answer: it cannot be turned into a named one afterwards.
    await q.query(`CREATE FUNCTION surveys_anonymity_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.anonymous <> NEW.anonymous AND OLD.status <> 'draft' THEN
          RAISE EXCEPTION 'anonymity is fixed once a survey is opened';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER surveys_anonymity_fixed BEFORE UPDATE ON surveys FOR EACH ROW EXECUTE FUNCTION surveys_anonymity_fixed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_response_authors`);
    await q.query(`DROP FUNCTION survey_response_authors_named_only`);
    await q.query(`DROP TABLE survey_responses`);
    await q.query(`DROP TABLE survey_participants`);
    await q.query(`DROP TABLE surveys`);
    await q.query(`DROP FUNCTION surveys_anonymity_fixed`);
  }
}
