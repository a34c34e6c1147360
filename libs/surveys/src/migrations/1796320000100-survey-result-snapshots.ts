import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures of an open anonymous survey come from a frozen copy of its answers (docs/architecture.md "Results and
 * suppression"), refreshed only once at least k more people have answered, so that two reads around one new response
 * show the same figures. No time, no id per answer, no edit hash; the rows are in a random order. Gone at close.
 * Surveys already open get their snapshot now, from their current answers.
 */
export class SurveyResultSnapshots1796320000100 implements MigrationInterface {
  name = 'SurveyResultSnapshots1796320000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE survey_result_snapshots (
      survey_id uuid PRIMARY KEY REFERENCES surveys(id) ON DELETE CASCADE,
      responded int NOT NULL CHECK (responded >= 0),
      responses jsonb NOT NULL CHECK (jsonb_typeof(responses) = 'array')
    )`);
    await q.query(`INSERT INTO survey_result_snapshots (survey_id, responded, responses)
      SELECT s.id, count(r.survey_id)::int,
        coalesce(jsonb_agg(jsonb_build_object('department', r.department_id, 'position', r.position, 'answers', r.answers)
          ORDER BY random()) FILTER (WHERE r.survey_id IS NOT NULL), '[]'::jsonb)
      FROM surveys s LEFT JOIN survey_responses r ON r.survey_id = s.id
      WHERE s.anonymous AND s.status IN ('open', 'scheduled') GROUP BY s.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_result_snapshots`);
  }
}
